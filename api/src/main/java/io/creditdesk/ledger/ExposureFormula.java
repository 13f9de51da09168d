package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.util.List;

import org.bson.Document;
import org.bson.types.Decimal128;

/**
 * The one definition of net exposure, in Java for reading and as a MongoDB expression for
 * the atomic reservation, so the two cannot disagree:
 * {@code net = max(0, gross - secured)},
 * {@code secured = fixed + max(0, min(floor(receivables x pct / 100), cap))}, the insured
 * share rounded down to the credit currency's minor units (in the seller's favour). The
 * check variant leaves out long-dated orders (beyond the policy's horizon).
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
		// Without insurance (every order of a customer that has none) the expression
		// stays as short as before: the store evaluates it on every reservation.
		Object insured = dec(BigDecimal.ZERO);
		if (s.insurancePercent().signum() > 0 && s.insuranceCap().signum() > 0) {
			Object exact = new Document("$multiply", List.of(receivables, dec(s.insurancePercent().movePointLeft(2))));
			insured = max0(new Document("$min", List.of(roundedDown(exact, s.insuredDigits()), dec(s.insuranceCap()))));
		}
		Object gross = new Document("$add", List.of(open, shipped, receivables));
		Object net = max0(new Document("$subtract",
				List.of(gross, new Document("$add", List.of(dec(s.fixedAmount()), insured)))));
		Object checked = max0(new Document("$subtract", List.of(net, longDated)));
		return new Document("$lte", List.of(new Document("$add", List.of(checked, dec(amount))), ceiling));
	}

	/**
	 * {@code value} rounded down to {@code digits} decimal places, evaluated by the store
	 * exactly: {@code $floor} of the value in minor units gives the candidate (a store
	 * that floors through binary floating point, as the embedded one does, may be one
	 * minor unit off when the value is at or next to a whole minor unit), then corrected
	 * by comparing decimals: the largest multiple of the minor unit not above the value.
	 */
	static Object roundedDown(Object value, int digits) {
		Object unit = dec(BigDecimal.ONE.movePointLeft(digits));
		Object candidate = new Document("$multiply", List.of(new Document("$floor",
				new Document("$multiply", List.of(value, dec(BigDecimal.ONE.movePointRight(digits))))), unit));
		Object above = new Document("$add", List.of(candidate, unit));
		Object below = new Document("$subtract", List.of(candidate, unit));
		return new Document("$cond", List.of(new Document("$lte", List.of(above, value)), above,
				new Document("$cond", List.of(new Document("$gt", List.of(candidate, value)), below, candidate))));
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
