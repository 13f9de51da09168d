package io.creditdesk.notification;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.events.CreditEvent;
import io.creditdesk.events.CreditEventType;
import io.creditdesk.notification.CreditEventNotices.CustomerView;
import io.creditdesk.notification.CreditEventNotices.RequestView;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which credit events tell whom what: the notice of each event type, its sentences in
 * English and German with the customer's name and the figures, and the events nobody is
 * told of.
 */
class CreditEventNoticesTests {

	private static final CustomerView ACME = new CustomerView("Acme GmbH", "ana", "sam");

	private static final Instant DUE = Instant.parse("2026-12-07T16:00:00Z");

	private static final Function<String, Optional<RequestView>> WAITING_FOR_CFO = id -> Optional
		.of(new RequestView("CFO", DUE, "rita"));

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private static Optional<Notice> notice(CreditEvent event, CustomerView customer,
			Function<String, Optional<RequestView>> requests) {
		return CreditEventNotices.of(event, customer, requests, BERLIN);
	}

	private static CreditEvent event(CreditEventType type, Map<String, Object> data) {
		return new CreditEvent("e-1", type, "c-1", Instant.parse("2026-12-05T10:00:00Z"), data, "{}");
	}

	private static String english(Notice notice, String part) {
		return MessageCatalogue.render(Locale.ENGLISH,
				part.equals("subject") ? notice.type().subjectKey() : notice.type().bodyKey(), notice.figures());
	}

	private static String german(Notice notice, String part) {
		return MessageCatalogue.render(Locale.GERMAN,
				part.equals("subject") ? notice.type().subjectKey() : notice.type().bodyKey(), notice.figures());
	}

	/** The data of an {@code AlertRaised} event as the alerts write it. */
	private static Map<String, Object> raised(String type, String key, String severity, String threshold,
			String actual) {
		Map<String, Object> data = new HashMap<>();
		data.put("alertId", "a-1");
		data.put("type", type);
		data.put("key", key);
		data.put("severity", severity);
		data.put("threshold", threshold);
		data.put("actual", actual);
		data.put("source", null);
		data.put("raisedAt", "2026-12-05T10:00:00Z");
		return data;
	}

	@Test
	void anAlertIsToldByItsKindInWordsAndItsOwnSentenceInTheReadersLanguage() {
		Notice utilization = notice(event(CreditEventType.ALERT_RAISED,
				raised("UTILIZATION_THRESHOLD", "0.95", "CRITICAL", "95 %", "95.3 %")), ACME, WAITING_FOR_CFO)
			.orElseThrow();
		assertThat(utilization.path()).isEqualTo("/alerts/a-1");
		assertThat(english(utilization, "subject")).isEqualTo("Critical alert on Acme GmbH: Utilization threshold");
		assertThat(english(utilization, "body"))
			.isEqualTo("Alert raised on Acme GmbH (Utilization threshold, critical): "
					+ "Utilization reached 95.3 %, at or above the alert threshold of 95 %.");
		assertThat(german(utilization, "subject")).isEqualTo("Kritische Warnung bei Acme GmbH: Auslastungsschwelle");
		assertThat(german(utilization, "body")).isEqualTo("Warnung bei Acme GmbH (Auslastungsschwelle, kritisch): "
				+ "Die Auslastung hat 95,3 % erreicht und liegt auf oder über der Warnschwelle von 95 %.");
		Notice overdue = notice(
				event(CreditEventType.ALERT_RAISED, raised("OVERDUE", "invoice:INV-7", "INFO", null, "INV-7")), ACME,
				WAITING_FOR_CFO)
			.orElseThrow();
		assertThat(english(overdue, "body")).isEqualTo("Alert raised on Acme GmbH (Overdue receivables, information): "
				+ "Invoice INV-7 is overdue beyond its grace period.");
		assertThat(german(overdue, "body")).isEqualTo("Warnung bei Acme GmbH (Überfällige Forderungen, Hinweis): "
				+ "Die Rechnung INV-7 ist über die Nachfrist hinaus überfällig.");
		Notice amount = notice(event(CreditEventType.ALERT_RAISED,
				raised("OVERDUE", "amount", "WARNING", "5000.00 EUR", "7250.50 EUR")), ACME, WAITING_FOR_CFO)
			.orElseThrow();
		assertThat(german(amount, "body")).isEqualTo("Warnung bei Acme GmbH (Überfällige Forderungen, Warnung): "
				+ "Der überfällige Betrag von 7.250,50 EUR liegt über den 5.000,00 EUR, die die Kreditrichtlinie erlaubt.");
		// Never "none" where the sentence belongs.
		assertThat(List.of(english(utilization, "body"), english(overdue, "body"), english(amount, "body")))
			.noneMatch(body -> body.endsWith(": none"));
	}

	@Test
	void aNewRequestAsksTheApproversOfItsOpenStepWithTheDueTime() {
		Notice notice = notice(
				event(CreditEventType.CREDIT_LIMIT_REQUESTED,
						Map.of("requestId", "r-1", "status", "IN_APPROVAL", "type", "INCREASE", "requestedLimit",
								Map.of("amount", "300000.00", "currency", "EUR"), "requestedBy", "rita")),
				ACME, WAITING_FOR_CFO)
			.orElseThrow();
		assertThat(notice.type()).isEqualTo(NotificationType.APPROVAL_REQUESTED);
		assertThat(notice.subject().approverRole()).isEqualTo("CFO");
		assertThat(notice.subject().actor()).isEqualTo("rita");
		assertThat(notice.path()).isEqualTo("/credit-limit-requests/r-1");
		assertThat(english(notice, "subject"))
			.isEqualTo("Approval needed: credit limit of 300,000.00 EUR for Acme GmbH");
		assertThat(english(notice, "body")).isEqualTo(
				"A credit limit request for Acme GmbH (INCREASE, 300,000.00 EUR) waits for approval by a CFO; it is due by 7 December 2026, 17:00 CET.");
		assertThat(MessageCatalogue.render(Locale.GERMAN, notice.type().subjectKey(), notice.figures()))
			.isEqualTo("Freigabe nötig: Kreditlimit von 300.000,00 EUR für Acme GmbH");
		// The due time in the reader's language and the business calendar's zone, never
		// the raw UTC instant.
		assertThat(german(notice, "body")).isEqualTo(
				"Ein Kreditlimitantrag für Acme GmbH (INCREASE, 300.000,00 EUR) wartet auf die Freigabe durch CFO; fällig am 7. Dezember 2026, 17:00 MEZ.");
	}

	@Test
	void anEscalationTellsTheMissedDueTimeInTheReadersLanguageAndTheCalendarsZone() {
		Notice escalated = notice(
				event(CreditEventType.CREDIT_LIMIT_REQUEST_ESCALATED, Map.of("requestId", "r-1", "step", 1, "role",
						"CREDIT_MANAGER", "dueAt", "2026-07-01T15:00:00Z", "notifiedRole", "CFO")),
				ACME, WAITING_FOR_CFO)
			.orElseThrow();
		assertThat(english(escalated, "body")).contains("was due at 1 July 2026, 17:00 CEST and")
			.doesNotContain("2026-07-01T");
		assertThat(german(escalated, "body")).contains("war am 1. Juli 2026, 17:00 MESZ fällig")
			.doesNotContain("2026-07-01T");
	}

	@Test
	void anApprovedStepAsksTheNextStepAndAReturnedOneTellsTheRequester() {
		Notice next = notice(event(CreditEventType.CREDIT_LIMIT_REQUEST_STEP_DECIDED,
				Map.of("requestId", "r-1", "status", "IN_APPROVAL", "step", 1, "role", "CREDIT_MANAGER", "outcome",
						"APPROVED", "decidedBy", "mia", "limit", Map.of("amount", "300000.00", "currency", "EUR"))),
				ACME, WAITING_FOR_CFO)
			.orElseThrow();
		assertThat(next.type()).isEqualTo(NotificationType.APPROVAL_REQUESTED);
		assertThat(next.subject().approverRole()).isEqualTo("CFO");
		assertThat(next.subject().actor()).isEqualTo("mia");
		Notice returned = notice(
				event(CreditEventType.CREDIT_LIMIT_REQUEST_STEP_DECIDED,
						Map.of("requestId", "r-1", "status", "RETURNED", "outcome", "RETURNED", "decidedBy", "mia",
								"justification", "Send the balance sheet")),
				ACME, id -> Optional.of(new RequestView(null, null, "rita")))
			.orElseThrow();
		assertThat(returned.type()).isEqualTo(NotificationType.REQUEST_RETURNED);
		assertThat(returned.subject().requester()).isEqualTo("rita");
		assertThat(english(returned, "body")).isEqualTo(
				"The credit limit request for Acme GmbH was returned by mia for more information: Send the balance sheet");
		// The last step approved: the request is decided, which its own event tells.
		assertThat(notice(
				event(CreditEventType.CREDIT_LIMIT_REQUEST_STEP_DECIDED,
						Map.of("requestId", "r-1", "status", "APPROVED", "outcome", "APPROVED", "decidedBy", "cleo")),
				ACME, WAITING_FOR_CFO))
			.isEmpty();
	}

	@Test
	void aDecisionTellsTheRequesterTheOutcomeAndTheLimit() {
		Notice approved = notice(event(CreditEventType.CREDIT_LIMIT_REQUEST_DECIDED,
				Map.of("requestId", "r-1", "status", "APPROVED", "approvedLimit",
						Map.of("amount", "250000.00", "currency", "EUR"), "requestedBy", "rita", "note",
						"Counter-offer")),
				ACME, WAITING_FOR_CFO)
			.orElseThrow();
		assertThat(approved.subject().requester()).isEqualTo("rita");
		assertThat(english(approved, "subject")).isEqualTo("Credit limit request for Acme GmbH: approved");
		assertThat(english(approved, "body")).isEqualTo(
				"The credit limit request for Acme GmbH is approved. Limit: 250,000.00 EUR. Note: Counter-offer");
		Map<String, Object> rejected = new HashMap<>(
				Map.of("requestId", "r-1", "status", "REJECTED", "requestedBy", "rita"));
		rejected.put("approvedLimit", null);
		assertThat(english(notice(event(CreditEventType.CREDIT_LIMIT_REQUEST_DECIDED, rejected), ACME, WAITING_FOR_CFO)
			.orElseThrow(), "body"))
			.isEqualTo("The credit limit request for Acme GmbH is rejected. Limit: none. Note: none");
	}

	@Test
	void flagsStatusesAlertsAndNoticesNameTheCustomerAndTheFigures() {
		Notice flag = notice(event(CreditEventType.RISK_FLAG_RAISED,
				Map.of("flag", "FRAUD", "reason", "card testing", "source", "internal-review", "raisedBy", "mia")),
				ACME, WAITING_FOR_CFO)
			.orElseThrow();
		assertThat(flag.subject().actor()).isEqualTo("mia");
		assertThat(english(flag, "subject")).isEqualTo("Risk flag on Acme GmbH (suspected fraud): orders are refused");
		assertThat(german(flag, "subject"))
			.isEqualTo("Risikomarkierung bei Acme GmbH (Betrugsverdacht): Aufträge werden abgelehnt");
		Notice notice = notice(event(CreditEventType.CUSTOMER_NOTICE_ISSUED,
				Map.of("customerId", "c-1", "reasons", List.of("OVERDUE_GROWING", Map.of("code", "SCORE_DOWN")))), ACME,
				WAITING_FOR_CFO)
			.orElseThrow();
		assertThat(english(notice, "body"))
			.isEqualTo("Acme GmbH was given notice of a credit limit decrease. Reasons: OVERDUE_GROWING; SCORE_DOWN.");
	}

	@Test
	void codesAreToldInWordsInTheReadersLanguage() {
		Notice notice = notice(
				event(CreditEventType.CUSTOMER_NOTICE_ISSUED,
						Map.of("customerId", "c-1", "reasons", List.of("SEVERE_DETERIORATION", "delay_max_3m"))),
				ACME, WAITING_FOR_CFO)
			.orElseThrow();
		assertThat(english(notice, "body")).isEqualTo("Acme GmbH was given notice of a credit limit decrease. Reasons: "
				+ "A severe deterioration of the payment behaviour; Worst payment delay in the last 3 months.");
		assertThat(german(notice, "body")).isEqualTo("Acme GmbH wurde eine Senkung des Kreditlimits angekündigt. "
				+ "Gründe: Eine starke Verschlechterung des Zahlungsverhaltens; "
				+ "Längster Zahlungsverzug der letzten 3 Monate.");
		Notice status = notice(event(CreditEventType.CUSTOMER_STATUS_CHANGED, Map.of("previousStatus", "ACTIVE",
				"status", "ON_HOLD", "reason", "insolvency filing", "changedBy", "mia")), ACME, WAITING_FOR_CFO)
			.orElseThrow();
		assertThat(english(status, "subject")).isEqualTo("Acme GmbH is now on hold");
		assertThat(english(status, "body"))
			.isEqualTo("The credit status of Acme GmbH changed from active to on hold: insolvency filing");
		assertThat(german(status, "subject")).isEqualTo("Acme GmbH ist jetzt zurückgestellt");
		Notice warning = notice(event(CreditEventType.ALERT_RAISED,
				raised("OVERDUE", "amount", "WARNING", "5000.00 EUR", "7250.50 EUR")), ACME, WAITING_FOR_CFO)
			.orElseThrow();
		assertThat(english(warning, "subject")).isEqualTo("Warning on Acme GmbH: Overdue receivables");
		assertThat(german(warning, "subject")).isEqualTo("Warnung bei Acme GmbH: Überfällige Forderungen");
		// A code the catalogue does not know stays as it is; none at all reads "none".
		Notice unknown = notice(event(CreditEventType.RISK_FLAG_RAISED, Map.of("flag", "SANCTIONS", "raisedBy", "mia")),
				ACME, WAITING_FOR_CFO)
			.orElseThrow();
		assertThat(english(unknown, "subject")).isEqualTo("Risk flag on Acme GmbH (SANCTIONS): orders are refused");
	}

	@Test
	void exposureSnapshotsAndOrderDecisionsTellNobody() {
		assertThat(CreditEventNotices.concerns(CreditEventType.EXPOSURE_CHANGED)).isFalse();
		assertThat(CreditEventNotices.concerns(CreditEventType.ORDER_CREDIT_DECIDED)).isFalse();
		assertThat(notice(event(CreditEventType.EXPOSURE_CHANGED, Map.of()), ACME, WAITING_FOR_CFO)).isEmpty();
	}

}
