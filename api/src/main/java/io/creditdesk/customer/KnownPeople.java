package io.creditdesk.customer;

import java.util.Optional;
import java.util.Set;

/**
 * The people this service knows by username, so that a customer's credit analyst and
 * sales owner ({@code assignCustomer}) can be checked against them: with the demo users
 * (and any configured in {@code creditdesk.notifications.users}) it knows everyone who
 * can sign in; with JWT sign-in the identity provider knows the people and this service
 * cannot, so any well-formed username is accepted. Implemented by the notifications' user
 * directory, which knows whom it can reach.
 */
public interface KnownPeople {

	/**
	 * The usernames of everyone this service knows, or empty when it cannot know them
	 * (JWT sign-in).
	 */
	Optional<Set<String>> usernames();

}
