package io.creditdesk.notification;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import io.creditdesk.common.MessageCatalogue;

import org.springframework.web.util.HtmlUtils;

/**
 * The notification e-mails, plain text and HTML, every word from the message catalogue
 * ({@code mail.*}) in the recipient's language: a greeting, what happened with its
 * figures, a link to act, and why they get it. Figures and names are HTML-escaped; the
 * markup is only a simple frame that mail clients show alike.
 */
final class MailTemplates {

	/** A rendered e-mail. */
	record Mail(String subject, String text, String html) {
	}

	/** One notification in a mail. */
	record Item(String subject, String body, String link) {
	}

	private MailTemplates() {
	}

	static Mail single(Locale language, String recipient, Item item) {
		String greeting = MessageCatalogue.render(language, "mail.greeting", List.of(recipient));
		String action = MessageCatalogue.render(language, "mail.action", List.of());
		String footer = MessageCatalogue.render(language, "mail.footer", List.of());
		String text = greeting + "\n\n" + item.body() + "\n\n" + action + ": " + item.link() + "\n\n-- \n" + footer
				+ "\n";
		String html = frame(item.subject(),
				"<p>" + esc(greeting) + "</p>\n<p>" + esc(item.body()) + "</p>\n" + button(item.link(), action),
				footer);
		return new Mail(MessageCatalogue.render(language, "mail.subject", List.of(item.subject())), text, html);
	}

	static Mail digest(Locale language, String recipient, LocalDate day, List<Item> items) {
		String greeting = MessageCatalogue.render(language, "mail.greeting", List.of(recipient));
		String intro = MessageCatalogue.render(language, "mail.digest.intro", List.of(items.size(), day));
		String action = MessageCatalogue.render(language, "mail.action", List.of());
		String footer = MessageCatalogue.render(language, "mail.footer", List.of());
		StringBuilder text = new StringBuilder(greeting).append("\n\n").append(intro).append("\n");
		StringBuilder html = new StringBuilder("<p>").append(esc(greeting))
			.append("</p>\n<p>")
			.append(esc(intro))
			.append("</p>\n<ul>\n");
		for (Item item : items) {
			text.append("\n* ")
				.append(item.subject())
				.append("\n  ")
				.append(item.body())
				.append("\n  ")
				.append(action)
				.append(": ")
				.append(item.link())
				.append("\n");
			html.append("<li><p><strong>")
				.append(esc(item.subject()))
				.append("</strong><br>")
				.append(esc(item.body()))
				.append("<br><a href=\"")
				.append(esc(item.link()))
				.append("\">")
				.append(esc(action))
				.append("</a></p></li>\n");
		}
		text.append("\n-- \n").append(footer).append("\n");
		html.append("</ul>\n");
		String subject = MessageCatalogue.render(language, "mail.digest.subject", List.of(items.size(), day));
		return new Mail(subject, text.toString(), frame(subject, html.toString(), footer));
	}

	private static String button(String link, String label) {
		return "<p><a href=\"" + esc(link) + "\" style=\"display:inline-block;padding:8px 16px;"
				+ "background:#1f4e79;color:#ffffff;text-decoration:none;border-radius:4px\">" + esc(label)
				+ "</a></p>\n";
	}

	private static String frame(String title, String content, String footer) {
		return "<!DOCTYPE html>\n<html><head><meta charset=\"UTF-8\"><title>" + esc(title)
				+ "</title></head>\n<body style=\"font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#222\">\n"
				+ content + "<hr>\n<p style=\"font-size:12px;color:#666\">" + esc(footer) + "</p>\n</body></html>\n";
	}

	private static String esc(String text) {
		return HtmlUtils.htmlEscape(text, "UTF-8");
	}

}
