package io.creditdesk.alert;

import io.creditdesk.events.CreditEvent;
import io.creditdesk.events.CreditEventGroup;
import io.creditdesk.events.CreditEventType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Evaluates alerts from the ledger's own changes: reads the credit events as the consumer
 * group {@code creditdesk.alerts.group-id} (a {@link CreditEventGroup}: every instance
 * joins it, so each event is evaluated once, by whichever instance holds its partition; a
 * customer's events stay in order, as they are keyed by customer). Evaluation is
 * idempotent (it decides from the current figures, and event alerts are raised once per
 * event id), so a redelivery after a crash changes nothing. A new group starts at the
 * earliest event: nothing published before the first start is missed. An event that
 * cannot be evaluated is tried three times and then skipped (the next event of the
 * customer and the daily sweep evaluate it again): never an endless retry. Events no
 * alert follows ({@link AlertEvaluator#EVALUATED}) are passed over unparsed.
 */
@Configuration(proxyBeanMethods = false)
class CreditEventConsumer {

	@Bean
	CreditEventGroup alertsCreditEventGroup(AlertsProperties properties, AlertEvaluator evaluator) {
		return new CreditEventGroup("creditdesk-alerts", properties.groupId(), properties.evaluate(),
				event -> evaluate(evaluator, event), AlertEvaluator.EVALUATED::contains);
	}

	/** Alerts' own events raise no alerts. */
	static void evaluate(AlertEvaluator evaluator, CreditEvent event) {
		if (event.type() == CreditEventType.ALERT_RAISED || event.type() == CreditEventType.ALERT_RESOLVED) {
			return;
		}
		evaluator.onCreditEvent(event);
	}

}
