package io.creditdesk.notification;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.notification.NotificationProperties.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Tells the recipients of a {@link Notice}: each gets it in the in-app inbox, rendered in
 * their language, and by e-mail as they chose (at once or in the daily digest) when a
 * mail server is configured and their address is known; otherwise the notification is
 * logged. Each delivery is keyed by (notice, recipient, channel), so a notice handled
 * twice is delivered once.
 */
@Component
class Notifier {

	private static final Logger log = LoggerFactory.getLogger(Notifier.class);

	private final RecipientRules rules;

	private final UserDirectory users;

	private final Inbox inbox;

	private final PreferencesStore preferences;

	private final MailQueue mails;

	private final Mailer mailer;

	private final NotificationProperties properties;

	private final Clock clock;

	Notifier(UserDirectory users, Inbox inbox, PreferencesStore preferences, MailQueue mails, Mailer mailer,
			NotificationProperties properties, Clock clock) {
		this.rules = new RecipientRules(properties.recipients());
		this.users = users;
		this.inbox = inbox;
		this.preferences = preferences;
		this.mails = mails;
		this.mailer = mailer;
		this.properties = properties;
		this.clock = clock;
	}

	/** Delivers {@code notice}; returns the recipients. */
	List<String> notify(Notice notice) {
		List<String> recipients = this.rules.recipients(notice.type(), notice.subject(), this.users::holdersOf);
		for (String recipient : recipients) {
			deliver(notice, recipient);
		}
		return recipients;
	}

	private void deliver(Notice notice, String recipient) {
		NotificationPreferences chosen = this.preferences.of(recipient);
		Locale language = (chosen.language() != null) ? Locale.forLanguageTag(chosen.language())
				: this.users.language(recipient);
		String subject = MessageCatalogue.render(language, notice.type().subjectKey(), notice.figures());
		String body = MessageCatalogue.render(language, notice.type().bodyKey(), notice.figures());
		String link = this.properties.baseUrl().toString().replaceAll("/+$", "") + notice.path();
		Instant now = this.clock.instant();
		this.inbox.add(new InboxEntry(notice.id() + ":" + recipient, recipient, notice.type(), notice.customerId(),
				subject, body, link, now, null));
		EmailMode mode = chosen.mode(notice.type());
		Optional<String> address = this.users.find(recipient).map(User::email).filter(email -> !email.isBlank());
		if (mode == EmailMode.OFF || !this.mailer.enabled() || address.isEmpty()) {
			log.info("Notification {} to {} ({}): {}", notice.type(), recipient,
					(mode == EmailMode.OFF) ? "in-app, e-mail off"
							: !this.mailer.enabled() ? "in-app, no mail server" : "in-app, no e-mail address",
					subject);
			return;
		}
		this.mails.queue(new QueuedEmail(notice.id() + ":" + recipient + ":EMAIL", recipient, address.get(),
				language.toLanguageTag(), notice.type(), mode, subject, body, link, QueuedEmail.Status.PENDING, 0, now,
				now, now, null, null));
	}

}
