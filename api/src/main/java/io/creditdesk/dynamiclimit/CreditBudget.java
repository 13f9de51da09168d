package io.creditdesk.dynamiclimit;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.creditdesk.common.Money;
import io.creditdesk.dynamiclimit.CreditBudgetAllocation.Basis;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A credit budget treasury sets: how much credit the portfolio (or one segment of it) may
 * take in one currency for a period, and the concentration limits an allocation keeps.
 * One document per currency, segment and period start, replaced as a whole with a version
 * and an audit record.
 *
 * @param id {@code CURRENCY:SEGMENT:periodStart}, {@code ALL} for the whole portfolio
 * @param currency the currency of the total (customers in other credit currencies are
 * converted at the stored rate)
 * @param segment the segment it covers, or null for the whole portfolio
 * @param periodStart the first day of the period
 * @param periodEnd the last day of the period
 * @param basis what the total limits: the sum of limits, or of expected exposures
 * @param total the budget
 * @param maxCustomerShare the largest share of the total one customer's limit may take
 * (null: none)
 * @param segmentShares the largest share of the total per segment
 * @param verticalShares the largest share of the total per industry vertical
 * @param marginRates the margin earned per unit of expected exposure, per segment
 * @param defaultMarginRate the margin rate of segments not listed
 * @param lossGivenDefault the share of exposure lost when a customer defaults
 * @param reason why it was last set (audited)
 * @param updatedBy who set it last
 * @param updatedAt when
 * @param version 1 for the first version, then one more per change
 */
@Document(CreditBudget.COLLECTION)
public record CreditBudget(@Id String id, String currency, String segment, LocalDate periodStart, LocalDate periodEnd,
		Basis basis, BigDecimal total, BigDecimal maxCustomerShare, List<Rate> segmentShares, List<Rate> verticalShares,
		List<Rate> marginRates, BigDecimal defaultMarginRate, BigDecimal lossGivenDefault, String reason,
		String updatedBy, Instant updatedAt, long version) {

	static final String COLLECTION = "credit_budgets";

	/** The margin rate of segments without one of their own: 3 % of expected exposure. */
	public static final BigDecimal DEFAULT_MARGIN_RATE = new BigDecimal("0.03");

	/**
	 * The loss given default when none is set: 45 %, the Basel foundation figure for
	 * senior unsecured claims.
	 */
	public static final BigDecimal DEFAULT_LOSS_GIVEN_DEFAULT = new BigDecimal("0.45");

	public CreditBudget {
		segmentShares = (segmentShares == null) ? List.of() : List.copyOf(segmentShares);
		verticalShares = (verticalShares == null) ? List.of() : List.copyOf(verticalShares);
		marginRates = (marginRates == null) ? List.of() : List.copyOf(marginRates);
	}

	/**
	 * A figure for one segment or vertical.
	 *
	 * @param code the segment or vertical
	 * @param value the share or rate, 0 to 1
	 */
	public record Rate(String code, BigDecimal value) {
	}

	static String id(String currency, String segment, LocalDate periodStart) {
		return currency + ":" + ((segment == null) ? "ALL" : segment) + ":" + periodStart;
	}

	public Money totalMoney() {
		return new Money(this.total, this.currency);
	}

	/** The margin rate of a segment: its own, else the default. */
	BigDecimal marginRate(String segment) {
		return this.marginRates.stream()
			.filter(r -> r.code().equals(segment))
			.map(Rate::value)
			.findFirst()
			.orElse(this.defaultMarginRate);
	}

	/** The program's budget, with the segment budgets of the same currency and period. */
	CreditBudgetAllocation.Budget toBudget(List<CreditBudget> segmentBudgets) {
		Map<String, BigDecimal> segments = segmentBudgets.stream()
			.filter(b -> b.segment() != null && b.basis() == this.basis)
			.collect(Collectors.toMap(CreditBudget::segment, CreditBudget::total));
		return new CreditBudgetAllocation.Budget(this.currency, this.basis, this.total, segments, this.maxCustomerShare,
				shares(this.segmentShares), shares(this.verticalShares), this.lossGivenDefault.doubleValue());
	}

	private static Map<String, BigDecimal> shares(List<Rate> rates) {
		return rates.stream().collect(Collectors.toMap(Rate::code, Rate::value));
	}

}
