package io.creditdesk.risk.scores;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import io.creditdesk.customer.CustomerCreditChanged;
import io.creditdesk.ledger.ExposureChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Refreshes a customer's score shortly after its payment history changed on this
 * instance: an invoice, payment, discount, credit note or write-off booked, or a new
 * limit, debounced per customer ({@link Debouncer}). An invoice that becomes overdue is a
 * change of the date, not of a document: the daily portfolio run scores it. Requests live
 * in memory: one lost to a crash is caught by that daily run.
 */
@Component
class ScoreRefresh {

	private static final Logger log = LoggerFactory.getLogger(ScoreRefresh.class);

	/**
	 * The ledger changes that change a payment history ({@link ExposureChanged#cause}).
	 */
	static final Set<String> HISTORY_CAUSES = Set.of("INVOICE_ISSUED", "PAYMENT", "DISCOUNT", "CREDIT_NOTE",
			"WRITE_OFF");

	/**
	 * The profile changes that set a new limit ({@code CustomerCreditChanged#action}),
	 * whichever way: directly, approved through a request, or adjusted by the dynamic
	 * limit policy. Each adds to the limit history the model reads.
	 */
	static final Set<String> LIMIT_ACTIONS = Set.of("CREDIT_LIMIT_SET", "CREDIT_LIMIT_APPROVED",
			"CREDIT_LIMIT_ADJUSTED");

	private final LiveScoring scoring;

	private final ScoreProperties properties;

	private final Clock clock;

	private final Debouncer debouncer;

	ScoreRefresh(LiveScoring scoring, ScoreProperties properties, Clock clock) {
		this.scoring = scoring;
		this.properties = properties;
		this.clock = clock;
		this.debouncer = new Debouncer(properties.debounce());
	}

	@EventListener
	void on(ExposureChanged event) {
		if (HISTORY_CAUSES.contains(event.cause())) {
			this.debouncer.request(event.customerId(), this.clock.instant());
		}
	}

	@EventListener
	void on(CustomerCreditChanged event) {
		if (LIMIT_ACTIONS.contains(event.action())) {
			this.debouncer.request(event.customerId(), this.clock.instant());
		}
	}

	@Scheduled(fixedDelayString = "${creditdesk.scores.refresh-interval:1s}",
			initialDelayString = "${creditdesk.scores.refresh-interval:1s}")
	void refreshDue() {
		if (!this.properties.enabled()) {
			return;
		}
		List<String> due = this.debouncer.takeDue(this.clock.instant(), this.properties.batchSize());
		if (due.isEmpty()) {
			return;
		}
		try {
			this.scoring.refresh(due);
		}
		catch (RuntimeException ex) {
			// Asked again so the next round retries; the daily run is the backstop.
			due.forEach(id -> this.debouncer.request(id, this.clock.instant()));
			log.warn("Refreshing the scores of {} customer(s) failed; retrying: {}", due.size(), ex.toString());
		}
	}

}
