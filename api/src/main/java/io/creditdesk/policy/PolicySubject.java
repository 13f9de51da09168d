package io.creditdesk.policy;

import java.util.List;

/** What resolution needs to know of a customer: its id and taxonomy codes. */
public record PolicySubject(String customerId, String segment, String tier, String industry) {

	/** The ids of the stored policies that may apply, most specific first. */
	List<String> policyIds() {
		return List.of(PolicyLevel.CUSTOMER.policyId(this.customerId), PolicyLevel.TIER.policyId(this.tier),
				PolicyLevel.INDUSTRY.policyId(this.industry), PolicyLevel.SEGMENT.policyId(this.segment),
				PolicyLevel.GLOBAL.policyId(null));
	}

}
