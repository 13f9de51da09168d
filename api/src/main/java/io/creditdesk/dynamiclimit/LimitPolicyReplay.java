package io.creditdesk.dynamiclimit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.creditdesk.customer.CustomerStatus;
import io.creditdesk.dynamiclimit.CustomerFigures.Account;
import io.creditdesk.dynamiclimit.CustomerFigures.Behaviour;
import io.creditdesk.dynamiclimit.CustomerFigures.Score;
import io.creditdesk.dynamiclimit.CustomerFigures.Usage;
import io.creditdesk.dynamiclimit.ReplayCustomer.ActualLimit;
import io.creditdesk.dynamiclimit.ReplayCustomer.MonthFigures;
import io.creditdesk.dynamiclimit.ReplayCustomer.Sale;
import io.creditdesk.dynamiclimit.ReplayOutcome.Track;

/**
 * Replays a {@link LimitAdjustmentPolicy} on history, month by month from {@code from} to
 * {@code to}, for customers handed over one at a time ({@link #add}), and compares it
 * with the limits the customers actually had. Pure and Spring-free: the service builds
 * each {@link ReplayCustomer} from the ledger (point-in-time history, the champion's
 * score on it) and this class does the arithmetic.
 * <p>
 * For each customer:
 * <ol>
 * <li>The simulated limit starts at the actual limit in force on the first day of
 * {@code from}; the last change before it (for the cooldown) is the last actual one.</li>
 * <li>On the first day of each month the policy ({@link LimitAdjustment}) reads the
 * month's score and behaviour, the simulated limit, and the usage against it: exposure =
 * the receivables open that day of the sales the simulated limits approved; utilization =
 * the exposure on the first day of this and the two months before (90 days), average and
 * peak, over the simulated limit (1 when the limit is zero and something is open);
 * overdue = what of it is past due, with the oldest days past due. Risk flags have no
 * history, so none is raised. A proposed change takes effect that day, whether within
 * automatic authority or routed (the replay takes a routed request as approved, and
 * counts it), and starts the cooldown.</li>
 * <li>The month's orders (the sales dated in it, by date) are re-decided under each set
 * of limits with the credit check's rule: an order is approved when its amount fits the
 * available credit, limit - exposure at the time, where the exposure is what was open at
 * the start of the order's day of the sales approved under the same limits (earlier
 * orders of the same day included); otherwise it is held. A held order never becomes a
 * receivable of that set of limits: neither its exposure nor its write-offs count
 * there.</li>
 * <li>At the month's end: the limit, the exposure (open receivables of the approved
 * sales), the expected loss (the month's PD x that exposure, 2 decimals; nothing for a
 * customer without a score) and the realized loss (write-offs dated in the month on the
 * approved sales).</li>
 * </ol>
 * The actual limits go through the same order rule, so the two sets of figures differ
 * only by the limits. Sales dated before {@code from} count under both as they happened.
 */
public final class LimitPolicyReplay {

	/**
	 * Figures of a month without a history: the policy then proposes nothing (it stops at
	 * insufficient history before it reads them).
	 */
	private static final Behaviour NO_BEHAVIOUR = new Behaviour(BigDecimal.ZERO, 30, BigDecimal.ONE, 0, 0,
			BigDecimal.ZERO, 0);

	private final LimitAdjustmentPolicy policy;

	private final String currency;

	private final List<YearMonth> months = new ArrayList<>();

	private final Track[] actual;

	private final Track[] simulated;

	private final int[] scored;

	private final int[] increases;

	private final int[] decreases;

	private final int[] routed;

	private final int[] actualChanges;

	private int customers;

	public LimitPolicyReplay(LimitAdjustmentPolicy policy, String currency, YearMonth from, YearMonth to) {
		this.policy = Objects.requireNonNull(policy, "policy");
		this.currency = Objects.requireNonNull(currency, "currency");
		if (from.isAfter(to)) {
			throw new IllegalArgumentException("the first month " + from + " is after the last " + to);
		}
		for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
			this.months.add(m);
		}
		int n = this.months.size();
		this.actual = new Track[n];
		this.simulated = new Track[n];
		Arrays.fill(this.actual, Track.ZERO);
		Arrays.fill(this.simulated, Track.ZERO);
		this.scored = new int[n];
		this.increases = new int[n];
		this.decreases = new int[n];
		this.routed = new int[n];
		this.actualChanges = new int[n];
	}

	/** Replays one customer and adds its figures to the portfolio's. */
	public void add(ReplayCustomer customer) {
		if (!customer.currency().equals(this.currency)) {
			throw new IllegalArgumentException("customer " + customer.customerId() + " is in " + customer.currency()
					+ ", the replay in " + this.currency);
		}
		this.customers++;
		LocalDate start = this.months.get(0).atDay(1);
		BigDecimal limit = customer.actualLimitOn(start);
		LocalDate lastChange = null;
		for (ActualLimit change : customer.actualLimits()) {
			if (change.effectiveDate().isBefore(start)
					&& (lastChange == null || change.effectiveDate().isAfter(lastChange))) {
				lastChange = change.effectiveDate();
			}
		}
		List<Sale> sales = customer.sales();
		Set<String> heldSimulated = new HashSet<>();
		Set<String> heldActual = new HashSet<>();
		for (int i = 0; i < this.months.size(); i++) {
			YearMonth month = this.months.get(i);
			LocalDate day = month.atDay(1);
			LocalDate next = day.plusMonths(1);
			MonthFigures figures = customer.months().get(month);
			Score score = (figures != null) ? figures.score() : Score.insufficient();
			Behaviour behaviour = (figures != null) ? figures.behaviour() : NO_BEHAVIOUR;
			if (!score.insufficientHistory()) {
				this.scored[i]++;
			}
			LimitProposal proposal = LimitAdjustment
				.propose(new CustomerFigures(score, behaviour, usage(sales, heldSimulated, day, limit),
						// The history holds no statuses: the customer is replayed as
						// active.
						new Account(this.currency, limit, customer.hardCap(), lastChange, day, CustomerStatus.ACTIVE)),
						this.policy);
			if (proposal.direction() != Direction.UNCHANGED) {
				limit = proposal.proposedLimit();
				lastChange = day;
				if (proposal.direction() == Direction.INCREASE) {
					this.increases[i]++;
				}
				else {
					this.decreases[i]++;
				}
				if (!proposal.autoApplicable()) {
					this.routed[i]++;
				}
			}
			for (ActualLimit change : customer.actualLimits()) {
				// A limit restated at the same amount (an import names it on every
				// invoice) is no change.
				if (!change.effectiveDate().isBefore(day) && change.effectiveDate().isBefore(next) && change.amount()
					.compareTo(customer.actualLimitOn(change.effectiveDate().minusDays(1))) != 0) {
					this.actualChanges[i]++;
				}
			}
			int[] simulatedOrders = new int[2];
			BigDecimal[] simulatedAmounts = { BigDecimal.ZERO, BigDecimal.ZERO };
			int[] actualOrders = new int[2];
			BigDecimal[] actualAmounts = { BigDecimal.ZERO, BigDecimal.ZERO };
			for (int s = 0; s < sales.size(); s++) {
				Sale sale = sales.get(s);
				if (sale.date().isBefore(day) || !sale.date().isBefore(next)) {
					continue;
				}
				decide(sales, s, limit, heldSimulated, simulatedOrders, simulatedAmounts);
				decide(sales, s, customer.actualLimitOn(sale.date()), heldActual, actualOrders, actualAmounts);
			}
			Double pd = score.insufficientHistory() ? null : score.probabilityOfDefault();
			this.simulated[i] = this.simulated[i]
				.plus(monthEnd(sales, heldSimulated, day, next, limit, pd, simulatedOrders, simulatedAmounts));
			this.actual[i] = this.actual[i].plus(monthEnd(sales, heldActual, day, next,
					customer.actualLimitOn(next.minusDays(1)), pd, actualOrders, actualAmounts));
		}
	}

	/** What the replay found for the customers added so far. */
	public ReplayOutcome outcome() {
		List<ReplayOutcome.Month> out = new ArrayList<>(this.months.size());
		Track actualTotal = Track.ZERO;
		Track simulatedTotal = Track.ZERO;
		int up = 0;
		int down = 0;
		int routedTotal = 0;
		int changedTotal = 0;
		for (int i = 0; i < this.months.size(); i++) {
			out.add(new ReplayOutcome.Month(this.months.get(i), this.scored[i], this.actual[i], this.simulated[i],
					this.increases[i], this.decreases[i], this.routed[i], this.actualChanges[i]));
			actualTotal = actualTotal.plus(this.actual[i]);
			simulatedTotal = simulatedTotal.plus(this.simulated[i]);
			up += this.increases[i];
			down += this.decreases[i];
			routedTotal += this.routed[i];
			changedTotal += this.actualChanges[i];
		}
		Track lastActual = this.actual[this.months.size() - 1];
		Track lastSimulated = this.simulated[this.months.size() - 1];
		return new ReplayOutcome(this.currency, this.customers, out,
				new ReplayOutcome.Totals(period(actualTotal, lastActual), period(simulatedTotal, lastSimulated), up,
						down, routedTotal, changedTotal));
	}

	/**
	 * The period's figures: orders, amounts and realized losses summed; limit and
	 * exposure of the last month; expected loss averaged over the months.
	 */
	private Track period(Track sum, Track last) {
		BigDecimal months = BigDecimal.valueOf(this.months.size());
		return new Track(last.limit(), last.exposure(), sum.expectedLoss().divide(months, 2, RoundingMode.HALF_EVEN),
				sum.realizedLoss(), sum.approvedOrders(), sum.approvedAmount(), sum.heldOrders(), sum.heldAmount());
	}

	private static Usage usage(List<Sale> sales, Set<String> held, LocalDate day, BigDecimal limit) {
		BigDecimal now = exposure(sales, held, day);
		BigDecimal peak = now;
		BigDecimal sum = now;
		for (int m = 1; m <= 2; m++) {
			BigDecimal then = exposure(sales, held, day.minusMonths(m));
			peak = peak.max(then);
			sum = sum.add(then);
		}
		BigDecimal overdue = BigDecimal.ZERO;
		long oldest = 0;
		for (Sale sale : sales) {
			if (sale.date().isBefore(day) && sale.dueDate().isBefore(day) && !held.contains(sale.id())) {
				BigDecimal open = sale.openAt(day);
				if (open.signum() > 0) {
					overdue = overdue.add(open);
					oldest = Math.max(oldest, ChronoUnit.DAYS.between(sale.dueDate(), day));
				}
			}
		}
		return new Usage(now, ratio(sum.divide(BigDecimal.valueOf(3), 2, RoundingMode.HALF_EVEN), limit),
				ratio(peak, limit), overdue, (int) oldest, false);
	}

	private static BigDecimal ratio(BigDecimal exposure, BigDecimal limit) {
		if (limit.signum() == 0) {
			return (exposure.signum() > 0) ? BigDecimal.ONE : BigDecimal.ZERO;
		}
		return exposure.divide(limit, 4, RoundingMode.HALF_EVEN);
	}

	/**
	 * What was open at the start of {@code day} of the sales dated before it that these
	 * limits approved.
	 */
	private static BigDecimal exposure(List<Sale> sales, Set<String> held, LocalDate day) {
		BigDecimal open = BigDecimal.ZERO;
		for (Sale sale : sales) {
			if (!sale.date().isBefore(day)) {
				break;
			}
			if (!held.contains(sale.id())) {
				open = open.add(sale.openAt(day));
			}
		}
		return open;
	}

	/**
	 * Approves the order of sale {@code index} when it fits the available credit (limit -
	 * exposure at the start of its day, earlier orders of the day included), or holds it.
	 */
	private static void decide(List<Sale> sales, int index, BigDecimal limit, Set<String> held, int[] orders,
			BigDecimal[] amounts) {
		Sale order = sales.get(index);
		BigDecimal exposure = BigDecimal.ZERO;
		for (int s = 0; s < index; s++) {
			Sale earlier = sales.get(s);
			if (!held.contains(earlier.id())) {
				exposure = exposure.add(earlier.openAt(order.date()));
			}
		}
		if (order.amount().compareTo(limit.subtract(exposure)) <= 0) {
			orders[0]++;
			amounts[0] = amounts[0].add(order.amount());
		}
		else {
			held.add(order.id());
			orders[1]++;
			amounts[1] = amounts[1].add(order.amount());
		}
	}

	private static Track monthEnd(List<Sale> sales, Set<String> held, LocalDate day, LocalDate next, BigDecimal limit,
			Double pd, int[] orders, BigDecimal[] amounts) {
		BigDecimal exposure = exposure(sales, held, next);
		BigDecimal realized = BigDecimal.ZERO;
		for (Sale sale : sales) {
			if (!held.contains(sale.id())) {
				realized = realized.add(sale.writtenOff(day, next));
			}
		}
		BigDecimal expectedLoss = (pd != null)
				? BigDecimal.valueOf(pd).multiply(exposure).setScale(2, RoundingMode.HALF_EVEN) : BigDecimal.ZERO;
		return new Track(limit, exposure, expectedLoss, realized, orders[0], amounts[0], orders[1], amounts[1]);
	}

}
