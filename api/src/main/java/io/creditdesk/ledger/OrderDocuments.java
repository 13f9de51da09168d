package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import io.creditdesk.common.Money;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * Writes a new order as the document the template's converter writes for it, without the
 * converter: every order is written once when placed, and the converter (reflection and
 * conversion lookups per property, per nested value) took more of an order's CPU than its
 * insert. Same fields, same values, same type hint; nulls left out as the converter
 * leaves them out. {@code OrderDocumentsIntegrationTests} holds it equal to the
 * converter's document for orders of every shape, so a field added to {@link Order} or
 * its parts and not written here fails that test. Orders are read, and updated, through
 * the template as before.
 */
final class OrderDocuments {

	/** The type hint the converter writes at the top of an entity's document. */
	static final String TYPE_KEY = "_class";

	private OrderDocuments() {
	}

	static Document write(Order order) {
		Document document = new Document();
		put(document, "_id", storedId(order.id()));
		put(document, "customerId", order.customerId());
		put(document, "segment", order.segment());
		put(document, "channel", order.channel());
		put(document, "amount", money(order.amount()));
		put(document, "creditAmount", money(order.creditAmount()));
		put(document, "fxRate", decimal(order.fxRate()));
		put(document, "fxRateDate", order.fxRateDate());
		put(document, "requestedDeliveryDate", order.requestedDeliveryDate());
		put(document, OrderStore.LONG_DATED, order.longDated());
		put(document, "status", name(order.status()));
		put(document, "decision", decision(order.decision()));
		put(document, "shippedCredit", decimal(order.shippedCredit()));
		put(document, "invoicedCredit", decimal(order.invoicedCredit()));
		put(document, "shippedAmount", decimal(order.shippedAmount()));
		put(document, "invoicedAmount", decimal(order.invoicedAmount()));
		put(document, "shipmentIds", (order.shipmentIds() != null) ? new ArrayList<>(order.shipmentIds()) : null);
		put(document, "shipments", shipments(order.shipments()));
		put(document, "pendingAmendment", amendment(order.pendingAmendment()));
		put(document, "placedBy", order.placedBy());
		put(document, "placedAt", date(order.placedAt()));
		put(document, "updatedAt", date(order.updatedAt()));
		put(document, "fingerprint", order.fingerprint());
		put(document, "worklistKey", order.worklistKey());
		put(document, "version", order.version());
		put(document, TYPE_KEY, Order.class.getName());
		return document;
	}

	/**
	 * Ids that are valid ObjectIds are stored as ObjectIds, as the template stores them.
	 */
	private static Object storedId(String id) {
		return (id != null && ObjectId.isValid(id)) ? new ObjectId(id) : id;
	}

	private static void put(Document document, String field, Object value) {
		if (value != null) {
			document.put(field, value);
		}
	}

	private static Decimal128 decimal(BigDecimal value) {
		return (value != null) ? new Decimal128(value) : null;
	}

	/**
	 * Instants as dates, as the converter writes them (dates of the day stay LocalDates).
	 */
	private static Date date(Instant value) {
		return (value != null) ? Date.from(value) : null;
	}

	private static String name(Enum<?> value) {
		return (value != null) ? value.name() : null;
	}

	private static Document money(Money money) {
		if (money == null) {
			return null;
		}
		Document document = new Document();
		put(document, "amount", decimal(money.amount()));
		put(document, "currency", money.currency());
		return document;
	}

	private static List<String> names(List<? extends Enum<?>> values) {
		if (values == null) {
			return null;
		}
		List<String> names = new ArrayList<>(values.size());
		for (Enum<?> value : values) {
			names.add(name(value));
		}
		return names;
	}

	private static Document decision(CreditDecision decision) {
		if (decision == null) {
			return null;
		}
		Document document = new Document();
		put(document, "status", name(decision.status()));
		put(document, "reasonCodes", names(decision.reasonCodes()));
		if (decision.reasons() != null) {
			List<Document> reasons = new ArrayList<>(decision.reasons().size());
			for (CreditReason reason : decision.reasons()) {
				Document written = new Document();
				put(written, "code", name(reason.code()));
				put(written, "threshold", reason.threshold());
				put(written, "actual", reason.actual());
				put(written, "setBy", reason.setBy());
				put(written, "total", reason.total());
				put(written, "groupLimit", reason.groupLimit());
				put(written, "groupExposure", reason.groupExposure());
				reasons.add(written);
			}
			document.put("reasons", reasons);
		}
		put(document, "amount", money(decision.amount()));
		put(document, "limit", money(decision.limit()));
		put(document, "exposure", money(decision.exposure()));
		put(document, "available", money(decision.available()));
		put(document, "availableAfter", money(decision.availableAfter()));
		put(document, "decidedAt", date(decision.decidedAt()));
		put(document, "decidedBy", decision.decidedBy());
		return document;
	}

	static List<Document> shipments(List<Order.Shipment> shipments) {
		if (shipments == null) {
			return null;
		}
		List<Document> written = new ArrayList<>(shipments.size());
		for (Order.Shipment shipment : shipments) {
			written.add(shipment(shipment));
		}
		return written;
	}

	/** A shipment as the converter writes it, also for the update that adds it. */
	static Document shipment(Order.Shipment shipment) {
		Document document = new Document();
		put(document, "shipmentId", shipment.shipmentId());
		put(document, "amount", money(shipment.amount()));
		put(document, "rest", shipment.rest());
		return document;
	}

	private static Document amendment(Order.PendingAmendment amendment) {
		if (amendment == null) {
			return null;
		}
		Document document = new Document();
		put(document, "amount", money(amendment.amount()));
		put(document, "creditAmount", money(amendment.creditAmount()));
		put(document, "reasonCodes", names(amendment.reasonCodes()));
		put(document, "requestedBy", amendment.requestedBy());
		put(document, "requestedAt", date(amendment.requestedAt()));
		put(document, "decision", decision(amendment.decision()));
		return document;
	}

}
