package io.creditdesk.limitrequest;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The roles that approve credit limit requests, lowest first. The names are those of the
 * service's security roles, so an acting user's roles map onto them by name.
 */
public enum ApproverRole {

	CREDIT_ANALYST, CREDIT_MANAGER, CFO;

	public boolean isAbove(ApproverRole other) {
		return ordinal() > other.ordinal();
	}

	/** The next level up, or null for the top of the hierarchy. */
	public ApproverRole nextUp() {
		ApproverRole[] all = values();
		return (ordinal() + 1 < all.length) ? all[ordinal() + 1] : null;
	}

	/**
	 * The role of this name (case and surrounding blanks ignored), or null when there is
	 * none.
	 */
	public static ApproverRole parse(String name) {
		if (name == null) {
			return null;
		}
		String normalized = name.trim().toUpperCase(Locale.ROOT);
		for (ApproverRole role : values()) {
			if (role.name().equals(normalized)) {
				return role;
			}
		}
		return null;
	}

	/** The approver roles among a user's role names; the other roles approve nothing. */
	public static Set<ApproverRole> of(Collection<String> roleNames) {
		Set<ApproverRole> roles = EnumSet.noneOf(ApproverRole.class);
		for (String name : roleNames) {
			ApproverRole role = parse(name);
			if (role != null) {
				roles.add(role);
			}
		}
		return Set.copyOf(roles);
	}

}
