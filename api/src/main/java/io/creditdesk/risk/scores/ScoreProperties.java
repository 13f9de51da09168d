package io.creditdesk.risk.scores;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How live scores are kept current ({@code creditdesk.scores.*}).
 *
 * @param enabled false switches the background scoring off (scores are then only what was
 * stored)
 * @param batchSize customers per batched model call and per bulk write
 * @param debounce how long after the last ledger event of a customer its score is
 * refreshed: a burst of payments is scored once
 * @param refreshInterval how often due refreshes are looked for
 * @param portfolioCron when the whole portfolio is re-scored (daily: overdue invoices are
 * a change of the date, not of a document)
 * @param modelCheckInterval how often an instance checks whether the active models
 * changed since the portfolio was last scored (then it re-scores it)
 * @param lease how long one instance holds the portfolio run before another may take over
 */
@ConfigurationProperties("creditdesk.scores")
record ScoreProperties(@DefaultValue("true") boolean enabled, @DefaultValue("500") int batchSize,
		@DefaultValue("5s") Duration debounce, @DefaultValue("1s") Duration refreshInterval,
		@DefaultValue("0 30 0 * * *") String portfolioCron, @DefaultValue("30s") Duration modelCheckInterval,
		@DefaultValue("1h") Duration lease) {

	ScoreProperties {
		if (batchSize < 1) {
			throw new IllegalArgumentException("creditdesk.scores.batch-size must be at least 1, was " + batchSize);
		}
	}

}
