package io.creditdesk.intake;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.creditdesk.infrastructure.TestKafkaBrokers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/** The consumers start only when enabled and an OrderGateway exists. */
class IntakeConsumersGateTests {

	/** Nothing listens on port 9: Kafka never becomes ready. */
	private static final TestKafkaBrokers.Readiness NOWHERE = TestKafkaBrokers.readiness("127.0.0.1:9");

	@AfterAll
	static void closeReadiness() {
		NOWHERE.close();
	}

	private static IntakeConsumers consumers(boolean enabled, OrderGateway gateway) {
		IntakeProperties properties = new IntakeProperties(enabled, Map.of(), ".DLT", "gate-test", 1, 1, 3,
				Duration.ofMillis(100), 2.0, Duration.ofMillis(400), Duration.ofSeconds(15), Duration.ofMinutes(2));
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		if (gateway != null) {
			beans.registerSingleton("gateway", gateway);
		}
		return IntakeSamples.consumers(properties, beans.getBeanProvider(OrderGateway.class),
				IntakeSamples.processor(IntakeSamples.Directory.withSampleCustomer()), mock(IntakeFailureStore.class),
				Clock.systemUTC(), new DefaultKafkaConsumerFactory<>(Map.of("bootstrap.servers", "127.0.0.1:9")),
				new DefaultKafkaProducerFactory<>(Map.of("bootstrap.servers", "127.0.0.1:9")),
				beans.getBeanProvider(MeterRegistry.class), NOWHERE.kafka());
	}

	@Test
	void disabledByDefaultEvenWithAGateway() {
		IntakeConsumers consumers = consumers(false, new RecordingOrderGateway());
		consumers.start();
		assertThat(consumers.isRunning()).isFalse();
		assertThat(consumers.expected()).isFalse();
		assertThat(consumers.state()).contains("disabled");
		assertThat(new IntakeProperties(false, null, ".DLT", "g", 6, 1, 4, Duration.ofSeconds(1), 2.0,
				Duration.ofSeconds(30), Duration.ofSeconds(15), Duration.ofMinutes(2))
			.topic(IntakeChannel.EDI)).isEqualTo("orders.raw.edi");
	}

	@Test
	void enabledWithoutAGatewayDoesNotStart() {
		IntakeConsumers consumers = consumers(true, null);
		consumers.start();
		assertThat(consumers.isRunning()).isFalse();
		assertThat(consumers.expected()).isFalse();
		assertThat(consumers.state()).contains("no OrderGateway");
	}

	@Test
	void enabledWithAGatewayStartsAndWaitsForKafkaBeforeConsuming() {
		IntakeConsumers consumers = consumers(true, new RecordingOrderGateway());
		try {
			consumers.start();
			assertThat(consumers.isRunning()).isTrue();
			assertThat(consumers.expected()).isTrue();
			assertThat(consumers.consuming()).as("no consumer before Kafka is ready").isFalse();
			assertThat(consumers.state()).startsWith("waiting for Kafka");
		}
		finally {
			consumers.stop();
		}
		assertThat(consumers.isRunning()).isFalse();
		assertThat(consumers.consuming()).isFalse();
	}

}
