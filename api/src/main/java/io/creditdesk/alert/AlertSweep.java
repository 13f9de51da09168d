package io.creditdesk.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.creditdesk.common.Connection;
import io.creditdesk.customer.Customer;
import io.creditdesk.customer.CustomerInputs.CustomerFilter;
import io.creditdesk.customer.CustomerService;
import io.creditdesk.infrastructure.JobLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The alerts' scheduled work, each under a {@link JobLock} lease so that one instance
 * does it at a time: the daily sweep for what time alone changes (a limit's expiry coming
 * near, invoices ageing past grace or the policy's age, scores refreshed in the
 * background, the champion's drift), and writing the alerts a crash left pending in their
 * state documents. A sweep decides through the same conditional updates as the event
 * path, so two sweeps (or a sweep and an event) never raise one alert twice.
 */
@Component
class AlertSweep {

	private static final Logger log = LoggerFactory.getLogger(AlertSweep.class);

	private static final int PAGE = 200;

	private final AlertEvaluator evaluator;

	private final AlertStore store;

	private final CustomerService customers;

	private final JobLock lock;

	private final AlertsProperties properties;

	AlertSweep(AlertEvaluator evaluator, AlertStore store, CustomerService customers, JobLock lock,
			AlertsProperties properties) {
		this.evaluator = evaluator;
		this.store = store;
		this.customers = customers;
		this.lock = lock;
		this.properties = properties;
	}

	@Scheduled(cron = "${creditdesk.alerts.sweep-cron:0 15 3 * * *}", zone = "UTC")
	void daily() {
		this.lock.runAlone("alerts-sweep", this.properties.sweepLease(), this::sweep);
	}

	@Scheduled(fixedDelayString = "${creditdesk.alerts.pending-interval:5s}", initialDelayString = "10s")
	void pending() {
		this.lock.runAlone("alerts-pending", this.properties.pendingInterval().multipliedBy(6),
				this.store::settlePending);
	}

	/**
	 * Evaluates every customer's alerts and the champion's drift now.
	 * @return the alerts raised and resolved
	 */
	List<Alert> sweep() {
		List<Alert> changed = evaluateCustomers(new CustomerFilter(null, null, null, null, null, null),
				AlertEvaluator.CUSTOMER_TYPES);
		try {
			changed.addAll(this.evaluator.modelDrift());
		}
		catch (RuntimeException ex) {
			log.warn("Alert sweep: drift not evaluated: {}", ex.toString());
		}
		log.info("Alert sweep: {} alerts raised or resolved", changed.size());
		return changed;
	}

	/**
	 * Evaluates the given alert types of every customer the filter selects, page by page;
	 * a customer that fails is logged and skipped.
	 */
	List<Alert> evaluateCustomers(CustomerFilter filter, Set<AlertType> types) {
		List<Alert> changed = new ArrayList<>();
		String after = null;
		do {
			String cursor = after;
			Connection<Customer> page = AlertEvaluator.asSystem(() -> this.customers.list(filter, PAGE, cursor));
			for (Connection.Edge<Customer> edge : page.edges()) {
				try {
					changed.addAll(this.evaluator.evaluate(edge.node().id(), types));
				}
				catch (RuntimeException ex) {
					log.warn("Alerts of customer {} not evaluated: {}", edge.node().id(), ex.toString());
				}
			}
			after = page.pageInfo().hasNextPage() ? page.pageInfo().endCursor() : null;
		}
		while (after != null);
		return changed;
	}

}
