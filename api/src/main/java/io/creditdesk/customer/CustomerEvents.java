package io.creditdesk.customer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.creditdesk.common.Actor;
import io.creditdesk.common.Money;
import io.creditdesk.events.CreditEventType;
import io.creditdesk.events.Outbox;

import org.springframework.stereotype.Component;

/**
 * The credit events of a customer's profile: {@code CreditLimitChanged},
 * {@code CustomerStatusChanged}, {@code RiskFlagRaised}, {@code RiskFlagCleared} and
 * {@code CustomerNoticeIssued}. They are written with the change itself (see
 * {@link Outbox}); the schema is in {@code docs/events.md}.
 */
@Component
class CustomerEvents {

	private final Outbox outbox;

	CustomerEvents(Outbox outbox) {
		this.outbox = outbox;
	}

	Outbox.Event limitChanged(Customer customer, CreditLimit before, CreditLimit after, String reason) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("scope", "CUSTOMER");
		data.put("previousLimit", (before != null) ? Outbox.money(before.amount()) : null);
		data.put("limit", Outbox.money(after.amount()));
		data.put("validUntil", (after.validUntil() != null) ? after.validUntil().toString() : null);
		data.put("nextReviewDate", (after.nextReviewDate() != null) ? after.nextReviewDate().toString() : null);
		data.put("reason", reason);
		data.put("changedBy", after.approvedBy());
		return this.outbox.event(CreditEventType.CREDIT_LIMIT_CHANGED, customer.id(), data);
	}

	/**
	 * A notice to the customer that its limit was reduced, with the principal reasons (at
	 * most four), as adverse-action practice requires.
	 */
	Outbox.Event noticeIssued(Customer customer, Money previous, Money next, List<String> reasons) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("customerId", customer.id());
		data.put("previousLimit", previous.amount().toPlainString());
		data.put("newLimit", next.amount().toPlainString());
		data.put("currency", next.currency());
		data.put("reasons", List.copyOf(reasons));
		return this.outbox.event(CreditEventType.CUSTOMER_NOTICE_ISSUED, customer.id(), data);
	}

	Outbox.Event statusChanged(Customer customer, CustomerStatus to, String reason) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("previousStatus", (customer.status() != null) ? customer.status().name() : null);
		data.put("status", to.name());
		data.put("reason", reason);
		data.put("changedBy", Actor.current().name());
		return this.outbox.event(CreditEventType.CUSTOMER_STATUS_CHANGED, customer.id(), data);
	}

	Outbox.Event flagRaised(Customer customer, RiskFlag flag) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("flag", flag.type().name());
		data.put("reason", flag.reason());
		data.put("source", flag.source());
		data.put("raisedBy", flag.raisedBy());
		return this.outbox.event(CreditEventType.RISK_FLAG_RAISED, customer.id(), data);
	}

	Outbox.Event flagCleared(Customer customer, RiskFlagType type, String reason) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("flag", type.name());
		data.put("reason", reason);
		data.put("clearedBy", Actor.current().name());
		return this.outbox.event(CreditEventType.RISK_FLAG_CLEARED, customer.id(), data);
	}

}
