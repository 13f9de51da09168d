package io.creditdesk.dynamiclimit;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.audit.Changes;
import io.creditdesk.audit.VersionedDocuments;
import io.creditdesk.common.Actor;
import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.Money;
import io.creditdesk.common.UserError;
import io.creditdesk.common.Validation;
import io.creditdesk.customer.Customer;
import io.creditdesk.fx.FxRateService;
import io.creditdesk.policy.PolicyLevel;
import io.creditdesk.security.Roles;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The stored limit adjustment policies, one per level and code, and the policy in force
 * for a customer. A level's policy is replaced whole, with an optimistic version check
 * and its audit record in the same write. Resolution is whole-object: the customer's
 * tier, then its industry vertical, then its segment, then the global policy, then the
 * shipped {@link LimitAdjustmentPolicy#DEFAULT} (switched off); the amounts of a policy
 * written in another currency are converted to the customer's credit currency at the
 * stored rate. {@link #effectiveFor(Customer)} is the public API the proposals, the
 * allocation and the simulation read.
 */
@Service
public class LimitAdjustmentPolicies {

	/** The levels a limit adjustment policy may be set on, most specific first. */
	static final List<PolicyLevel> LEVELS = List.of(PolicyLevel.TIER, PolicyLevel.INDUSTRY, PolicyLevel.SEGMENT,
			PolicyLevel.GLOBAL);

	private final MongoTemplate mongo;

	private final AuditLog audit;

	private final VersionedDocuments documents;

	private final FxRateService fx;

	private final Clock clock;

	LimitAdjustmentPolicies(MongoTemplate mongo, AuditLog audit, VersionedDocuments documents, FxRateService fx,
			Clock clock) {
		this.mongo = mongo;
		this.audit = audit;
		this.documents = documents;
		this.fx = fx;
		this.clock = clock;
		audit.register(StoredLimitAdjustmentPolicy.class);
	}

	@PreAuthorize(Roles.READ_POLICIES_AND_AUDIT)
	public List<StoredLimitAdjustmentPolicy> list(PolicyLevel level) {
		Query query = (level != null) ? Query.query(Criteria.where("level").is(level)) : new Query();
		return this.mongo.find(query.with(Sort.by("level", "code")), StoredLimitAdjustmentPolicy.class);
	}

	/**
	 * The policy in force for one customer, for in-process callers (the scheduled run,
	 * the allocation, the simulation), which authorize their own callers.
	 * @throws CreditDeskException {@code FX_RATE_MISSING} when the policy is written in
	 * another currency and no stored rate converts it
	 */
	public EffectiveLimitAdjustmentPolicy effectiveFor(Customer customer) {
		List<String> ids = new ArrayList<>();
		// A level without a code (a customer with no tier) has no policy of its own.
		addIfCoded(ids, PolicyLevel.TIER, customer.tier());
		addIfCoded(ids, PolicyLevel.INDUSTRY, customer.industry());
		addIfCoded(ids, PolicyLevel.SEGMENT, customer.segment());
		ids.add(PolicyLevel.GLOBAL.policyId(null));
		String currency = customer.creditCurrency();
		List<StoredLimitAdjustmentPolicy> chain = this.documents.chain(StoredLimitAdjustmentPolicy.class, ids);
		if (!chain.isEmpty()) {
			StoredLimitAdjustmentPolicy policy = chain.get(0);
			return new EffectiveLimitAdjustmentPolicy(policy.level(), policy.code(),
					inCurrency(policy.policy(), policy.currency(), currency), currency, policy.currency(),
					policy.enabled(), policy.version());
		}
		return new EffectiveLimitAdjustmentPolicy(PolicyLevel.SYSTEM_DEFAULT, null, LimitAdjustmentPolicy.DEFAULT,
				currency, currency, false, 0);
	}

	private static void addIfCoded(List<String> ids, PolicyLevel level, String code) {
		if (code != null) {
			ids.add(level.policyId(code));
		}
	}

	/** The same, for a person who may read policies. */
	@PreAuthorize(Roles.READ_POLICIES_AND_AUDIT)
	public EffectiveLimitAdjustmentPolicy effective(String customerId) {
		if (customerId == null || customerId.isBlank()) {
			throw CreditDeskException.refuse(CommonErrorCode.REQUIRED, "customerId");
		}
		Customer customer = this.mongo.findById(customerId.trim(), Customer.class);
		if (customer == null) {
			throw CreditDeskException.refuse(CommonErrorCode.CUSTOMER_NOT_FOUND, "customerId",
					UserError.quoted(customerId));
		}
		return effectiveFor(customer);
	}

	@PreAuthorize(Roles.CHANGE_POLICIES)
	public StoredLimitAdjustmentPolicy upsert(UpsertLimitAdjustmentPolicyInput input) {
		Validation v = new Validation();
		if (input.level() == null) {
			v.reject(CommonErrorCode.REQUIRED, "level").throwIfInvalid();
		}
		if (!LEVELS.contains(input.level())) {
			v.reject(ProposalErrorCode.LIMIT_POLICY_LEVEL_NOT_SUPPORTED, "level", input.level());
		}
		String code = (input.level() == PolicyLevel.GLOBAL) ? null : v.code("code", input.code());
		if (code != null) {
			code = code.trim().toUpperCase(Locale.ROOT);
		}
		String reason = v.freeText("reason", input.reason(), 500);
		LimitAdjustmentPolicy policy = null;
		if (input.policy() == null) {
			v.reject(CommonErrorCode.REQUIRED, "policy");
		}
		else {
			Validation draft = new Validation();
			policy = input.policy().toPolicy(draft);
			if (draft.hasErrors()) {
				try {
					draft.throwIfInvalid();
				}
				catch (CreditDeskException ex) {
					ex.errors().forEach((e) -> v.reject(prefixed(e)));
				}
			}
		}
		v.throwIfInvalid();
		String currency = input.policy().currency().trim().toUpperCase(Locale.ROOT);
		boolean enabled = Boolean.TRUE.equals(input.enabled());

		String id = input.level().policyId(code);
		StoredLimitAdjustmentPolicy before = this.mongo.findById(id, StoredLimitAdjustmentPolicy.class);
		long currentVersion = (before != null) ? before.version() : 0;
		if (VersionedDocuments.isStale(input.expectedVersion(), currentVersion)) {
			throw staleVersion(id, input.expectedVersion(), currentVersion);
		}
		StoredLimitAdjustmentPolicy after = new StoredLimitAdjustmentPolicy(id, input.level(), code, currency, policy,
				enabled, reason, Actor.current().name(), this.clock.instant(), currentVersion + 1);
		AuditRecord entry = this.audit.entry("LIMIT_ADJUSTMENT_POLICY_UPSERTED", "LIMIT_ADJUSTMENT_POLICY", id, null,
				reason, diff(before, after));
		return this.documents.write(StoredLimitAdjustmentPolicy.class, id, currentVersion, after, entry,
				() -> staleVersion(id, currentVersion, currentVersion + 1));
	}

	Optional<StoredLimitAdjustmentPolicy> find(PolicyLevel level, String code) {
		return Optional.ofNullable(this.mongo.findById(level.policyId(code), StoredLimitAdjustmentPolicy.class));
	}

	/** The draft's own errors name their field inside the input's {@code policy}. */
	private static UserError prefixed(UserError error) {
		return error.withField((error.field() != null) ? "policy." + error.field() : "policy");
	}

	/** The policy's amounts in {@code target}, converted at the stored rate. */
	private LimitAdjustmentPolicy inCurrency(LimitAdjustmentPolicy p, String from, String target) {
		if (from.equals(target)) {
			return p;
		}
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		UnaryOperator<BigDecimal> convert = (amount) -> this.fx
			.convertStored(new Money(amount, from), target, today, "policy.currency")
			.converted()
			.amount();
		BigDecimal unit = convert.apply(p.roundingUnit());
		return new LimitAdjustmentPolicy(p.bufferDays(), p.gradeMultipliers(), p.deadBandPercent(),
				p.maxStepUpPercent(), convert.apply(p.maxStepUpAmount()), p.maxStepDownPercent(),
				convert.apply(p.maxStepDownAmount()), p.cooldownDays(), p.minMonthsForIncrease(),
				convert.apply(p.maxOverdueForIncrease()), p.noIncreaseGrades(), p.minOnTimeRate(), p.maxWorstDaysLate(),
				p.dsoToleranceDays(), p.minPeakUtilizationForIncrease(), (unit.signum() > 0) ? unit : p.roundingUnit(),
				p.autoUpPercent(), convert.apply(p.autoUpAmount()), p.autoApplyDecreases(), p.severeGrade(),
				p.severeOverdueDays(), p.allowBelowExposure());
	}

	private static Changes diff(StoredLimitAdjustmentPolicy before, StoredLimitAdjustmentPolicy after) {
		Changes changes = new Changes();
		changes.diff("enabled", (before != null) ? before.enabled() : null, after.enabled());
		LimitPolicyDraft was = (before != null) ? LimitPolicyDraft.of(before.policy(), before.currency()) : null;
		LimitPolicyDraft now = LimitPolicyDraft.of(after.policy(), after.currency());
		for (RecordComponent component : LimitPolicyDraft.class.getRecordComponents()) {
			changes.diff(component.getName(), (was != null) ? String.valueOf(value(component, was)) : null,
					String.valueOf(value(component, now)));
		}
		return changes;
	}

	private static Object value(RecordComponent component, LimitPolicyDraft draft) {
		try {
			return component.getAccessor().invoke(draft);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static CreditDeskException staleVersion(String id, long expected, long actual) {
		return CreditDeskException.refuse(CommonErrorCode.STALE_VERSION.variant("policy"), "expectedVersion", id,
				actual, expected);
	}

}
