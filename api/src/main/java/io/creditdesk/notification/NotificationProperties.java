package io.creditdesk.notification;

import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the notifications ({@code creditdesk.notifications.*}).
 *
 * @param enabled consume the credit events and notify (in-app, e-mail, webhooks)
 * @param groupId the Kafka consumer group reading the credit events for notifications
 * @param baseUrl where people open the service: the links to act in notifications and
 * e-mails start with it
 * @param mailFrom the sender of notification e-mails
 * @param digestAt when the daily digest is sent, in {@code digestZone}
 * @param digestZone the time zone of {@code digestAt}
 * @param maxEventAge an event older than this when read (a consumer group starting on an
 * old topic) notifies nobody: nobody wants to hear of last month's decisions now
 * @param mailMaxAttempts attempts to hand an immediate e-mail to the mail server
 * @param mailRetryDelay the wait before the first retry, doubled at each further one
 * @param users the people notified: username, e-mail, roles, language; empty in demo mode
 * means the demo users at {@code demoMailDomain}
 * @param demoMailDomain the mail domain of the demo users
 * @param recipients per notification type, who is notified instead of the documented
 * default ({@link RecipientRules}): {@code creditAnalyst}, {@code salesOwner},
 * {@code requester}, {@code approvers}, {@code role:<ROLE>}
 */
@ConfigurationProperties("creditdesk.notifications")
public record NotificationProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("creditdesk-notifications") String groupId, @DefaultValue("http://localhost:8080") URI baseUrl,
		@DefaultValue("creditdesk@localhost") String mailFrom, @DefaultValue("07:00") LocalTime digestAt,
		@DefaultValue("UTC") ZoneId digestZone, @DefaultValue("7d") Duration maxEventAge,
		@DefaultValue("5") int mailMaxAttempts, @DefaultValue("30s") Duration mailRetryDelay, List<User> users,
		@DefaultValue("creditdesk.example") String demoMailDomain, Map<String, List<String>> recipients) {

	public NotificationProperties {
		users = (users != null) ? List.copyOf(users) : List.of();
		recipients = (recipients != null) ? Map.copyOf(recipients) : Map.of();
		if (mailMaxAttempts < 1) {
			throw new IllegalArgumentException("creditdesk.notifications.mail-max-attempts must be at least 1");
		}
	}

	/**
	 * A person who may be notified.
	 *
	 * @param username as they sign in
	 * @param email their address, or null for in-app only
	 * @param roles their roles (role mailboxes and approvers are found by role)
	 * @param language {@code en} or {@code de}; English when not given
	 */
	public record User(String username, String email, List<String> roles, String language) {

		public User {
			roles = (roles != null) ? List.copyOf(roles) : List.of();
		}

	}

}
