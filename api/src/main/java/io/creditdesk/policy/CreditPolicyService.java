package io.creditdesk.policy;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.audit.Changes;
import io.creditdesk.audit.VersionedDocuments;
import io.creditdesk.common.Actor;
import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.Money;
import io.creditdesk.common.MoneyInput;
import io.creditdesk.common.UserError;
import io.creditdesk.common.Validation;
import io.creditdesk.policy.UpsertCreditPolicyInput.PaymentTermsInput;
import io.creditdesk.security.Roles;

import org.bson.Document;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Stores credit policies and resolves effective policies. A policy is replaced as a
 * whole, with an optimistic version check, and every change is audited.
 */
@Service
public class CreditPolicyService {

	private final MongoTemplate mongo;

	private final AuditLog audit;

	private final Clock clock;

	private final PolicyResolver resolver;

	private final ObjectProvider<PolicySubjects> subjects;

	private final ApplicationEventPublisher events;

	private final VersionedDocuments documents;

	CreditPolicyService(MongoTemplate mongo, AuditLog audit, VersionedDocuments documents, Clock clock,
			PolicyDefaultsProperties defaults, ObjectProvider<PolicySubjects> subjects,
			ApplicationEventPublisher events) {
		this.events = events;
		this.mongo = mongo;
		this.audit = audit;
		this.documents = documents;
		this.clock = clock;
		this.resolver = new PolicyResolver(defaults.toSettings());
		this.subjects = subjects;
		audit.register(CreditPolicy.class);
	}

	/** The effective policy of one customer: one read of at most five small documents. */
	public EffectivePolicy effectiveFor(PolicySubject subject) {
		return effectiveFor(List.of(subject)).get(subject);
	}

	/**
	 * Effective policies of many customers with one read (for lists and batch loading).
	 */
	public Map<PolicySubject, EffectivePolicy> effectiveFor(Collection<PolicySubject> subjects) {
		Set<String> ids = new LinkedHashSet<>();
		subjects.forEach(s -> ids.addAll(s.policyIds()));
		Map<String, CreditPolicy> stored = this.documents.read(CreditPolicy.class, ids);
		Map<PolicySubject, EffectivePolicy> result = new LinkedHashMap<>();
		for (PolicySubject subject : subjects) {
			result.put(subject, this.resolver.resolve(VersionedDocuments.inOrder(subject.policyIds(), stored)));
		}
		return result;
	}

	/**
	 * Every stored policy above the customer level and the customers with a policy of
	 * their own, in two reads: what resolves the policy of most customers without a read
	 * per customer (see {@link StoredPolicies}).
	 */
	public StoredPolicies stored() {
		Map<String, CreditPolicy> above = new LinkedHashMap<>();
		this.mongo.find(Query.query(Criteria.where("level").ne(PolicyLevel.CUSTOMER)), CreditPolicy.class)
			.forEach(p -> above.put(p.id(), p));
		Query own = Query.query(Criteria.where("level").is(PolicyLevel.CUSTOMER));
		own.fields().include("_id");
		Set<String> ownIds = new LinkedHashSet<>();
		this.mongo.find(own, Document.class, this.mongo.getCollectionName(CreditPolicy.class))
			.forEach(d -> ownIds.add(String.valueOf(d.get("_id"))));
		return new StoredPolicies(above, ownIds, this.resolver);
	}

	@PreAuthorize(Roles.READ_POLICIES_AND_AUDIT)
	public List<CreditPolicy> list(PolicyLevel level) {
		Query query = (level != null) ? Query.query(Criteria.where("level").is(level)) : new Query();
		return this.mongo.find(query.with(Sort.by("level", "code")), CreditPolicy.class);
	}

	@PreAuthorize(Roles.READ_POLICIES_AND_AUDIT)
	public CreditPolicy get(PolicyLevel level, String code) {
		return this.mongo.findById(level.policyId(normalizeCode(level, code)), CreditPolicy.class);
	}

	@PreAuthorize(Roles.CHANGE_POLICIES)
	public CreditPolicy upsert(UpsertCreditPolicyInput input) {
		Validation v = new Validation();
		if (input.level() == null) {
			v.reject(CommonErrorCode.REQUIRED, "level").throwIfInvalid();
		}
		String code = input.level().checkedCode(v, input.code(), PolicyErrorCode.READ_ONLY_LEVEL);
		String customerId = null;
		if (input.level() == PolicyLevel.CUSTOMER && code != null) {
			PolicySubjects lookup = this.subjects.getIfAvailable();
			if (lookup == null || lookup.find(code).isEmpty()) {
				v.reject(CommonErrorCode.CUSTOMER_NOT_FOUND, "code", UserError.quoted(code));
			}
			customerId = code;
		}
		String reason = v.freeText("reason", input.reason(), 500);
		PolicySettings settings = validateSettings(input, v);
		v.throwIfInvalid();

		String id = input.level().policyId(code);
		CreditPolicy before = this.mongo.findById(id, CreditPolicy.class);
		long currentVersion = (before != null) ? before.version() : 0;
		if (VersionedDocuments.isStale(input.expectedVersion(), currentVersion)) {
			throw staleVersion(id, input.expectedVersion(), currentVersion);
		}
		CreditPolicy after = new CreditPolicy(id, input.level(), code, settings, Actor.current().name(),
				this.clock.instant(), currentVersion + 1);
		AuditRecord entry = this.audit.entry("POLICY_UPSERTED", "POLICY", id, customerId, reason,
				diff((before != null) ? before.settings() : PolicySettings.EMPTY, settings));
		CreditPolicy stored = this.documents.write(CreditPolicy.class, id, currentVersion, after, entry,
				() -> staleVersion(id, currentVersion, currentVersion + 1));
		this.events.publishEvent(new CreditPolicyChanged(stored.level(), stored.code()));
		return stored;
	}

	private static CreditDeskException staleVersion(String id, long expected, long actual) {
		return CreditDeskException.refuse(CommonErrorCode.STALE_VERSION.variant("policy"), "expectedVersion", id,
				actual, expected);
	}

	private static String normalizeCode(PolicyLevel level, String code) {
		if (level == PolicyLevel.GLOBAL || level == PolicyLevel.SYSTEM_DEFAULT || code == null) {
			return code;
		}
		return (level == PolicyLevel.CUSTOMER) ? code.trim() : code.trim().toUpperCase(Locale.ROOT);
	}

	private static PolicySettings validateSettings(UpsertCreditPolicyInput input, Validation v) {
		Money defaultLimit = money(input.defaultLimit(), "defaultLimit", v);
		Money hardCap = money(input.hardCap(), "hardCap", v);
		if (defaultLimit != null && hardCap != null && defaultLimit.currency().equals(hardCap.currency())
				&& defaultLimit.isGreaterThan(hardCap)) {
			v.reject(PolicyErrorCode.DEFAULT_LIMIT_OVER_HARD_CAP, "defaultLimit", defaultLimit, hardCap);
		}
		PaymentTerms terms = terms(input.paymentTerms(), v);
		Integer grace = v.range("graceDays", input.graceDays(), 0, 365);
		List<Double> thresholds = thresholds(input.alertThresholds(), v);
		Integer horizon = v.range("checkHorizonDays", input.checkHorizonDays(), 1, 3650);
		Money maxOverdue = money(input.maxOverdueAmount(), "maxOverdueAmount", v);
		Integer maxOverdueDays = v.range("maxOverdueDays", input.maxOverdueDays(), 0, 3650);
		Money maxOrder = money(input.maxOrderAmount(), "maxOrderAmount", v);
		Integer review = v.range("reviewIntervalMonths", input.reviewIntervalMonths(), 1, 60);
		return new PolicySettings(defaultLimit, hardCap, terms, grace, thresholds, horizon, maxOverdue, maxOverdueDays,
				maxOrder, review);
	}

	private static Money money(MoneyInput input, String field, Validation v) {
		return (input != null) ? input.validate(v, field) : null;
	}

	private static PaymentTerms terms(PaymentTermsInput input, Validation v) {
		if (input == null) {
			return null;
		}
		Integer net = input.netDays();
		if (net == null) {
			v.reject(CommonErrorCode.REQUIRED, "paymentTerms.netDays");
			return null;
		}
		if (v.range("paymentTerms.netDays", net, 0, 365) == null) {
			return null;
		}
		BigDecimal percent = null;
		Integer discountDays = input.discountDays();
		if (input.discountPercent() != null || discountDays != null) {
			if (input.discountPercent() == null || discountDays == null) {
				v.reject(PolicyErrorCode.INCOMPLETE_DISCOUNT, "paymentTerms");
				return null;
			}
			percent = v.percent("paymentTerms.discountPercent", input.discountPercent());
			if (percent == null) {
				return null;
			}
			if (percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) >= 0) {
				v.reject(CommonErrorCode.OUT_OF_RANGE.variant("discountPercent"), "paymentTerms.discountPercent",
						percent);
				return null;
			}
			if (discountDays < 0 || discountDays >= net) {
				v.reject(CommonErrorCode.OUT_OF_RANGE.variant("discountDays"), "paymentTerms.discountDays", net,
						discountDays);
				return null;
			}
		}
		return new PaymentTerms(net, percent, discountDays, Boolean.TRUE.equals(input.endOfMonth()));
	}

	private static List<Double> thresholds(List<Double> values, Validation v) {
		if (values == null) {
			return null;
		}
		double previous = 0;
		for (Double value : values) {
			if (value == null || value <= previous || value > 2.0) {
				v.reject(PolicyErrorCode.INVALID_THRESHOLDS, "alertThresholds", values.toString());
				return null;
			}
			previous = value;
		}
		return List.copyOf(values);
	}

	private static Changes diff(PolicySettings before, PolicySettings after) {
		return new Changes().diff("defaultLimit", before.defaultLimit(), after.defaultLimit())
			.diff("hardCap", before.hardCap(), after.hardCap())
			.diff("paymentTerms", label(before.paymentTerms()), label(after.paymentTerms()))
			.diff("graceDays", before.graceDays(), after.graceDays())
			.diff("alertThresholds", before.alertThresholds(), after.alertThresholds())
			.diff("checkHorizonDays", before.checkHorizonDays(), after.checkHorizonDays())
			.diff("maxOverdueAmount", before.maxOverdueAmount(), after.maxOverdueAmount())
			.diff("maxOverdueDays", before.maxOverdueDays(), after.maxOverdueDays())
			.diff("maxOrderAmount", before.maxOrderAmount(), after.maxOrderAmount())
			.diff("reviewIntervalMonths", before.reviewIntervalMonths(), after.reviewIntervalMonths());
	}

	private static String label(PaymentTerms terms) {
		return (terms != null) ? terms.label() : null;
	}

}
