package io.creditdesk.notification;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The e-mails: plain text and HTML with the same words from the catalogue, in the
 * recipient's language, the link to act, and names escaped in the HTML.
 */
class MailTemplatesTests {

	private static final MailTemplates.Item ITEM = new MailTemplates.Item(
			"FRAUD flag on <Acme & Co>: orders are refused",
			"A FRAUD flag was raised on <Acme & Co> (internal-review): card testing.",
			"https://credit.example.com/customers/c-1");

	@Test
	void oneNotificationInTextAndHtmlWithTheLinkToAct() {
		MailTemplates.Mail mail = MailTemplates.single(Locale.ENGLISH, "ana", ITEM);
		assertThat(mail.subject()).isEqualTo("[CreditDesk] FRAUD flag on <Acme & Co>: orders are refused");
		assertThat(mail.text()).startsWith("Hello ana,\n\nA FRAUD flag was raised on <Acme & Co>")
			.contains("Open in CreditDesk: https://credit.example.com/customers/c-1");
		assertThat(mail.html()).contains("&lt;Acme &amp; Co&gt;")
			.doesNotContain("<Acme")
			.contains("<a href=\"https://credit.example.com/customers/c-1\"");
	}

	@Test
	void theDigestListsEveryNotificationInTheReadersLanguage() {
		MailTemplates.Mail digest = MailTemplates.digest(Locale.GERMAN, "ana", LocalDate.parse("2026-12-05"),
				List.of(ITEM, ITEM));
		assertThat(digest.subject())
			.isEqualTo("[CreditDesk] Tageszusammenfassung vom 2026-12-05: 2 Benachrichtigungen");
		assertThat(digest.text()).startsWith("Hallo ana,").contains("In CreditDesk öffnen: https://credit.example.com");
		assertThat(digest.html().split("<li>", -1)).hasSize(3);
	}

}
