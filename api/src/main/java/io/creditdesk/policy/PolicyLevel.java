package io.creditdesk.policy;

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

}
