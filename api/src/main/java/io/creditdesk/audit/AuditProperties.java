package io.creditdesk.audit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the audit trail ({@code creditdesk.audit.*}); how often the
 * {@link AuditOutboxMover} runs is {@code creditdesk.audit.mover-interval} (default 5s),
 * read by its schedule.
 *
 * @param moverGrace how old a record waiting in a document must be before the mover takes
 * it: the request that wrote it moves it itself within milliseconds, unless it failed or
 * crashed first
 * @param moverBatchSize documents the mover reads per collection and round
 */
@ConfigurationProperties("creditdesk.audit")
public record AuditProperties(@DefaultValue("5s") Duration moverGrace, @DefaultValue("500") int moverBatchSize) {

	public AuditProperties {
		if (moverBatchSize < 1) {
			throw new IllegalArgumentException("creditdesk.audit.mover-batch-size must be at least 1");
		}
		if (moverGrace.isNegative()) {
			throw new IllegalArgumentException("creditdesk.audit.mover-grace must not be negative");
		}
	}

}
