package io.creditdesk.intake;

import io.creditdesk.CreditDeskIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The intake's listener beans as the service wires them: its container factory uses its
 * error handler, and Spring Boot's own factory (for any other listener) does not, so no
 * other listener's failures would land in the intake's dead letters.
 */
@CreditDeskIntegrationTest
class IntakeListenerConfigurationIntegrationTests {

	@Autowired
	@Qualifier("intakeErrorHandler")
	private DefaultErrorHandler intakeErrorHandler;

	@Autowired
	@Qualifier("intakeListenerContainerFactory")
	private ConcurrentKafkaListenerContainerFactory<?, ?> intakeFactory;

	@Autowired
	@Qualifier("kafkaListenerContainerFactory")
	private ConcurrentKafkaListenerContainerFactory<?, ?> bootFactory;

	@Test
	void onlyTheIntakesFactoryDeadLettersIntoTheIntake() {
		assertThat(ReflectionTestUtils.getField(this.intakeFactory, "commonErrorHandler"))
			.isSameAs(this.intakeErrorHandler);
		assertThat(ReflectionTestUtils.getField(this.bootFactory, "commonErrorHandler"))
			.isNotSameAs(this.intakeErrorHandler);
	}

}
