package io.creditdesk.alert;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.creditdesk.scoring.model.RiskGrade;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One alert of each kind, raised by the rules (or written as the evaluator writes it),
 * rendered in English and in German: every figure reads in the reader's language (days,
 * decimals, amounts, a change of grade), no English word in a German sentence.
 */
class AlertFiguresTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 6, 15);

	private static final AlertPolicy POLICY = new AlertPolicy(
			List.of(new BigDecimal("0.8"), new BigDecimal("0.95"), BigDecimal.ONE), new BigDecimal("0.05"),
			new BigDecimal("0.95"), new BigDecimal("5000"), 30, 30, 1, 0.05, 0.25);

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					utilization | en | Utilization reached 83.5 %, at or above the alert threshold of 80 %.
					utilization | de | Die Auslastung hat 83,5 % erreicht und liegt auf oder über der Warnschwelle von 80 %.
					amount      | en | The overdue amount of 5,000.01 EUR is above the 5,000.00 EUR the credit policy allows.
					amount      | de | Der überfällige Betrag von 5.000,01 EUR liegt über den 5.000,00 EUR, die die Kreditrichtlinie erlaubt.
					age         | en | The oldest overdue invoice is 31 days past due; the credit policy allows 30 days.
					age         | de | Die älteste überfällige Rechnung ist 31 Tage überfällig; die Kreditrichtlinie erlaubt 30 Tage.
					graceAge    | en | The oldest overdue invoice is 66 days past due; the credit policy allows 60 days after the grace period (5 days).
					graceAge    | de | Die älteste überfällige Rechnung ist 66 Tage überfällig; die Kreditrichtlinie erlaubt 60 Tage nach der Nachfrist (5 Tage).
					graceAge1   | en | The oldest overdue invoice is 61 days past due; the credit policy allows 60 days after the grace period (1 day).
					invoice     | en | Invoice INV-7 is overdue beyond its grace period.
					invoice     | de | Die Rechnung INV-7 ist über die Nachfrist hinaus überfällig.
					expiring    | en | The credit limit expires on 2026-07-01 (announced 30 days ahead).
					expiring    | de | Das Kreditlimit läuft am 2026-07-01 ab (Ankündigung 30 Tage vorher).
					grade       | en | The risk grade worsened from B to E.
					grade       | de | Die Risikoklasse hat sich von B auf E verschlechtert.
					pd          | en | The probability of default rose from 6 % to 12.5 %.
					pd          | de | Die Ausfallwahrscheinlichkeit ist von 6 % auf 12,5 % gestiegen.
					psi         | en | The champion model's scores drifted: PSI 0.312, above the limit of 0.25; review the model.
					psi         | de | Die Scores des Champion-Modells sind gedriftet: PSI 0,312, über der Grenze von 0,25; Modell prüfen.
					bureau      | en | External risk event (bureau-1 RATING_DOWNGRADE): from B to E.
					bureau      | de | Externes Risikoereignis (bureau-1 RATING_DOWNGRADE): von B auf E.
					sla         | en | A credit limit request is past its due time (CREDIT_MANAGER, due 2026-06-15T10:00:00Z): step 2.
					sla         | de | Ein Kreditlimitantrag ist über seiner Frist (CREDIT_MANAGER, fällig 2026-06-15T10:00:00Z): Schritt 2.
					""")
	void eachAlertReadsInTheReadersLanguage(String kind, String language, String expected) {
		assertThat(AlertFigures.message(Locale.forLanguageTag(language), alert(change(kind)))).isEqualTo(expected);
	}

	private static AlertChange change(String kind) {
		return switch (kind) {
			case "utilization" -> first(AlertRules.utilization(POLICY, Set.of(), observe(new BigDecimal("0.835"))));
			case "amount" -> only(AlertRules.overdue(POLICY, Set.of(), overdue("5000.01", 0)), "amount");
			case "age" -> only(AlertRules.overdue(POLICY, Set.of(), overdue("1", 31)), "age");
			// Due 2026-10-01, read on 2026-12-06 with 5 grace days: 61 days after grace,
			// 66
			// past due.
			case "graceAge" -> only(AlertRules.overdue(SIXTY_DAYS, Set.of(), overdueWithGrace(61, 5)), "age");
			case "graceAge1" -> only(AlertRules.overdue(SIXTY_DAYS, Set.of(), overdueWithGrace(60, 1)), "age");
			case "invoice" -> only(AlertRules.overdue(POLICY, Set.of(), overdue("1", 0, "INV-7")), "invoice:INV-7");
			case "expiring" -> first(AlertRules.limitExpiring(POLICY, Set.of(), new Observation("EUR", null, null, 0,
					null, LocalDate.of(2026, 7, 1), TODAY, null, null, null, null)));
			case "grade" -> only(AlertRules.scoreDeteriorated(POLICY, Set.of(), score(RiskGrade.E, 0.06)), "grade");
			case "pd" -> only(AlertRules.scoreDeteriorated(POLICY, Set.of(), score(RiskGrade.B, 0.125)), "pd");
			case "psi" -> first(AlertRules.modelDrift(POLICY, Set.of(), 0.3121));
			// As the evaluator writes them from the event's figures.
			case "bureau" -> new AlertChange(AlertType.BUREAU_EVENT, "event:e1", true, AlertSeverity.WARNING,
					"bureau-1 RATING_DOWNGRADE", AlertFigures.change("B", "E"));
			case "sla" -> new AlertChange(AlertType.REQUEST_SLA_BREACHED, "request:r1:2", true, AlertSeverity.WARNING,
					"CREDIT_MANAGER 2026-06-15T10:00:00Z", "2");
			default -> throw new IllegalArgumentException(kind);
		};
	}

	private static Alert alert(AlertChange change) {
		return new Alert("a1", change.type(), change.key(), change.severity(), "c1", change.threshold(),
				change.actual(), null, Instant.EPOCH, AlertStatus.OPEN, null, null, null, null);
	}

	private static AlertChange first(AlertRules.Evaluation evaluation) {
		return evaluation.changes().get(0);
	}

	private static AlertChange only(AlertRules.Evaluation evaluation, String key) {
		return evaluation.changes().stream().filter(c -> c.key().equals(key)).findFirst().orElseThrow();
	}

	private static Observation observe(BigDecimal utilization) {
		return new Observation("EUR", utilization, null, 0, null, null, TODAY, null, null, null, null);
	}

	private static Observation overdue(String amount, int oldestDays, String... invoices) {
		return new Observation("EUR", BigDecimal.ZERO, new BigDecimal(amount), oldestDays, List.of(invoices), null,
				TODAY, null, null, null, null);
	}

	private static final AlertPolicy SIXTY_DAYS = new AlertPolicy(POLICY.utilizationThresholds(), POLICY.rearmMargin(),
			POLICY.criticalUtilization(), null, 60, 30, 1, 0.05, 0.25);

	private static Observation overdueWithGrace(int daysAfterGrace, int graceDays) {
		return new Observation("EUR", BigDecimal.ZERO, new BigDecimal("1000"), daysAfterGrace, List.of(), null,
				LocalDate.of(2026, 12, 6), null, null, null, null, graceDays);
	}

	private static Observation score(RiskGrade grade, double pd) {
		return new Observation("EUR", BigDecimal.ZERO, BigDecimal.ZERO, 0, List.of(), null, TODAY, grade, pd,
				RiskGrade.B, 0.06);
	}

}
