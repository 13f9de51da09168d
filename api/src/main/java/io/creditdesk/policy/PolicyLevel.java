package io.creditdesk.policy;

import io.creditdesk.common.ErrorCode;
import io.creditdesk.common.Validation;

/** Policy levels, most specific first: the order of resolution. */
public enum PolicyLevel {

	CUSTOMER, TIER, INDUSTRY, SEGMENT, GLOBAL, SYSTEM_DEFAULT;

	/**
	 * The id of the stored policy of this level and code, e.g. {@code SEGMENT:SMB} or
	 * {@code GLOBAL}.
	 */
	public String policyId(String code) {
		return (this == GLOBAL || this == SYSTEM_DEFAULT) ? name() : name() + ":" + code;
	}

	/**
	 * The code an upsert of a policy at this level gives, checked: none for the global
	 * level, a customer id for the customer level, a taxonomy code otherwise; the shipped
	 * default is refused with {@code readOnly}. Problems go to {@code v}.
	 */
	public String checkedCode(Validation v, String code, ErrorCode readOnly) {
		if (this == SYSTEM_DEFAULT) {
			v.reject(readOnly, "level");
		}
		return switch (this) {
			case GLOBAL, SYSTEM_DEFAULT -> null;
			case CUSTOMER -> v.id("code", code, 64);
			default -> v.code("code", code);
		};
	}

}
