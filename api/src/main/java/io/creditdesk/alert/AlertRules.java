package io.creditdesk.alert;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import io.creditdesk.scoring.model.RiskGrade;

/**
 * The alert rules: for one customer and one alert type, the conditions raised before and
 * what is observed now give the conditions raised now and the changes (raised, resolved).
 * A condition already raised is never raised again while it holds: an alert per crossing,
 * not per event. Pure functions: the service applies an evaluation with one conditional
 * update of the customer's raised conditions for the type (the update names the set it
 * read), so of two instances or two concurrent orders that see the same crossing only one
 * raises it.
 */
public final class AlertRules {

	private AlertRules() {
	}

	/**
	 * The conditions raised after an evaluation and what changed.
	 *
	 * @param raised the condition keys raised now
	 * @param changes the conditions raised or resolved by this evaluation, in key order
	 */
	public record Evaluation(Set<String> raised, List<AlertChange> changes) {

		public Evaluation {
			raised = Set.copyOf(raised);
			changes = List.copyOf(changes);
		}

		public boolean changed() {
			return !this.changes.isEmpty();
		}

	}

	/**
	 * Utilization thresholds with hysteresis: a threshold is raised when utilization
	 * reaches it and stays raised until utilization falls below it by the policy's
	 * margin; only then is it resolved and re-armed. With 80 % and a 5-point margin, 81,
	 * 83, 79, 82 % raise it once; 81, 74, 82 % twice.
	 */
	public static Evaluation utilization(AlertPolicy policy, Set<String> raised, Observation now) {
		BigDecimal utilization = (now.utilization() == null) ? BigDecimal.ZERO : now.utilization();
		Set<String> next = new TreeSet<>();
		List<AlertChange> changes = new ArrayList<>();
		for (BigDecimal threshold : policy.utilizationThresholds()) {
			String key = threshold.stripTrailingZeros().toPlainString();
			AlertSeverity severity = threshold.compareTo(policy.criticalUtilization()) >= 0 ? AlertSeverity.CRITICAL
					: AlertSeverity.WARNING;
			boolean wasRaised = raised.contains(key);
			if (!wasRaised && utilization.compareTo(threshold) >= 0) {
				next.add(key);
				changes.add(new AlertChange(AlertType.UTILIZATION_THRESHOLD, key, true, severity,
						AlertFigures.percent(threshold), AlertFigures.percent(utilization)));
			}
			else if (wasRaised && utilization.compareTo(threshold.subtract(policy.rearmMargin())) < 0) {
				changes.add(new AlertChange(AlertType.UTILIZATION_THRESHOLD, key, false, severity,
						AlertFigures.percent(threshold.subtract(policy.rearmMargin())),
						AlertFigures.percent(utilization)));
			}
			else if (wasRaised) {
				next.add(key);
			}
		}
		return new Evaluation(next, changes);
	}

	/**
	 * Overdue: each invoice that became overdue after grace ({@code invoice:<id>}, once
	 * per invoice), the overdue amount above the policy's threshold ({@code amount}) and
	 * the oldest overdue invoice beyond the policy's age after grace ({@code age}: its
	 * figures the policy's days after the grace period and the invoice's days past its
	 * due date, grace included); each resolves when its condition clears (the invoice is
	 * paid or written off, the amount falls to the threshold, no invoice is that old any
	 * more).
	 */
	public static Evaluation overdue(AlertPolicy policy, Set<String> raised, Observation now) {
		Map<String, AlertChange> holding = new LinkedHashMap<>();
		for (String invoice : now.overdueInvoices()) {
			holding.put("invoice:" + invoice,
					new AlertChange(AlertType.OVERDUE, "invoice:" + invoice, true, AlertSeverity.INFO, null, invoice));
		}
		if (policy.overdueAmount() != null && now.overdueAmount().compareTo(policy.overdueAmount()) > 0) {
			holding.put("amount",
					new AlertChange(AlertType.OVERDUE, "amount", true, AlertSeverity.WARNING,
							AlertFigures.money(policy.overdueAmount(), now.currency()),
							AlertFigures.money(now.overdueAmount(), now.currency())));
		}
		if (policy.oldestOverdueDays() > 0 && now.oldestOverdueDays() >= policy.oldestOverdueDays()) {
			// The policy counts the days after grace; people count from the due date.
			holding.put("age",
					new AlertChange(AlertType.OVERDUE, "age", true, AlertSeverity.CRITICAL,
							AlertFigures.daysAfterGrace(policy.oldestOverdueDays(), now.graceDays()),
							AlertFigures.days(now.oldestDaysPastDue())));
		}
		return diff(AlertType.OVERDUE, raised, holding, key -> AlertSeverity.INFO);
	}

	/**
	 * The limit expires within the policy's lead days (or has expired): raised once per
	 * valid-until date (the key), resolved when the limit is renewed or its date moves.
	 */
	public static Evaluation limitExpiring(AlertPolicy policy, Set<String> raised, Observation now) {
		Map<String, AlertChange> holding = new LinkedHashMap<>();
		if (now.limitValidUntil() != null
				&& !now.today().isBefore(now.limitValidUntil().minusDays(policy.expiryLeadDays()))) {
			String key = now.limitValidUntil().toString();
			AlertSeverity severity = now.today().isAfter(now.limitValidUntil()) ? AlertSeverity.CRITICAL
					: AlertSeverity.WARNING;
			holding.put(key, new AlertChange(AlertType.LIMIT_EXPIRING, key, true, severity,
					AlertFigures.days(policy.expiryLeadDays()), key));
		}
		return diff(AlertType.LIMIT_EXPIRING, raised, holding, key -> AlertSeverity.WARNING);
	}

	/**
	 * The score deteriorated against its reference (the score at the last review or at
	 * the last accepted alert): the grade by the policy's steps or more ({@code grade}),
	 * or the PD by its amount or more ({@code pd}); each resolves when the score is back
	 * within the bound. Nothing is raised without both a score and a reference.
	 */
	public static Evaluation scoreDeteriorated(AlertPolicy policy, Set<String> raised, Observation now) {
		Map<String, AlertChange> holding = new LinkedHashMap<>();
		RiskGrade grade = now.grade();
		RiskGrade reference = now.referenceGrade();
		if (grade != null && reference != null && grade.ordinal() - reference.ordinal() >= policy.gradeSteps()) {
			AlertSeverity severity = (grade == RiskGrade.E) ? AlertSeverity.CRITICAL : AlertSeverity.WARNING;
			holding.put("grade", new AlertChange(AlertType.SCORE_DETERIORATED, "grade", true, severity,
					reference.name(), grade.name()));
		}
		if (now.probabilityOfDefault() != null && now.referencePd() != null
				&& now.probabilityOfDefault() - now.referencePd() >= policy.pdIncrease() - 1e-12) {
			holding.put("pd",
					new AlertChange(AlertType.SCORE_DETERIORATED, "pd", true, AlertSeverity.WARNING,
							AlertFigures.percent(BigDecimal.valueOf(now.referencePd())),
							AlertFigures.percent(BigDecimal.valueOf(now.probabilityOfDefault()))));
		}
		return diff(AlertType.SCORE_DETERIORATED, raised, holding, key -> AlertSeverity.WARNING);
	}

	/** The champion's score distribution drifted: PSI above the policy's limit. */
	public static Evaluation modelDrift(AlertPolicy policy, Set<String> raised, double psi) {
		Map<String, AlertChange> holding = new LinkedHashMap<>();
		if (psi > policy.maxPsi()) {
			holding.put("psi",
					new AlertChange(AlertType.MODEL_DRIFT, "psi", true, AlertSeverity.WARNING,
							AlertFigures.decimal(BigDecimal.valueOf(policy.maxPsi())),
							BigDecimal.valueOf(psi).setScale(3, RoundingMode.HALF_EVEN).toPlainString()));
		}
		return diff(AlertType.MODEL_DRIFT, raised, holding, key -> AlertSeverity.WARNING);
	}

	private static Evaluation diff(AlertType type, Set<String> raised, Map<String, AlertChange> holding,
			Function<String, AlertSeverity> resolvedSeverity) {
		List<AlertChange> changes = new ArrayList<>();
		Set<String> keys = new TreeSet<>(raised);
		keys.addAll(holding.keySet());
		for (String key : keys) {
			boolean was = raised.contains(key);
			AlertChange now = holding.get(key);
			if (!was && now != null) {
				changes.add(now);
			}
			else if (was && now == null) {
				changes.add(new AlertChange(type, key, false, resolvedSeverity.apply(key), null, null));
			}
		}
		return new Evaluation(holding.keySet(), changes);
	}

}
