package io.creditdesk.notification;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The retry schedule of webhook deliveries: doubling from the first wait, bounded. */
class WebhookPropertiesTests {

	private static final WebhookProperties DEFAULTS = new WebhookProperties(false, 8, Duration.ofSeconds(30),
			Duration.ofHours(1), 10, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(1), 20);

	@ParameterizedTest(name = "after {0} failed attempt(s): wait {1}")
	@CsvSource({ "1, PT30S", "2, PT1M", "3, PT2M", "4, PT4M", "7, PT32M", "8, PT1H", "30, PT1H" })
	void theWaitDoublesUpToTheMaximum(int attempts, Duration wait) {
		assertThat(DEFAULTS.backoff(attempts)).isEqualTo(wait);
	}

	@Test
	void aClaimShorterThanTheTimeoutsIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WebhookProperties(false, 8, Duration.ofSeconds(30), Duration.ofHours(1), 10,
					Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(15), 20))
			.withMessageContaining("claim");
	}

}
