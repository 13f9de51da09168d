package io.creditdesk.riskevent;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.audit.Changes;
import io.creditdesk.audit.VersionedDocuments;
import io.creditdesk.common.Actor;
import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.UserError;
import io.creditdesk.common.Validation;
import io.creditdesk.customer.Customer;
import io.creditdesk.customer.CustomerService;
import io.creditdesk.policy.PolicyLevel;
import io.creditdesk.security.Roles;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The risk event rules per policy level ({@code risk_event_policies}): read and replaced
 * through GraphQL by CFO and ADMIN (versioned, audited as {@code RISK_EVENT_POLICY}), and
 * resolved for a customer type by type: the most specific level that maps the event type
 * (customer, tier, industry, segment, global) decides, else the shipped
 * {@link RiskEventPolicy#DEFAULT}.
 */
@Service
public class RiskEventPolicies {

	static final String ENTITY = "RISK_EVENT_POLICY";

	private final MongoTemplate mongo;

	private final CustomerService customers;

	private final AuditLog audit;

	private final VersionedDocuments documents;

	private final Clock clock;

	RiskEventPolicies(MongoTemplate mongo, CustomerService customers, AuditLog audit, VersionedDocuments documents,
			Clock clock) {
		this.mongo = mongo;
		this.customers = customers;
		this.audit = audit;
		this.documents = documents;
		this.clock = clock;
		audit.register(StoredRiskEventPolicy.class);
	}

	/**
	 * The input of {@code upsertRiskEventPolicy}: the level's rules are replaced by
	 * {@code rules}.
	 */
	public record UpsertRiskEventPolicyInput(PolicyLevel level, String code, List<StoredRiskEventPolicy.Rule> rules,
			String reason, Long expectedVersion) {
	}

	/**
	 * The actions for an event on one customer and the level that chose them.
	 *
	 * @param level the level whose rule applied; {@code SYSTEM_DEFAULT} for the shipped
	 * rules
	 */
	public record Resolved(Set<RiskEventAction> actions, PolicyLevel level) {
	}

	@PreAuthorize(Roles.READ_POLICIES_AND_AUDIT)
	public List<StoredRiskEventPolicy> list() {
		return this.mongo.find(new Query().with(Sort.by("_id")), StoredRiskEventPolicy.class);
	}

	/** The rules shipped with the service, for every event type. */
	@PreAuthorize(Roles.READ_POLICIES_AND_AUDIT)
	public StoredRiskEventPolicy shipped() {
		List<StoredRiskEventPolicy.Rule> rules = new ArrayList<>();
		for (ExternalEventType type : ExternalEventType.values()) {
			rules.add(new StoredRiskEventPolicy.Rule(type, RiskEventPolicy.DEFAULT.actionsFor(type)));
		}
		return new StoredRiskEventPolicy(PolicyLevel.SYSTEM_DEFAULT.name(), PolicyLevel.SYSTEM_DEFAULT, null, rules,
				null, null, 0);
	}

	/**
	 * What an event of {@code type} does to {@code customer}: no caller authorization,
	 * for the consumer and the poller.
	 */
	Resolved resolve(Customer customer, ExternalEventType type) {
		List<String> ids = new ArrayList<>();
		ids.add(PolicyLevel.CUSTOMER.policyId(customer.id()));
		if (customer.tier() != null) {
			ids.add(PolicyLevel.TIER.policyId(customer.tier()));
		}
		if (customer.industry() != null) {
			ids.add(PolicyLevel.INDUSTRY.policyId(customer.industry()));
		}
		if (customer.segment() != null) {
			ids.add(PolicyLevel.SEGMENT.policyId(customer.segment()));
		}
		ids.add(PolicyLevel.GLOBAL.policyId(null));
		for (StoredRiskEventPolicy level : this.documents.chain(StoredRiskEventPolicy.class, ids)) {
			for (StoredRiskEventPolicy.Rule rule : level.rules()) {
				if (rule.eventType() == type) {
					EnumSet<RiskEventAction> ordered = EnumSet.noneOf(RiskEventAction.class);
					ordered.addAll(rule.actions());
					return new Resolved(ordered, level.level());
				}
			}
		}
		return new Resolved(RiskEventPolicy.DEFAULT.actionsFor(type), PolicyLevel.SYSTEM_DEFAULT);
	}

	/**
	 * Replaces the rules of one level, versioned and audited.
	 * @throws CreditDeskException when the input is invalid or the version is stale
	 */
	@PreAuthorize(Roles.CHANGE_POLICIES)
	public StoredRiskEventPolicy upsert(UpsertRiskEventPolicyInput input) {
		Validation v = new Validation();
		if (input.level() == null) {
			v.reject(CommonErrorCode.REQUIRED, "level").throwIfInvalid();
		}
		String code = input.level().checkedCode(v, input.code(), RiskEventErrorCode.READ_ONLY_RISK_EVENT_POLICY);
		String customerId = null;
		if (input.level() == PolicyLevel.CUSTOMER && code != null) {
			if (this.customers.get(code).isEmpty()) {
				v.reject(CommonErrorCode.CUSTOMER_NOT_FOUND, "code", UserError.quoted(code));
			}
			customerId = code;
		}
		String reason = v.freeText("reason", input.reason(), 500);
		List<StoredRiskEventPolicy.Rule> rules = (input.rules() != null) ? input.rules() : List.of();
		if (input.rules() == null) {
			v.reject(CommonErrorCode.REQUIRED, "rules");
		}
		Set<ExternalEventType> seen = new HashSet<>();
		for (int i = 0; i < rules.size(); i++) {
			StoredRiskEventPolicy.Rule rule = rules.get(i);
			if (rule == null || rule.eventType() == null) {
				v.reject(CommonErrorCode.REQUIRED, "rules[" + i + "].eventType");
			}
			else if (!seen.add(rule.eventType())) {
				v.reject(RiskEventErrorCode.DUPLICATE_RISK_EVENT_RULE, "rules[" + i + "].eventType", rule.eventType());
			}
		}
		v.throwIfInvalid();
		List<StoredRiskEventPolicy.Rule> sorted = rules.stream()
			.sorted(Comparator.comparing(StoredRiskEventPolicy.Rule::eventType))
			.toList();

		String id = input.level().policyId(code);
		StoredRiskEventPolicy before = this.mongo.findById(id, StoredRiskEventPolicy.class);
		long current = (before != null) ? before.version() : 0;
		if (VersionedDocuments.isStale(input.expectedVersion(), current)) {
			throw staleVersion(id, input.expectedVersion(), current);
		}
		StoredRiskEventPolicy after = new StoredRiskEventPolicy(id, input.level(), code, sorted, Actor.current().name(),
				this.clock.instant(), current + 1);
		AuditRecord entry = this.audit.entry("RISK_EVENT_POLICY_UPSERTED", ENTITY, id, customerId, reason,
				diff((before != null) ? before.rules() : List.of(), sorted));
		return this.documents.write(StoredRiskEventPolicy.class, id, current, after, entry,
				() -> staleVersion(id, current, current + 1));
	}

	private static Changes diff(List<StoredRiskEventPolicy.Rule> before, List<StoredRiskEventPolicy.Rule> after) {
		Changes changes = new Changes();
		for (ExternalEventType type : ExternalEventType.values()) {
			changes.diff("rules." + type, actions(before, type), actions(after, type));
		}
		return changes;
	}

	private static String actions(List<StoredRiskEventPolicy.Rule> rules, ExternalEventType type) {
		return rules.stream().filter(rule -> rule.eventType() == type).findFirst().map(rule -> {
			EnumSet<RiskEventAction> ordered = EnumSet.noneOf(RiskEventAction.class);
			ordered.addAll(rule.actions());
			return ordered.stream().map(Enum::name).collect(Collectors.joining(",", "[", "]"));
		}).orElse(null);
	}

	private static CreditDeskException staleVersion(String id, long expected, long current) {
		return CreditDeskException.refuse(CommonErrorCode.STALE_VERSION.variant("riskEventPolicy"), "expectedVersion",
				id, current, expected);
	}

}
