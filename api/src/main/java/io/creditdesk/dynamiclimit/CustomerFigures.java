package io.creditdesk.dynamiclimit;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import io.creditdesk.customer.CustomerStatus;
import io.creditdesk.scoring.model.RiskGrade;

/**
 * What the limit adjustment policy reads about one customer, every amount in the
 * customer's credit currency.
 *
 * @param score the champion's score
 * @param behaviour how the customer buys and pays
 * @param usage how much of its limit it uses and what is overdue
 * @param account the limit, the hard cap and the last change
 */
public record CustomerFigures(Score score, Behaviour behaviour, Usage usage, Account account) {

	public CustomerFigures {
		Objects.requireNonNull(score, "score");
		Objects.requireNonNull(behaviour, "behaviour");
		Objects.requireNonNull(usage, "usage");
		Objects.requireNonNull(account, "account");
	}

	/**
	 * The champion's score.
	 *
	 * @param insufficientHistory fewer months than the model needs (then grade and PD are
	 * null and nothing changes automatically)
	 * @param grade risk grade A (best) to E
	 * @param probabilityOfDefault the model's PD, 0 to 1
	 * @param reasonCodes the score's top reason codes, strongest first (the model's
	 * actual contributions), for notices
	 */
	public record Score(boolean insufficientHistory, RiskGrade grade, Double probabilityOfDefault,
			List<String> reasonCodes) {

		public Score {
			reasonCodes = (reasonCodes == null) ? List.of() : List.copyOf(reasonCodes);
			if (!insufficientHistory) {
				Objects.requireNonNull(grade, "grade");
			}
		}

		public static Score insufficient() {
			return new Score(true, null, null, List.of());
		}

	}

	/**
	 * How the customer buys and pays.
	 *
	 * @param monthlyPurchases average credit sales per month (invoiced) over the history
	 * @param termsDays the customer's payment terms in days (Net N)
	 * @param onTimeRate share of invoices paid by their due date, 0 to 1
	 * @param averageDaysLate average days beyond terms of the paid invoices
	 * @param worstDaysLate the longest delay beyond terms
	 * @param dso days sales outstanding (standard method)
	 * @param monthsOfHistory months of payment history
	 */
	public record Behaviour(BigDecimal monthlyPurchases, int termsDays, BigDecimal onTimeRate, int averageDaysLate,
			int worstDaysLate, BigDecimal dso, int monthsOfHistory) {

		public Behaviour {
			Objects.requireNonNull(monthlyPurchases, "monthlyPurchases");
			Objects.requireNonNull(onTimeRate, "onTimeRate");
			Objects.requireNonNull(dso, "dso");
		}

	}

	/**
	 * How much of its limit the customer uses and what is overdue.
	 *
	 * @param exposure net exposure now
	 * @param averageUtilization90 time-weighted average utilization over 90 days (0.8 =
	 * 80 %)
	 * @param peakUtilization90 the highest utilization in those 90 days
	 * @param openOverdue the overdue amount now
	 * @param oldestOverdueDays days past due of the oldest overdue invoice (0 when none)
	 * @param flagRaised a bureau or fraud flag is raised
	 */
	public record Usage(BigDecimal exposure, BigDecimal averageUtilization90, BigDecimal peakUtilization90,
			BigDecimal openOverdue, int oldestOverdueDays, boolean flagRaised) {

		public Usage {
			Objects.requireNonNull(exposure, "exposure");
			Objects.requireNonNull(averageUtilization90, "averageUtilization90");
			Objects.requireNonNull(peakUtilization90, "peakUtilization90");
			Objects.requireNonNull(openOverdue, "openOverdue");
		}

	}

	/**
	 * The limit as it stands.
	 *
	 * @param currency the credit currency (ISO 4217)
	 * @param currentLimit the limit in force
	 * @param hardCap the effective hard cap, or null when none is set
	 * @param lastChange the day the limit last changed, or null
	 * @param today the day of the proposal
	 * @param status the customer's status: only an {@code ACTIVE} customer's limit rises
	 */
	public record Account(String currency, BigDecimal currentLimit, BigDecimal hardCap, LocalDate lastChange,
			LocalDate today, CustomerStatus status) {

		public Account {
			Objects.requireNonNull(currency, "currency");
			Objects.requireNonNull(currentLimit, "currentLimit");
			Objects.requireNonNull(today, "today");
			Objects.requireNonNull(status, "status");
		}

	}

}
