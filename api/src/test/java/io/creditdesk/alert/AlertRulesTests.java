package io.creditdesk.alert;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.creditdesk.alert.AlertRules.Evaluation;
import io.creditdesk.scoring.model.RiskGrade;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The alert rules on the shipped defaults (80 %, 95 %, 100 % with a 5-point margin; an
 * invoice 30 days overdue; 30 days' notice of expiry; one grade or 5 points of PD; PSI
 * 0.25): sequences of observations and the alerts they raise and resolve, each once.
 */
class AlertRulesTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 6, 15);

	private static final AlertPolicy POLICY = AlertPolicy.DEFAULT;

	/**
	 * Feeds a sequence of utilizations (in percent) through the rule, carrying the raised
	 * set as the service stores it, and writes each change as {@code +80} (raised) or
	 * {@code -80} (resolved).
	 */
	private static List<String> utilizations(String... percents) {
		Set<String> raised = Set.of();
		List<String> log = new ArrayList<>();
		for (String percent : percents) {
			Evaluation evaluation = AlertRules.utilization(POLICY, raised,
					observation(new BigDecimal(percent).movePointLeft(2)));
			for (AlertChange change : evaluation.changes()) {
				log.add((change.raised() ? "+" : "-")
						+ new BigDecimal(change.key()).movePointRight(2).stripTrailingZeros().toPlainString());
			}
			raised = evaluation.raised();
		}
		return log;
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|',
			value = { "81 83 79 82 | +80", "81 74 82 | +80 -80 +80", "79.99 | ", "80 | +80", "81 75 | +80",
					"81 74.99 | +80 -80", "96 | +80 +95", "96 90 101 | +80 +95 +100",
					"101 70 | +80 +95 +100 -80 -95 -100", "96 89.9 96 | +80 +95 -95 +95", "0 50 79 | " })
	void utilizationRaisesOncePerCrossingWithHysteresis(String sequence, String expected) {
		List<String> wanted = (expected == null) ? List.of() : List.of(expected.trim().split(" "));
		assertThat(utilizations(sequence.trim().split(" "))).containsExactlyElementsOf(wanted);
	}

	@Test
	void aUtilizationAlertCarriesItsSeverityAndFigures() {
		Evaluation evaluation = AlertRules.utilization(POLICY, Set.of(), observation(new BigDecimal("0.9612")));
		assertThat(evaluation.changes()).containsExactly(
				new AlertChange(AlertType.UTILIZATION_THRESHOLD, "0.8", true, AlertSeverity.WARNING, "80 %", "96.1 %"),
				new AlertChange(AlertType.UTILIZATION_THRESHOLD, "0.95", true, AlertSeverity.CRITICAL, "95 %",
						"96.1 %"));
		// The same observation evaluated again from the stored set raises nothing.
		assertThat(AlertRules.utilization(POLICY, evaluation.raised(), observation(new BigDecimal("0.9612"))).changed())
			.isFalse();
		// A customer without a limit has no utilization: everything raised clears.
		assertThat(AlertRules.utilization(POLICY, evaluation.raised(), observation(null)).raised()).isEmpty();
	}

	@Test
	void overdueRaisesPerInvoiceOnceAndForAmountAndAgeUntilTheyClear() {
		AlertPolicy withAmount = new AlertPolicy(POLICY.utilizationThresholds(), POLICY.rearmMargin(),
				POLICY.criticalUtilization(), new BigDecimal("5000"), 30, 30, 1, 0.05, 0.25);
		Evaluation first = AlertRules.overdue(withAmount, Set.of(), overdue("5000.00", 29, "INV-1"));
		assertThat(first.changes()).extracting(AlertChange::key).containsExactly("invoice:INV-1");
		Evaluation second = AlertRules.overdue(withAmount, first.raised(), overdue("5000.01", 30, "INV-1", "INV-2"));
		assertThat(second.changes()).extracting(AlertChange::key).containsExactly("age", "amount", "invoice:INV-2");
		assertThat(second.changes()).filteredOn(c -> c.key().equals("amount"))
			.singleElement()
			.satisfies(c -> assertThat(c.threshold() + " / " + c.actual()).isEqualTo("5000.00 EUR / 5000.01 EUR"));
		assertThat(second.changes()).filteredOn(c -> c.key().equals("age"))
			.singleElement()
			.satisfies(c -> assertThat(c.severity()).isEqualTo(AlertSeverity.CRITICAL));
		// The policy counts after grace; the alert says the days past the due date.
		Evaluation withGrace = AlertRules.overdue(withAmount, Set.of(), new Observation("EUR", BigDecimal.ZERO,
				new BigDecimal("100"), 30, List.of("INV-1"), null, TODAY, null, null, null, null, 5));
		assertThat(withGrace.changes()).filteredOn(c -> c.key().equals("age"))
			.singleElement()
			.satisfies(c -> assertThat(c.threshold() + " / " + c.actual())
				.isEqualTo("30 days after 5 days grace / 35 days"));
		assertThat(AlertRules
			.overdue(withAmount, Set.of(),
					new Observation("EUR", BigDecimal.ZERO, new BigDecimal("100"), 29, List.of("INV-1"), null, TODAY,
							null, null, null, null, 5))
			.raised()).doesNotContain("age");
		Evaluation same = AlertRules.overdue(withAmount, second.raised(), overdue("6000", 31, "INV-1", "INV-2"));
		assertThat(same.changed()).isFalse();
		Evaluation paid = AlertRules.overdue(withAmount, same.raised(), overdue("100", 5, "INV-2"));
		assertThat(paid.changes()).extracting(c -> (c.raised() ? "+" : "-") + c.key())
			.containsExactly("-age", "-amount", "-invoice:INV-1");
		assertThat(paid.raised()).containsExactly("invoice:INV-2");
	}

	@Test
	void theLimitsExpiryIsAnnouncedOncePerDateAndClearsOnRenewal() {
		LocalDate until = TODAY.plusDays(30);
		assertThat(AlertRules.limitExpiring(POLICY, Set.of(), expiring(TODAY.plusDays(31))).changed()).isFalse();
		Evaluation due = AlertRules.limitExpiring(POLICY, Set.of(), expiring(until));
		assertThat(due.changes()).singleElement()
			.satisfies(c -> assertThat(c.severity()).isEqualTo(AlertSeverity.WARNING));
		assertThat(AlertRules.limitExpiring(POLICY, due.raised(), expiring(until)).changed()).isFalse();
		Evaluation expired = AlertRules.limitExpiring(POLICY, Set.of(), expiring(TODAY.minusDays(1)));
		assertThat(expired.changes()).singleElement()
			.satisfies(c -> assertThat(c.severity()).isEqualTo(AlertSeverity.CRITICAL));
		Evaluation renewed = AlertRules.limitExpiring(POLICY, due.raised(), expiring(TODAY.plusYears(1)));
		assertThat(renewed.changes()).extracting(c -> (c.raised() ? "+" : "-") + c.key()).containsExactly("-" + until);
	}

	@Test
	void aDeterioratedScoreIsRaisedByGradeOrByProbabilityOfDefault() {
		assertThat(
				AlertRules.scoreDeteriorated(POLICY, Set.of(), score(RiskGrade.B, 0.08, RiskGrade.B, 0.06)).changed())
			.isFalse();
		Evaluation worse = AlertRules.scoreDeteriorated(POLICY, Set.of(), score(RiskGrade.C, 0.11, RiskGrade.B, 0.06));
		assertThat(worse.changes()).extracting(AlertChange::key).containsExactly("grade", "pd");
		assertThat(worse.changes().get(0).actual()).isEqualTo("C");
		assertThat(AlertRules.scoreDeteriorated(POLICY, worse.raised(), score(RiskGrade.C, 0.12, RiskGrade.B, 0.06))
			.changed()).isFalse();
		Evaluation e = AlertRules.scoreDeteriorated(POLICY, Set.of(), score(RiskGrade.E, 0.5, RiskGrade.B, 0.06));
		assertThat(e.changes().get(0).severity()).isEqualTo(AlertSeverity.CRITICAL);
		Evaluation back = AlertRules.scoreDeteriorated(POLICY, worse.raised(),
				score(RiskGrade.B, 0.07, RiskGrade.B, 0.06));
		assertThat(back.changes()).extracting(c -> (c.raised() ? "+" : "-") + c.key()).containsExactly("-grade", "-pd");
		assertThat(AlertRules.scoreDeteriorated(POLICY, Set.of(), score(null, null, RiskGrade.B, 0.06)).changed())
			.isFalse();
	}

	@Test
	void driftAboveTheLimitIsRaisedOnce() {
		assertThat(AlertRules.modelDrift(POLICY, Set.of(), 0.25).changed()).isFalse();
		Evaluation drift = AlertRules.modelDrift(POLICY, Set.of(), 0.2501);
		assertThat(drift.changes()).singleElement().satisfies(c -> assertThat(c.actual()).isEqualTo("0.250"));
		assertThat(AlertRules.modelDrift(POLICY, drift.raised(), 0.4).changed()).isFalse();
		assertThat(AlertRules.modelDrift(POLICY, drift.raised(), 0.1).changes()).singleElement()
			.satisfies(c -> assertThat(c.raised()).isFalse());
	}

	@Test
	void thresholdsMustAscend() {
		assertThatThrownBy(() -> new AlertPolicy(List.of(new BigDecimal("0.95"), new BigDecimal("0.80")),
				BigDecimal.ZERO, BigDecimal.ONE, null, 0, 0, 1, 0.05, 0.25))
			.hasMessageContaining("ascending");
	}

	private static Observation observation(BigDecimal utilization) {
		return new Observation("EUR", utilization, BigDecimal.ZERO, 0, List.of(), null, TODAY, null, null, null, null);
	}

	private static Observation overdue(String amount, int oldestDays, String... invoices) {
		return new Observation("EUR", BigDecimal.ZERO, new BigDecimal(amount), oldestDays, List.of(invoices), null,
				TODAY, null, null, null, null);
	}

	private static Observation expiring(LocalDate until) {
		return new Observation("EUR", BigDecimal.ZERO, BigDecimal.ZERO, 0, List.of(), until, TODAY, null, null, null,
				null);
	}

	private static Observation score(RiskGrade grade, Double pd, RiskGrade reference, Double referencePd) {
		return new Observation("EUR", BigDecimal.ZERO, BigDecimal.ZERO, 0, List.of(), null, TODAY, grade, pd, reference,
				referencePd);
	}

}
