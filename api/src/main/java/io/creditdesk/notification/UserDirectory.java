package io.creditdesk.notification;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.creditdesk.customer.KnownPeople;
import io.creditdesk.notification.NotificationProperties.User;
import io.creditdesk.security.DemoUsers;
import io.creditdesk.security.SecurityProperties;

import org.springframework.stereotype.Component;

/**
 * The people notifications can reach, with their addresses and roles: the configured
 * users ({@code creditdesk.notifications.users}), or, when none are configured and the
 * service runs with its demo users, those (one per role, at the demo mail domain). With
 * JWT sign-in the identity provider knows the users and this service does not: configure
 * them here so that role mailboxes and approvers can be found; a person not listed still
 * gets what is addressed to them by name (as a credit analyst, sales owner or requester)
 * in the in-app inbox.
 */
@Component
class UserDirectory implements KnownPeople {

	private final Map<String, User> users = new LinkedHashMap<>();

	/**
	 * Everyone who can be assigned to a customer by name, or null when this service
	 * cannot know (JWT sign-in).
	 */
	private final Set<String> people;

	UserDirectory(NotificationProperties properties, SecurityProperties security) {
		if (!properties.users().isEmpty()) {
			properties.users().forEach(user -> this.users.put(user.username(), user));
		}
		else if (!security.jwt()) {
			for (DemoUsers.DemoUser demo : DemoUsers.ALL) {
				this.users.put(demo.username(), new User(demo.username(),
						demo.username() + "@" + properties.demoMailDomain(), List.of(demo.role()), null));
			}
		}
		if (security.jwt()) {
			this.people = null;
		}
		else {
			Set<String> people = new LinkedHashSet<>(this.users.keySet());
			DemoUsers.ALL.forEach(demo -> people.add(demo.username()));
			this.people = Set.copyOf(people);
		}
	}

	/**
	 * In demo mode the demo users and the configured ones; with JWT sign-in nobody is
	 * known for sure (the identity provider knows the people, and a person not configured
	 * here still gets what is addressed to them in the inbox).
	 */
	@Override
	public Optional<Set<String>> usernames() {
		return Optional.ofNullable(this.people);
	}

	/** The usernames of everybody with {@code role}, in the configured order. */
	List<String> holdersOf(String role) {
		return this.users.values().stream().filter(user -> user.roles().contains(role)).map(User::username).toList();
	}

	Optional<User> find(String username) {
		return Optional.ofNullable(this.users.get(username));
	}

	/** The language the configured user reads, English when not configured. */
	Locale language(String username) {
		return find(username).map(User::language)
			.filter(language -> !language.isBlank())
			.map(Locale::forLanguageTag)
			.orElse(Locale.ENGLISH);
	}

}
