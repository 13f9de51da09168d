package io.creditdesk.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The message catalogue of decision reasons, no Spring context: every code has its
 * sentence in every language, every sentence reads without blanks whether the reason has
 * figures or not, and the figures land where the sentence says.
 */
class ReasonMessagesTests {

	private static final String[] CATALOGUES = { "messages.properties", "messages_de.properties" };

	private final ReasonMessages messages = new ReasonMessages();

	@Test
	void everyCodeHasItsSentenceInEveryLanguage() throws IOException {
		for (String file : CATALOGUES) {
			Properties keys = load(file);
			for (CreditReasonCode code : CreditReasonCode.values()) {
				// Read from the file itself: the message source would quietly fall back
				// to English.
				assertThat(keys).as(file).containsKey(code.messageKey());
			}
		}
	}

	@Test
	void everyLanguageHasTheSameReasonKeys() throws IOException {
		assertThat(reasonKeys("messages_de.properties")).isEqualTo(reasonKeys("messages.properties"));
	}

	private static Set<Object> reasonKeys(String file) throws IOException {
		return load(file).keySet()
			.stream()
			.filter(key -> key.toString().startsWith("reason."))
			.collect(Collectors.toSet());
	}

	@ParameterizedTest
	@EnumSource(CreditReasonCode.class)
	void everySentenceReadsWithAndWithoutFigures(CreditReasonCode code) {
		for (Locale locale : new Locale[] { Locale.ENGLISH, Locale.GERMAN }) {
			for (CreditReason reason : new CreditReason[] { new CreditReason(code, "20000.00 EUR", "25000.00 EUR"),
					CreditReason.of(code), new CreditReason(code, null, "BUREAU") }) {
				assertThat(this.messages.message(reason, locale)).as("%s %s", reason, locale)
					.isNotBlank()
					.doesNotContain("null", "{", "}", "''");
			}
		}
	}

	static Stream<Arguments> sentences() {
		return Stream.of(arguments(
				new CreditReason(CreditReasonCode.ORDER_ABOVE_MAX_VALUE, "20000.00 EUR", "25000.00 EUR"),
				Locale.ENGLISH,
				"Order of 25,000.00 EUR is above the maximum order value of 20,000.00 EUR set by the credit policy; it waits for Finance."),
				// The level of the policy that set the threshold, named in the reader's
				// language.
				arguments(
						new CreditReason(CreditReasonCode.ORDER_ABOVE_MAX_VALUE, "20000.00 EUR", "25000.00 EUR",
								"SEGMENT:SMB"),
						Locale.ENGLISH,
						"Order of 25,000.00 EUR is above the maximum order value of 20,000.00 EUR set for segment SMB; it waits for Finance."),
				arguments(
						new CreditReason(CreditReasonCode.ORDER_ABOVE_MAX_VALUE, "20000.00 EUR", "25000.00 EUR",
								"SEGMENT:SMB"),
						Locale.GERMAN,
						"Auftrag über 25.000,00 EUR übersteigt den Höchstauftragswert von 20.000,00 EUR, festgelegt für Segment SMB; er wartet auf die Finanzabteilung."),
				arguments(new CreditReason(CreditReasonCode.OVERDUE_TOO_OLD, "30 days", "45 days", "GLOBAL"),
						Locale.GERMAN,
						"Die älteste überfällige Forderung ist länger überfällig als erlaubt (überfällig: 45 Tage, erlaubt: 30 Tage, festgelegt für alle Kunden (globale Richtlinie)); der Auftrag wartet auf die Finanzabteilung."),
				arguments(new CreditReason(CreditReasonCode.OVERDUE_TOO_OLD, "30 days", "1 days"), Locale.ENGLISH,
						"The oldest overdue receivable is 1 day past due, longer than the 30 days the credit policy allows; the order waits for Finance."),
				arguments(new CreditReason(CreditReasonCode.ORDER_ABOVE_MAX_VALUE, "20000.00 EUR", "25000.00 EUR"),
						Locale.GERMAN,
						"Auftrag über 25.000,00 EUR übersteigt den Höchstauftragswert von 20.000,00 EUR laut Kreditrichtlinie; er wartet auf die Finanzabteilung."),
				arguments(new CreditReason(CreditReasonCode.EXCEEDS_AVAILABLE_CREDIT, "1000.00 EUR", "1500.00 EUR"),
						Locale.ENGLISH,
						"Order of 1,500.00 EUR is above the available credit of 1,000.00 EUR; it waits for Finance."),
				// Stored before figures were kept: the sentence without them.
				arguments(CreditReason.of(CreditReasonCode.EXCEEDS_AVAILABLE_CREDIT), Locale.ENGLISH,
						"The order is above the available credit; it waits for Finance."),
				// A language without a catalogue of its own reads English, whatever the
				// machine's locale.
				arguments(new CreditReason(CreditReasonCode.EXCEEDS_AVAILABLE_CREDIT, "1000.00 EUR", "1500.00 EUR"),
						Locale.FRENCH,
						"Order of 1,500.00 EUR is above the available credit of 1,000.00 EUR; it waits for Finance."),
				// The credit group's available credit, with the group limit and exposure
				// it
				// is left by.
				arguments(CreditReason.overGroupAvailable("2000.00 EUR", "2500.00 EUR", "3000.00 EUR", "1000.00 EUR"),
						Locale.ENGLISH,
						"The order needs 2,500.00 EUR of the available credit of the customer's credit group, which has 2,000.00 EUR available (group limit 3,000.00 EUR, group exposure 1,000.00 EUR); it waits for Finance."),
				arguments(CreditReason.overGroupAvailable("2000.00 EUR", "2500.00 EUR", "3000.00 EUR", "1000.00 EUR"),
						Locale.GERMAN,
						"Der Auftrag benötigt 2.500,00 EUR vom verfügbaren Kredit der Kreditgruppe des Kunden, die 2.000,00 EUR verfügbar hat (Gruppenlimit 3.000,00 EUR, Gruppenobligo 1.000,00 EUR); er wartet auf die Finanzabteilung."),
				arguments(CreditReason.of(CreditReasonCode.EXCEEDS_GROUP_AVAILABLE_CREDIT), Locale.ENGLISH,
						"The order is above the available credit of the customer's credit group; it waits for Finance."),
				arguments(CreditReason.of(CreditReasonCode.LIMIT_OVERRIDDEN), null,
						"Released above the credit limit by an approver's override."),
				arguments(new CreditReason(CreditReasonCode.LIMIT_EXPIRED, "2026-06-14", "2026-06-15"), Locale.GERMAN,
						"Das Kreditlimit war bis 2026-06-14 gültig (geprüft am 2026-06-15); der Auftrag wartet auf die Finanzabteilung."));
	}

	@ParameterizedTest
	@MethodSource("sentences")
	void figuresLandInTheSentence(CreditReason reason, Locale locale, String sentence) {
		assertThat(this.messages.message(reason, locale)).isEqualTo(sentence);
	}

	private static Properties load(String file) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = ReasonMessagesTests.class.getClassLoader().getResourceAsStream(file)) {
			assertThat(in).as(file).isNotNull();
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}

}
