package io.creditdesk.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Hands e-mails to the mail server that Spring Mail is configured with
 * ({@code spring.mail.host}, e.g. from {@code SPRING_MAIL_HOST}). Without one there is no
 * {@link JavaMailSender} and notifications go to the inbox and the log only.
 */
@Component
class Mailer {

	private final JavaMailSender sender;

	private final NotificationProperties properties;

	Mailer(ObjectProvider<JavaMailSender> sender, NotificationProperties properties) {
		this.sender = sender.getIfUnique();
		this.properties = properties;
	}

	/** Whether a mail server is configured. */
	boolean enabled() {
		return this.sender != null;
	}

	/** Sends {@code mail} to {@code address}, plain text and HTML as alternatives. */
	void send(String address, MailTemplates.Mail mail) throws MessagingException {
		if (this.sender == null) {
			throw new IllegalStateException("no mail server configured (spring.mail.host)");
		}
		MimeMessage message = this.sender.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
		helper.setFrom(this.properties.mailFrom());
		helper.setTo(address);
		helper.setSubject(mail.subject());
		helper.setText(mail.text(), mail.html());
		this.sender.send(message);
	}

}
