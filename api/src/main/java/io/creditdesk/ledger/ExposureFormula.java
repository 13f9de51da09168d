package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.util.List;

import org.bson.Document;
import org.bson.types.Decimal128;

/**
 * The one definition of net exposure, in Java for reading and as a MongoDB expression for
 * the atomic reservation, so the two cannot disagree:
 * {@code net = max(0, gross - secured)},
 * {@code secured = fixed + min(receivables x pct / 100, cap)}. The check variant leaves
 * out long-dated orders (beyond the policy's horizon).
 */
final class ExposureFormula {

	private ExposureFormula() {
	}

	static BigDecimal net(ExposureCounters c, SecuredTerms s) {
		return c.gross().subtract(s.secured(c.receivables())).max(BigDecimal.ZERO);
	}

	static BigDecimal checkedNet(ExposureCounters c, SecuredTerms s) {
		return net(c, s).subtract(c.longDatedOrders()).max(BigDecimal.ZERO);
	}

	/** {@code checkedNet(document) + amount <= ceiling}, evaluated by the store. */
	static Document fitsExpression(SecuredTerms s, BigDecimal amount, Object ceiling) {
		Object open = field("exposure.openOrders");
		Object longDated = field("exposure.longDatedOrders");
		Object shipped = field("exposure.shippedNotInvoiced");
		Object receivables = field("exposure.receivables");
		Object insured = new Document("$min",
				List.of(new Document("$multiply", List.of(receivables, dec(s.insurancePercent().movePointLeft(2)))),
						dec(s.insuranceCap())));
		Object gross = new Document("$add", List.of(open, shipped, receivables));
		Object net = max0(new Document("$subtract",
				List.of(gross, new Document("$add", List.of(dec(s.fixedAmount()), insured)))));
		Object checked = max0(new Document("$subtract", List.of(net, longDated)));
		return new Document("$lte", List.of(new Document("$add", List.of(checked, dec(amount))), ceiling));
	}

	private static Object max0(Object expression) {
		return new Document("$max", List.of(dec(BigDecimal.ZERO), expression));
	}

	private static Object field(String path) {
		return new Document("$ifNull", List.of("$" + path, dec(BigDecimal.ZERO)));
	}

	static Decimal128 dec(BigDecimal value) {
		return new Decimal128(value);
	}

}
