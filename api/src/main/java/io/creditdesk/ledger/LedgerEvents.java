package io.creditdesk.ledger;

import java.util.LinkedHashMap;
import java.util.Map;

import io.creditdesk.common.Money;
import io.creditdesk.events.CreditEventType;
import io.creditdesk.events.ExposureSnapshots;
import io.creditdesk.events.Outbox;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The ledger's credit events: what {@code OrderCreditDecided}, {@code OrderReleased} and
 * a group's {@code CreditLimitChanged} carry, and the {@code ExposureChanged} snapshot of
 * a customer document. The schema is documented in {@code docs/events.md}.
 */
@Component
class LedgerEvents implements ExposureSnapshots {

	private final Outbox outbox;

	private final MongoTemplate mongo;

	private final AccountContexts contexts;

	LedgerEvents(Outbox outbox, MongoTemplate mongo, AccountContexts contexts) {
		this.outbox = outbox;
		this.mongo = mongo;
		this.contexts = contexts;
	}

	/** Why a decision was taken on an order. */
	enum Trigger {

		PLACED, AMENDED, REOPENED, SHIPPED_BEYOND_ORDER, REJECTED_BY_APPROVER

	}

	/** How a held order came to be released. */
	enum Release {

		APPROVER, APPROVER_OVERRIDE, AUTOMATIC

	}

	Outbox.Event orderDecided(Order order, CreditDecision decision, Trigger trigger) {
		Map<String, Object> data = order(order);
		data.put("trigger", trigger.name());
		data.put("decision", decision(decision));
		return this.outbox.event(CreditEventType.ORDER_CREDIT_DECIDED, order.customerId(), data);
	}

	Outbox.Event orderReleased(Order order, CreditDecision decision, Release release, String reason) {
		Map<String, Object> data = order(order);
		data.put("release", release.name());
		data.put("reason", reason);
		data.put("decision", decision(decision));
		return this.outbox.event(CreditEventType.ORDER_RELEASED, order.customerId(), data);
	}

	Outbox.Event groupLimitChanged(CreditAccount parent, Money before, Money after, String reason, String changedBy) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("scope", "GROUP");
		data.put("previousLimit", Outbox.money(before));
		data.put("limit", Outbox.money(after));
		data.put("validUntil", null);
		data.put("reason", reason);
		data.put("changedBy", changedBy);
		return this.outbox.event(CreditEventType.CREDIT_LIMIT_CHANGED, parent.id(), data);
	}

	/**
	 * The customer's credit position as stored in {@code customer}, as figures of an
	 * {@code ExposureChanged}.
	 */
	@Override
	public Map<String, Object> snapshot(Document customer) {
		CreditAccount account = this.mongo.getConverter().read(CreditAccount.class, customer);
		CreditAccountService.Exposure figures = CreditAccountService.exposure(this.contexts.load(account), null);
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("customerId", account.id());
		data.put("currency", account.creditCurrency());
		data.put("status", (account.status() != null) ? account.status().name() : null);
		data.put("limit", Outbox.money(figures.limit()));
		Map<String, Object> exposure = new LinkedHashMap<>();
		exposure.put("openOrders", Outbox.money(figures.openOrders()));
		exposure.put("longDatedOrders", Outbox.money(figures.longDatedOrders()));
		exposure.put("shippedNotInvoiced", Outbox.money(figures.shippedNotInvoiced()));
		exposure.put("receivables", Outbox.money(figures.receivables()));
		exposure.put("overdue", Outbox.money(figures.overdue()));
		exposure.put("secured", Outbox.money(figures.secured()));
		exposure.put("gross", Outbox.money(figures.gross()));
		exposure.put("net", Outbox.money(figures.net()));
		data.put("exposure", exposure);
		data.put("availableCredit", Outbox.money(figures.availableCredit()));
		data.put("utilization", figures.utilization());
		return data;
	}

	private static Map<String, Object> order(Order order) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("orderId", order.id());
		data.put("channel", order.channel());
		data.put("status", order.status().name());
		data.put("amount", Outbox.money(order.amount()));
		data.put("creditAmount", Outbox.money(order.creditAmount()));
		data.put("requestedDeliveryDate",
				(order.requestedDeliveryDate() != null) ? order.requestedDeliveryDate().toString() : null);
		if (order.pendingAmendment() != null) {
			data.put("pendingAmendment", Map.of("amount", Outbox.money(order.pendingAmendment().amount()),
					"creditAmount", Outbox.money(order.pendingAmendment().creditAmount())));
		}
		return data;
	}

	private static Map<String, Object> decision(CreditDecision d) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("status", d.status().name());
		data.put("reasonCodes", CreditReasonCode.names(d.reasonCodes()));
		data.put("amount", Outbox.money(d.amount()));
		data.put("limit", Outbox.money(d.limit()));
		data.put("exposure", Outbox.money(d.exposure()));
		data.put("available", Outbox.money(d.available()));
		data.put("availableAfter", Outbox.money(d.availableAfter()));
		data.put("decidedAt", (d.decidedAt() != null) ? d.decidedAt().toString() : null);
		data.put("decidedBy", d.decidedBy());
		return data;
	}

}
