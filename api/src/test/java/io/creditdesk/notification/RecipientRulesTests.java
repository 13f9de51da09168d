package io.creditdesk.notification;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The documented recipient rules as a table: per notification type, who hears of it for a
 * customer whose analyst is {@code ana} and sales owner {@code sam}, a request made by
 * {@code rita} waiting for a {@code CREDIT_MANAGER}, and the users {@code mia} and
 * {@code max} (CREDIT_MANAGER), {@code cleo} (CFO) and {@code adam} (ADMIN).
 */
class RecipientRulesTests {

	private static final Function<String, List<String>> HOLDERS = role -> switch (role) {
		case "CREDIT_MANAGER" -> List.of("mia", "max");
		case "CFO" -> List.of("cleo");
		case "ADMIN" -> List.of("adam");
		default -> List.of();
	};

	private static final RecipientRules DEFAULTS = new RecipientRules(Map.of());

	@ParameterizedTest(name = "{0} by {1} -> {2}")
	@CsvSource(delimiter = '|',
			value = { "APPROVAL_REQUESTED | rita | mia,max", "APPROVAL_ESCALATED | '' | mia,max",
					"REQUEST_RETURNED | mia | rita", "REQUEST_DECIDED | '' | rita,sam",
					"RISK_FLAG_RAISED | mia | ana,sam,max", "RISK_FLAG_RAISED | ana | sam,mia,max",
					"CUSTOMER_STATUS_CHANGED | system | ana,sam", "ALERT_RAISED | '' | ana,mia,max",
					"CUSTOMER_NOTICE_ISSUED | '' | sam,ana", "WEBHOOK_DISABLED | '' | adam" })
	void theDefaultsNameTheDocumentedRecipientsWithoutTheActor(NotificationType type, String actor, String expected) {
		RecipientRules.Subject subject = new RecipientRules.Subject("ana", "sam", "rita", "CREDIT_MANAGER",
				actor.isEmpty() ? null : actor);
		assertThat(DEFAULTS.recipients(type, subject, HOLDERS)).containsExactly(expected.split(","));
	}

	@Test
	void nobodyIsToldTwiceAndMissingAssignmentsAreSkipped() {
		RecipientRules.Subject ownerIsAnalyst = new RecipientRules.Subject("ana", "ana", null, null, null);
		assertThat(DEFAULTS.recipients(NotificationType.CUSTOMER_STATUS_CHANGED, ownerIsAnalyst, HOLDERS))
			.containsExactly("ana");
		RecipientRules.Subject unassigned = new RecipientRules.Subject(null, " ", null, null, null);
		assertThat(DEFAULTS.recipients(NotificationType.CUSTOMER_STATUS_CHANGED, unassigned, HOLDERS)).isEmpty();
		assertThat(DEFAULTS.recipients(NotificationType.ALERT_RAISED, unassigned, HOLDERS)).containsExactly("mia",
				"max");
	}

	@Test
	void configurationReplacesTheRulesOfOneType() {
		RecipientRules rules = new RecipientRules(
				Map.of("customer_status_changed", List.of("role:CFO", "salesOwner"), "ALERT_RAISED", List.of()));
		RecipientRules.Subject subject = new RecipientRules.Subject("ana", "sam", null, null, null);
		assertThat(rules.recipients(NotificationType.CUSTOMER_STATUS_CHANGED, subject, HOLDERS)).containsExactly("cleo",
				"sam");
		assertThat(rules.recipients(NotificationType.ALERT_RAISED, subject, HOLDERS)).isEmpty();
		assertThat(rules.recipients(NotificationType.RISK_FLAG_RAISED, subject, HOLDERS)).containsExactly("ana", "sam",
				"mia", "max");
	}

	@Test
	void anUnknownTypeRuleOrRoleFailsAtStartUp() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RecipientRules(Map.of("NO_SUCH", List.of())))
			.withMessageContaining("NO_SUCH");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RecipientRules(Map.of("ALERT_RAISED", List.of("everybody"))))
			.withMessageContaining("everybody");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RecipientRules(Map.of("ALERT_RAISED", List.of("role:INTERN"))))
			.withMessageContaining("INTERN");
	}

}
