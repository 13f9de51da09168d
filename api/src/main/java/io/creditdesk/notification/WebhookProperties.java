package io.creditdesk.notification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the webhook deliveries ({@code creditdesk.webhooks.*}).
 *
 * @param allowPrivateTargets admit loopback, private and link-local targets (a test, or a
 * receiver inside the company network): off by default, because a URL chosen by a user
 * would otherwise let them make this service call its own network (server-side request
 * forgery)
 * @param maxAttempts deliveries tried per event before it is given up ({@code FAILED})
 * @param initialBackoff the wait before the second attempt; doubled at each further one
 * @param maxBackoff the longest wait between two attempts
 * @param disableAfter consecutive failed attempts of a subscription after which it is
 * disabled (and the admins notified)
 * @param connectTimeout to connect to the receiver
 * @param responseTimeout to wait for its answer
 * @param claim how long one instance holds a delivery it is sending: longer than both
 * timeouts, so two instances never send the same delivery at once
 * @param batchSize deliveries tried per round
 */
@ConfigurationProperties("creditdesk.webhooks")
public record WebhookProperties(@DefaultValue("false") boolean allowPrivateTargets, @DefaultValue("8") int maxAttempts,
		@DefaultValue("30s") Duration initialBackoff, @DefaultValue("1h") Duration maxBackoff,
		@DefaultValue("10") int disableAfter, @DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("10s") Duration responseTimeout, @DefaultValue("1m") Duration claim,
		@DefaultValue("20") int batchSize) {

	public WebhookProperties {
		if (maxAttempts < 1 || disableAfter < 1 || batchSize < 1) {
			throw new IllegalArgumentException(
					"creditdesk.webhooks.max-attempts, disable-after and batch-size must be at least 1");
		}
		if (claim.compareTo(connectTimeout.plus(responseTimeout)) <= 0) {
			throw new IllegalArgumentException(
					"creditdesk.webhooks.claim must be longer than connect-timeout plus response-timeout");
		}
	}

	/** The wait before attempt {@code attempt + 1}, after {@code attempt} failed ones. */
	Duration backoff(int attempt) {
		Duration wait = this.initialBackoff;
		for (int i = 1; i < attempt && wait.compareTo(this.maxBackoff) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		return (wait.compareTo(this.maxBackoff) > 0) ? this.maxBackoff : wait;
	}

}
