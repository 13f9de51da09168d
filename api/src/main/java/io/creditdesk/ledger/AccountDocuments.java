package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.creditdesk.common.Money;
import io.creditdesk.customer.CreditLimit;
import io.creditdesk.customer.CustomerStatus;
import io.creditdesk.customer.RiskFlag;
import io.creditdesk.customer.RiskFlagType;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * Reads the account fields of a customer document, as the driver returns them, into a
 * {@link CreditAccount}: every order reads one, and the template's converter (reflection,
 * conversion lookups per property) took more of an order's CPU than the read itself.
 * <p>
 * The converter stays the reference: this reader takes the values in the shapes the
 * service writes (the driver's native date codecs, BigDecimal as Decimal128, enums by
 * name) and answers null for anything else, and the caller then reads with the converter.
 * {@code AccountDocumentsIntegrationTests} compares the two on documents written by the
 * service.
 */
final class AccountDocuments {

	private AccountDocuments() {
	}

	/** The account, or null when the document holds a value of a shape not read here. */
	static CreditAccount read(Document document) {
		try {
			return new CreditAccount(id(document.get("_id")), string(document, "creditCurrency"),
					enumValue(CustomerStatus.class, document.get("status")), flags(document.get("flags")),
					creditLimit(document.get("creditLimit")), string(document, "parentId"), string(document, "segment"),
					string(document, "tier"), string(document, "industry"), exposure(document.get("exposure")),
					money(document.get("groupLimit")), groupExposure(document.get("groupExposure")),
					pendingChanges(document.get("pendingChanges")), groupChanges(document.get("groupChanges")),
					groupMove(document.get("groupMove")));
		}
		catch (Unexpected ex) {
			return null;
		}
	}

	/** A value this reader does not take: the converter reads the document instead. */
	private static final class Unexpected extends RuntimeException {

		Unexpected() {
			super(null, null, false, false);
		}

	}

	private static String id(Object value) {
		if (value instanceof ObjectId id) {
			return id.toHexString();
		}
		return (value == null || value instanceof String) ? (String) value : unexpected();
	}

	private static String string(Document document, String field) {
		Object value = document.get(field);
		return (value == null || value instanceof String) ? (String) value : unexpected();
	}

	private static String string(Object value) {
		return (value == null || value instanceof String) ? (String) value : unexpected();
	}

	private static <E extends Enum<E>> E enumValue(Class<E> type, Object value) {
		if (value == null) {
			return null;
		}
		if (!(value instanceof String name)) {
			return unexpected();
		}
		try {
			return Enum.valueOf(type, name);
		}
		catch (IllegalArgumentException ex) {
			return unexpected();
		}
	}

	private static BigDecimal decimal(Object value) {
		if (value == null) {
			return null;
		}
		return (value instanceof Decimal128 decimal && decimal.isFinite()) ? decimal.bigDecimalValue() : unexpected();
	}

	private static Instant instant(Object value) {
		if (value == null) {
			return null;
		}
		return (value instanceof Date date) ? date.toInstant() : unexpected();
	}

	private static LocalDate localDate(Object value) {
		if (value == null) {
			return null;
		}
		// The driver's LocalDate codec stores the start of the day in UTC.
		return (value instanceof Date date) ? LocalDate.ofInstant(date.toInstant(), ZoneOffset.UTC) : unexpected();
	}

	private static Document document(Object value) {
		return (value == null || value instanceof Document) ? (Document) value : unexpected();
	}

	private static List<?> list(Object value) {
		return (value == null || value instanceof List) ? (List<?>) value : unexpected();
	}

	private static Money money(Object value) {
		Document money = document(value);
		if (money == null) {
			return null;
		}
		BigDecimal amount = decimal(money.get("amount"));
		String currency = string(money.get("currency"));
		return (amount == null || currency == null) ? unexpected() : new Money(amount, currency);
	}

	private static List<RiskFlag> flags(Object value) {
		List<?> flags = list(value);
		if (flags == null) {
			return null;
		}
		List<RiskFlag> read = new ArrayList<>(flags.size());
		for (Object item : flags) {
			Document flag = document(item);
			if (flag == null) {
				return unexpected();
			}
			read.add(new RiskFlag(enumValue(RiskFlagType.class, flag.get("type")), string(flag.get("reason")),
					string(flag.get("source")), instant(flag.get("raisedAt")), string(flag.get("raisedBy"))));
		}
		return read;
	}

	private static CreditLimit creditLimit(Object value) {
		Document limit = document(value);
		if (limit == null) {
			return null;
		}
		return new CreditLimit(money(limit.get("amount")), localDate(limit.get("validUntil")),
				localDate(limit.get("nextReviewDate")), string(limit.get("approvedBy")),
				instant(limit.get("approvedAt")), string(limit.get("requestId")));
	}

	private static ExposureCounters exposure(Object value) {
		Document exposure = document(value);
		if (exposure == null) {
			return null;
		}
		return new ExposureCounters(decimal(exposure.get("openOrders")), decimal(exposure.get("longDatedOrders")),
				decimal(exposure.get("shippedNotInvoiced")), decimal(exposure.get("receivables")));
	}

	private static CreditAccount.GroupExposure groupExposure(Object value) {
		Document group = document(value);
		if (group == null) {
			return null;
		}
		Document stored = document(group.get("members"));
		Map<String, CreditAccount.MemberExposure> members = new LinkedHashMap<>();
		if (stored != null) {
			for (Map.Entry<String, Object> entry : stored.entrySet()) {
				Document member = document(entry.getValue());
				if (member == null) {
					return unexpected();
				}
				members.put(entry.getKey(),
						new CreditAccount.MemberExposure(string(member.get("currency")), decimal(member.get("net"))));
			}
		}
		Object seq = group.get("seq");
		if (seq != null && !(seq instanceof Long || seq instanceof Integer)) {
			return unexpected();
		}
		return new CreditAccount.GroupExposure(decimal(group.get("net")), members,
				(seq == null) ? null : ((Number) seq).longValue());
	}

	private static List<PendingChange> pendingChanges(Object value) {
		List<?> changes = list(value);
		if (changes == null) {
			return null;
		}
		List<PendingChange> read = new ArrayList<>(changes.size());
		for (Object item : changes) {
			Document change = document(item);
			if (change == null) {
				return unexpected();
			}
			Document deltas = document(change.get("deltas"));
			Object applied = change.get("applied");
			Object version = change.get("version");
			if ((applied != null && !(applied instanceof Boolean))
					|| (version != null && !(version instanceof Long || version instanceof Integer))) {
				return unexpected();
			}
			read.add(new PendingChange(string(change.get("key")), string(change.get("token")),
					(deltas == null) ? null
							: new Deltas(decimal(deltas.get("openOrders")), decimal(deltas.get("longDatedOrders")),
									decimal(deltas.get("shippedNotInvoiced")), decimal(deltas.get("receivables"))),
					Boolean.TRUE.equals(applied), instant(change.get("at")),
					(version == null) ? null : ((Number) version).longValue()));
		}
		return read;
	}

	private static List<CreditAccount.GroupChange> groupChanges(Object value) {
		List<?> changes = list(value);
		if (changes == null) {
			return null;
		}
		List<CreditAccount.GroupChange> read = new ArrayList<>(changes.size());
		for (Object item : changes) {
			Document change = document(item);
			if (change == null) {
				return unexpected();
			}
			read.add(new CreditAccount.GroupChange(string(change.get("from")), string(change.get("to")),
					instant(change.get("at"))));
		}
		return read;
	}

	private static CreditAccount.GroupMove groupMove(Object value) {
		Document move = document(value);
		if (move == null) {
			return null;
		}
		Object leaving = move.get("leaving");
		if (leaving != null && !(leaving instanceof Boolean)) {
			return unexpected();
		}
		return new CreditAccount.GroupMove(string(move.get("token")), string(move.get("from")), string(move.get("to")),
				string(move.get("currency")), decimal(move.get("amount")), Boolean.TRUE.equals(leaving),
				instant(move.get("at")));
	}

	private static <T> T unexpected() {
		throw new Unexpected();
	}

}
