package io.creditdesk.alert;

import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.creditdesk.customer.CustomerInputs.CustomerFilter;
import io.creditdesk.policy.CreditPolicyChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A changed credit policy changes thresholds: the customers it applies to are evaluated
 * again, in the background (one thread, in order of the changes), so the person who
 * changed the policy does not wait for a portfolio. The event is published in the process
 * that stored the policy; should it stop before this ran, the daily sweep evaluates every
 * customer with the policy in force.
 */
@Component
class PolicyChanges implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(PolicyChanges.class);

	private static final Set<AlertType> TYPES = Set.of(AlertType.UTILIZATION_THRESHOLD, AlertType.OVERDUE);

	private final AlertSweep sweep;

	private final AlertEvaluator evaluator;

	private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
		Thread thread = new Thread(runnable, "alerts-policy-changes");
		thread.setDaemon(true);
		return thread;
	});

	PolicyChanges(AlertSweep sweep, AlertEvaluator evaluator) {
		this.sweep = sweep;
		this.evaluator = evaluator;
	}

	@EventListener
	void onPolicyChanged(CreditPolicyChanged changed) {
		this.worker.execute(() -> {
			try {
				int count = switch (changed.level()) {
					case CUSTOMER -> this.evaluator.evaluate(changed.code(), TYPES).size();
					case SEGMENT -> evaluate(new CustomerFilter(changed.code(), null, null, null, null, null));
					case TIER -> evaluate(new CustomerFilter(null, changed.code(), null, null, null, null));
					case INDUSTRY -> evaluate(new CustomerFilter(null, null, changed.code(), null, null, null));
					case GLOBAL, SYSTEM_DEFAULT -> evaluate(new CustomerFilter(null, null, null, null, null, null));
				};
				log.info("Policy {} {} changed: {} alerts raised or resolved", changed.level(), changed.code(), count);
			}
			catch (RuntimeException ex) {
				log.warn("Alerts after the change of policy {} {} not evaluated (the daily sweep will): {}",
						changed.level(), changed.code(), ex.toString());
			}
		});
	}

	private int evaluate(CustomerFilter filter) {
		return this.sweep.evaluateCustomers(filter, TYPES).size();
	}

	@Override
	public void destroy() {
		this.worker.shutdownNow();
	}

}
