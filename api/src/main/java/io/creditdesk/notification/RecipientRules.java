package io.creditdesk.notification;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.creditdesk.security.Roles;

/**
 * Who hears of what: per notification type, the rules that name the recipients. The
 * documented defaults ({@link #DEFAULTS}) are replaced per type by
 * {@code creditdesk.notifications.recipients.<TYPE>=rule,rule}. A rule is
 * {@code creditAnalyst} or {@code salesOwner} (the customer's assignments),
 * {@code requester} (who made the credit limit request), {@code approvers} (the holders
 * of the role the request's step waits for, or was escalated to) or {@code role:<ROLE>}
 * (a role mailbox: every user with the role). The person whose action caused the
 * notification is never told of it; nobody is told twice.
 */
final class RecipientRules {

	/** One way of naming recipients. */
	sealed interface Rule permits CreditAnalyst, SalesOwner, Requester, Approvers, Role {

		static Rule parse(String text) {
			String rule = (text == null) ? "" : text.trim();
			if (rule.regionMatches(true, 0, "role:", 0, 5)) {
				String role = rule.substring(5).trim().toUpperCase(Locale.ROOT);
				if (!List.of(Roles.ALL).contains(role)) {
					throw new IllegalArgumentException("no such role in recipient rule '" + text + "'");
				}
				return new Role(role);
			}
			return switch (rule) {
				case "creditAnalyst" -> new CreditAnalyst();
				case "salesOwner" -> new SalesOwner();
				case "requester" -> new Requester();
				case "approvers" -> new Approvers();
				default -> throw new IllegalArgumentException("no such recipient rule '" + text
						+ "': creditAnalyst, salesOwner, requester, approvers or role:<ROLE>");
			};
		}

	}

	/** The customer's credit analyst. */
	record CreditAnalyst() implements Rule {
	}

	/** The customer's sales owner. */
	record SalesOwner() implements Rule {
	}

	/** Who made the credit limit request. */
	record Requester() implements Rule {
	}

	/** The holders of the role a request's step waits for (or was escalated to). */
	record Approvers() implements Rule {
	}

	/** Every user with the role: a role mailbox. */
	record Role(String role) implements Rule {
	}

	/**
	 * What the rules read about one notification.
	 *
	 * @param creditAnalyst the customer's credit analyst, or null
	 * @param salesOwner the customer's sales owner, or null
	 * @param requester who made the credit limit request, or null
	 * @param approverRole the role of the step, or null
	 * @param actor whose action caused the notification (never told of it), or null
	 */
	record Subject(String creditAnalyst, String salesOwner, String requester, String approverRole, String actor) {
	}

	static final Map<NotificationType, List<Rule>> DEFAULTS = defaults();

	private final Map<NotificationType, List<Rule>> rules;

	/**
	 * @param overrides per type name, its rules instead of the default; an unknown type
	 * or rule fails at start-up, not at the first event
	 */
	RecipientRules(Map<String, List<String>> overrides) {
		Map<NotificationType, List<Rule>> rules = new EnumMap<>(DEFAULTS);
		overrides.forEach((type, texts) -> {
			NotificationType parsed;
			try {
				parsed = NotificationType.valueOf(type.trim().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(
						"creditdesk.notifications.recipients." + type + ": no such notification type", ex);
			}
			rules.put(parsed, texts.stream().map(Rule::parse).toList());
		});
		this.rules = rules;
	}

	/** The rules of {@code type}. */
	List<Rule> of(NotificationType type) {
		return this.rules.getOrDefault(type, List.of());
	}

	/**
	 * The usernames to notify, in the order of the rules, each once, without the actor.
	 * @param holdersOf the users holding a role (from the configured users)
	 */
	List<String> recipients(NotificationType type, Subject subject, Function<String, List<String>> holdersOf) {
		Set<String> names = new LinkedHashSet<>();
		for (Rule rule : of(type)) {
			if (rule instanceof CreditAnalyst) {
				add(names, subject.creditAnalyst());
			}
			else if (rule instanceof SalesOwner) {
				add(names, subject.salesOwner());
			}
			else if (rule instanceof Requester) {
				add(names, subject.requester());
			}
			else if (rule instanceof Approvers) {
				if (subject.approverRole() != null) {
					holdersOf.apply(subject.approverRole()).forEach(name -> add(names, name));
				}
			}
			else if (rule instanceof Role role) {
				holdersOf.apply(role.role()).forEach(name -> add(names, name));
			}
		}
		if (subject.actor() != null) {
			names.remove(subject.actor());
		}
		return new ArrayList<>(names);
	}

	private static void add(Set<String> names, String name) {
		if (name != null && !name.isBlank()) {
			names.add(name);
		}
	}

	private static Map<NotificationType, List<Rule>> defaults() {
		Map<NotificationType, List<Rule>> rules = new EnumMap<>(NotificationType.class);
		rules.put(NotificationType.APPROVAL_REQUESTED, List.of(new Approvers()));
		rules.put(NotificationType.APPROVAL_ESCALATED, List.of(new Approvers()));
		rules.put(NotificationType.REQUEST_RETURNED, List.of(new Requester()));
		rules.put(NotificationType.REQUEST_DECIDED, List.of(new Requester(), new SalesOwner()));
		rules.put(NotificationType.RISK_FLAG_RAISED,
				List.of(new CreditAnalyst(), new SalesOwner(), new Role(Roles.CREDIT_MANAGER)));
		rules.put(NotificationType.CUSTOMER_STATUS_CHANGED, List.of(new CreditAnalyst(), new SalesOwner()));
		rules.put(NotificationType.ALERT_RAISED, List.of(new CreditAnalyst(), new Role(Roles.CREDIT_MANAGER)));
		rules.put(NotificationType.CUSTOMER_NOTICE_ISSUED, List.of(new SalesOwner(), new CreditAnalyst()));
		rules.put(NotificationType.WEBHOOK_DISABLED, List.of(new Role(Roles.ADMIN)));
		return Map.copyOf(rules);
	}

}
