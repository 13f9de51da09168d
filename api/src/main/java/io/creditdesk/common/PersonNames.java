package io.creditdesk.common;

import java.util.Locale;

/**
 * Whether two recorded names are one person, for the four-eyes rules (limit request
 * steps, releases of held orders, model promotions): compared without regard to case or
 * surrounding blanks, since an identity provider may send one person's name as
 * {@code Ana} in one token and {@code ana} in the next, and a rule that compared them as
 * written would let that person take both sides.
 */
public final class PersonNames {

	private PersonNames() {
	}

	/** Whether {@code name} and {@code other} name the same person; null is nobody. */
	public static boolean samePerson(String name, String other) {
		return name != null && other != null
				&& name.trim().toLowerCase(Locale.ROOT).equals(other.trim().toLowerCase(Locale.ROOT));
	}

}
