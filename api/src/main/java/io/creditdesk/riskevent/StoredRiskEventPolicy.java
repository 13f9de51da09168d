package io.creditdesk.riskevent;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.creditdesk.policy.PolicyLevel;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The risk event rules of one policy level (global, a segment, an industry, a tier or a
 * customer), as stored and edited through {@code upsertRiskEventPolicy}. Each rule maps
 * an event type to its actions; a type this level does not map falls through to the next
 * less specific level, and at last to {@link RiskEventPolicy#DEFAULT}.
 *
 * @param id {@code level.policyId(code)}, e.g. {@code GLOBAL} or {@code SEGMENT:SMB}
 * @param version raised by each change; a change naming an older one is refused
 */
@Document("risk_event_policies")
public record StoredRiskEventPolicy(@Id String id, PolicyLevel level, String code, List<Rule> rules, String updatedBy,
		Instant updatedAt, long version) {

	public StoredRiskEventPolicy {
		rules = (rules != null) ? List.copyOf(rules) : List.of();
	}

	/**
	 * The actions of one event type.
	 *
	 * @param actions empty for "nothing but the record of the event"
	 */
	public record Rule(ExternalEventType eventType, Set<RiskEventAction> actions) {

		public Rule {
			actions = (actions != null) ? Set.copyOf(actions) : Set.of();
		}

	}

	/** The rules as the policy object reads them. */
	RiskEventPolicy policy() {
		Map<ExternalEventType, Set<RiskEventAction>> actions = new EnumMap<>(ExternalEventType.class);
		this.rules.forEach(rule -> actions.put(rule.eventType(), rule.actions()));
		return new RiskEventPolicy(actions);
	}

}
