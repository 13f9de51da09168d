package io.creditdesk.dynamiclimit;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One customer as the replay of a policy on history reads it ({@link LimitPolicyReplay}),
 * every amount in its credit currency.
 *
 * @param customerId the customer
 * @param currency its credit currency (the policy's currency: a replay never sums across
 * currencies)
 * @param hardCap the effective hard cap, or null when none is set
 * @param actualLimits every limit the customer actually had, in booking order (on the
 * same effective day the later one wins)
 * @param sales the ledger's sales: each invoice is an order that was delivered, with what
 * was paid, credited and written off on it
 * @param months per replayed month, what the policy reads as of the month's first day
 * (from the point-in-time payment history and the champion's score on it); a month
 * without an entry counts as insufficient history
 */
public record ReplayCustomer(String customerId, String currency, BigDecimal hardCap, List<ActualLimit> actualLimits,
		List<Sale> sales, Map<YearMonth, MonthFigures> months) {

	public ReplayCustomer {
		Objects.requireNonNull(customerId, "customerId");
		Objects.requireNonNull(currency, "currency");
		actualLimits = (actualLimits == null) ? List.of() : List.copyOf(actualLimits);
		sales = (sales == null) ? List.of()
				: sales.stream().sorted(Comparator.comparing(Sale::date).thenComparing(Sale::id)).toList();
		months = (months == null) ? Map.of() : Map.copyOf(months);
	}

	/**
	 * The limit in force on {@code day}: the latest that took effect on or before it.
	 * Before the first recorded limit, that first limit counts (a customer whose history
	 * was loaded with its limit set on the day of loading had it before); zero when none
	 * was ever recorded.
	 */
	public BigDecimal actualLimitOn(LocalDate day) {
		ActualLimit inForce = null;
		ActualLimit first = null;
		for (ActualLimit limit : this.actualLimits) {
			if (first == null || limit.effectiveDate().isBefore(first.effectiveDate())) {
				first = limit;
			}
			if (!limit.effectiveDate().isAfter(day)
					&& (inForce == null || !limit.effectiveDate().isBefore(inForce.effectiveDate()))) {
				inForce = limit;
			}
		}
		if (inForce != null) {
			return inForce.amount();
		}
		return (first != null) ? first.amount() : BigDecimal.ZERO;
	}

	/**
	 * A limit the customer actually had.
	 *
	 * @param effectiveDate the first day it applied
	 * @param amount the limit
	 */
	public record ActualLimit(LocalDate effectiveDate, BigDecimal amount) {

		public ActualLimit {
			Objects.requireNonNull(effectiveDate, "effectiveDate");
			Objects.requireNonNull(amount, "amount");
		}

	}

	/**
	 * A sale: an invoice of the ledger, taken as the order it delivered, placed on the
	 * invoice date.
	 *
	 * @param id the invoice
	 * @param date the invoice date
	 * @param dueDate its due date
	 * @param amount the invoiced amount
	 * @param reductions payments, discounts, credit notes and write-offs applied to it
	 */
	public record Sale(String id, LocalDate date, LocalDate dueDate, BigDecimal amount, List<Reduction> reductions) {

		public Sale {
			Objects.requireNonNull(id, "id");
			Objects.requireNonNull(date, "date");
			Objects.requireNonNull(dueDate, "dueDate");
			Objects.requireNonNull(amount, "amount");
			reductions = (reductions == null) ? List.of() : List.copyOf(reductions);
		}

		/**
		 * What was open at the start of {@code day}: the amount less every reduction
		 * dated before it (nothing before the sale).
		 */
		BigDecimal openAt(LocalDate day) {
			if (!this.date.isBefore(day)) {
				return this.amount;
			}
			BigDecimal open = this.amount;
			for (Reduction r : this.reductions) {
				if (r.date().isBefore(day)) {
					open = open.subtract(r.amount());
				}
			}
			return open.max(BigDecimal.ZERO);
		}

		/** Written off on days in [{@code start}, {@code end}). */
		BigDecimal writtenOff(LocalDate start, LocalDate end) {
			BigDecimal total = BigDecimal.ZERO;
			for (Reduction r : this.reductions) {
				if (r.writeOff() && !r.date().isBefore(start) && r.date().isBefore(end)) {
					total = total.add(r.amount());
				}
			}
			return total;
		}

	}

	/**
	 * An amount that reduced what a sale left open.
	 *
	 * @param date the day it took effect
	 * @param amount the amount
	 * @param writeOff whether it was written off (a realized loss) rather than paid or
	 * credited
	 */
	public record Reduction(LocalDate date, BigDecimal amount, boolean writeOff) {

		public Reduction {
			Objects.requireNonNull(date, "date");
			Objects.requireNonNull(amount, "amount");
		}

	}

	/**
	 * What the policy reads about the customer as of a month's first day, apart from the
	 * limit and the usage (which depend on the limits replayed).
	 *
	 * @param score the champion's score of the point-in-time history (insufficient when
	 * the history was too short)
	 * @param behaviour how the customer bought and paid, from the same history
	 */
	public record MonthFigures(CustomerFigures.Score score, CustomerFigures.Behaviour behaviour) {

		public MonthFigures {
			Objects.requireNonNull(score, "score");
			Objects.requireNonNull(behaviour, "behaviour");
		}

	}

}
