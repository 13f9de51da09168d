package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.Money;
import io.creditdesk.common.UserError;
import io.creditdesk.customer.CustomerStatus;
import io.creditdesk.fx.FxRateService;
import io.creditdesk.policy.CreditPolicyChanged;
import io.creditdesk.policy.CreditPolicyService;
import io.creditdesk.policy.EffectivePolicy;
import io.creditdesk.policy.PolicySubject;
import io.creditdesk.policy.StoredPolicies;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Loads what a credit decision reads besides the account: the effective policy, the
 * secured terms and the overdue receivables. Effective policies are cached per instance
 * for a few seconds (a policy change takes effect everywhere within that time, and at
 * once on the instance that made it: its {@link CreditPolicyChanged} empties the cache,
 * and a reading that began before the change is not cached); everything else is read
 * fresh, and the reservation itself re-checks the figures atomically.
 * <p>
 * Internal to the ledger: a context is a reading for one decision, valid only with the
 * atomic reservation that follows it ({@link CreditDecider}); other capabilities read
 * exposure through {@link CreditAccountService}.
 */
@Component
class AccountContexts {

	static final Duration POLICY_CACHE = Duration.ofSeconds(5);

	private final Ledger ledger;

	private final CreditPolicyService policies;

	private final FxRateService fx;

	private final MongoTemplate mongo;

	private final Clock clock;

	private final Map<PolicySubject, Cached> policyCache = new ConcurrentHashMap<>();

	private final AtomicLong policyGeneration = new AtomicLong();

	private record Cached(EffectivePolicy policy, long expiresAt) {
	}

	private volatile CachedPolicies storedPolicies;

	private record CachedPolicies(StoredPolicies policies, long expiresAt) {
	}

	private final Map<String, CachedSecurities> securityCache = new ConcurrentHashMap<>();

	private record CachedSecurities(List<CreditSecurity> securities, long expiresAt) {
	}

	private final AtomicLong securityGeneration = new AtomicLong();

	private volatile CachedCustomers securedCustomers;

	private record CachedCustomers(Set<String> ids, long expiresAt) {
	}

	/**
	 * Per customer, what this instance last read of its account: enough to try an order's
	 * reservation before reading the account ({@link CreditDecider}). Only a hint: the
	 * reservation pins every attribute taken from it, and the decision is verified on the
	 * account as the reservation found it, so a stale hint costs a reading, never a wrong
	 * decision.
	 */
	private final Map<String, Hint> hints = new ConcurrentHashMap<>();

	/**
	 * @param clean the account had nothing that needs more than its figures to decide
	 * (active, no flag, a limit not expired, no receivables so no overdue ones)
	 * @param available the available credit of that reading
	 */
	record Hint(String creditCurrency, PolicySubject subject, String parentId, boolean clean, BigDecimal available) {
	}

	AccountContexts(Ledger ledger, CreditPolicyService policies, FxRateService fx, MongoTemplate mongo, Clock clock) {
		this.ledger = ledger;
		this.policies = policies;
		this.fx = fx;
		this.mongo = mongo;
		this.clock = clock;
	}

	/** One reading of an account and what the check needs with it. */
	record Context(CreditAccount account, EffectivePolicy policy, SecuredTerms secured, CreditCheck.Overdue overdue,
			Money hardCap, LocalDate today) {

		BigDecimal checkedNet() {
			return ExposureFormula.checkedNet(this.account.exposure(), this.secured);
		}

		/**
		 * The limit less the checked net exposure, an amount of money: at the credit
		 * currency's minor units, rounded half-even as every figure of the account
		 * ({@link CreditAccount#money}), so a refusal or a decision never shows the
		 * digits of a computation (an insured share of the receivables).
		 */
		BigDecimal available() {
			return this.account.money(this.account.limitAmount().subtract(checkedNet())).amount();
		}

		boolean isLongDated(LocalDate deliveryDate) {
			Integer horizon = this.policy.checkHorizonDays();
			return horizon != null && deliveryDate != null && deliveryDate.isAfter(this.today.plusDays(horizon));
		}

	}

	LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

	CreditAccount account(String customerId, String field) {
		if (customerId == null || customerId.isBlank()) {
			throw CreditDeskException.refuse(CommonErrorCode.REQUIRED, field);
		}
		return this.ledger.find(customerId.trim())
			.orElseThrow(() -> CreditDeskException.refuse(CommonErrorCode.CUSTOMER_NOT_FOUND, field,
					UserError.quoted(customerId)));
	}

	/**
	 * The account of {@code customerId} with the version of its counters
	 * ({@code exposureSeq}), from one reading; refused as {@link #account} refuses.
	 */
	Ledger.Sequenced sequenced(String customerId, String field) {
		if (customerId == null || customerId.isBlank()) {
			throw CreditDeskException.refuse(CommonErrorCode.REQUIRED, field);
		}
		return this.ledger.findSequenced(customerId.trim())
			.orElseThrow(() -> CreditDeskException.refuse(CommonErrorCode.CUSTOMER_NOT_FOUND, field,
					UserError.quoted(customerId)));
	}

	Context load(String customerId, String field) {
		return load(account(customerId, field));
	}

	Context load(CreditAccount account) {
		LocalDate today = today();
		EffectivePolicy policy = policy(account.policySubject());
		SecuredTerms secured = secured(account, today);
		CreditCheck.Overdue overdue = (account.exposure().receivables().signum() > 0)
				? overdue(account.id(), policy.graceDays(), today) : CreditCheck.Overdue.NONE;
		return new Context(account, policy, secured, overdue, hardCap(policy, account.creditCurrency(), today), today);
	}

	/**
	 * The contexts of {@code accounts}, each as {@link #load(CreditAccount)} gives it,
	 * keyed by id in their order, with the overdue receivables of all of them read at
	 * once (a page of customers: one read of invoices instead of one per customer with
	 * receivables).
	 */
	Map<String, Context> loadAll(Collection<CreditAccount> accounts) {
		LocalDate today = today();
		Map<String, EffectivePolicy> policies = new HashMap<>();
		Map<String, Integer> graceDays = new HashMap<>();
		for (CreditAccount account : accounts) {
			EffectivePolicy policy = policy(account.policySubject());
			policies.put(account.id(), policy);
			if (account.exposure().receivables().signum() > 0) {
				graceDays.put(account.id(), policy.graceDays());
			}
		}
		Map<String, CreditCheck.Overdue> overdue = overdue(graceDays, today);
		Map<String, Context> contexts = new LinkedHashMap<>();
		for (CreditAccount account : accounts) {
			EffectivePolicy policy = policies.get(account.id());
			contexts.put(account.id(),
					new Context(account, policy, secured(account, today),
							overdue.getOrDefault(account.id(), CreditCheck.Overdue.NONE),
							hardCap(policy, account.creditCurrency(), today), today));
		}
		return contexts;
	}

	/** The policy's hard cap in the credit currency, or null. */
	Money hardCap(EffectivePolicy policy, String creditCurrency, LocalDate today) {
		return (policy.hardCap() != null)
				? this.fx.convertStored(policy.hardCap(), creditCurrency, today, "hardCap").converted() : null;
	}

	/**
	 * Records what {@code context} shows of its account, for the next order of the
	 * customer (only the order path records: what it remembers is what its own decisions
	 * saw).
	 */
	void remember(Context context) {
		CreditAccount a = context.account();
		boolean clean = a.status() == CustomerStatus.ACTIVE && a.flags().isEmpty() && a.creditLimit() != null
				&& (a.creditLimit().validUntil() == null || !a.creditLimit().validUntil().isBefore(context.today()))
				&& a.exposure().receivables().signum() <= 0;
		if (this.hints.size() > 100_000) {
			this.hints.clear();
		}
		this.hints.put(a.id(),
				new Hint(a.creditCurrency(), a.policySubject(), a.parentId(), clean, context.available()));
	}

	/** What this instance last saw of the customer's account, or null. */
	Hint hint(String customerId) {
		return this.hints.get(customerId);
	}

	/**
	 * The customer's effective policy, at most {@link #POLICY_CACHE} old (on this
	 * instance a change counts at once): from the stored policies read for every customer
	 * at once ({@link StoredPolicies}), or, for a customer with a policy of its own, from
	 * a reading for that customer.
	 */
	EffectivePolicy policy(PolicySubject subject) {
		StoredPolicies stored = storedPolicies();
		if (stored.covers(subject)) {
			return stored.effectiveFor(subject);
		}
		long now = System.nanoTime();
		Cached cached = this.policyCache.get(subject);
		if (cached != null && cached.expiresAt() - now > 0) {
			return cached.policy();
		}
		long generation = this.policyGeneration.get();
		EffectivePolicy policy = this.policies.effectiveFor(subject);
		if (this.policyCache.size() > 50_000) {
			this.policyCache.clear();
		}
		this.policyCache.put(subject, new Cached(policy, now + POLICY_CACHE.toNanos()));
		if (this.policyGeneration.get() != generation) {
			// A policy changed while this one was read: it may be the old one.
			this.policyCache.remove(subject);
		}
		return policy;
	}

	private StoredPolicies storedPolicies() {
		long now = System.nanoTime();
		CachedPolicies cached = this.storedPolicies;
		if (cached != null && cached.expiresAt() - now > 0) {
			return cached.policies();
		}
		long generation = this.policyGeneration.get();
		StoredPolicies policies = this.policies.stored();
		this.storedPolicies = new CachedPolicies(policies, now + POLICY_CACHE.toNanos());
		if (this.policyGeneration.get() != generation) {
			// A policy changed while they were read: they may be the old ones.
			this.storedPolicies = null;
		}
		return policies;
	}

	/**
	 * A policy changed on this instance: forget every cached one, so the next decision
	 * here reads it (other instances within {@link #POLICY_CACHE}). First of the
	 * listeners: one that reacts to the change (the alerts' re-evaluation, on its own
	 * thread) must not find the old policy still cached.
	 */
	@EventListener
	@Order(Ordered.HIGHEST_PRECEDENCE)
	void onPolicyChanged(CreditPolicyChanged changed) {
		this.policyGeneration.incrementAndGet();
		this.storedPolicies = null;
		this.policyCache.clear();
	}

	/** Securities active today, converted into the credit currency. */
	SecuredTerms secured(CreditAccount account, LocalDate today) {
		return secured(account.id(), account.creditCurrency(), today);
	}

	/** Securities of the customer active today, converted into {@code creditCurrency}. */
	SecuredTerms secured(String customerId, String creditCurrency, LocalDate today) {
		return secured(securities(customerId), creditCurrency, today, null);
	}

	/**
	 * The customer's terms today as if {@code counted} (one of its securities) still
	 * counted: what an expired security's customer was secured by before it expired.
	 */
	SecuredTerms securedWith(CreditAccount account, LocalDate today, CreditSecurity counted) {
		List<CreditSecurity> securities = new ArrayList<>(securities(account.id()));
		securities.removeIf(s -> s.id().equals(counted.id()));
		securities.add(counted);
		return secured(securities, account.creditCurrency(), today, counted.id());
	}

	/**
	 * The terms today of {@code securities} (a customer's, read from the store), in
	 * {@code creditCurrency}.
	 */
	SecuredTerms securedBy(List<CreditSecurity> securities, String creditCurrency, LocalDate today) {
		return secured(securities, creditCurrency, today, null);
	}

	/** The customer's terms today without {@code left} (one of its securities). */
	SecuredTerms securedWithout(CreditAccount account, LocalDate today, CreditSecurity left) {
		List<CreditSecurity> securities = new ArrayList<>(securities(account.id()));
		securities.removeIf(s -> s.id().equals(left.id()));
		return secured(securities, account.creditCurrency(), today, null);
	}

	private SecuredTerms secured(List<CreditSecurity> securities, String creditCurrency, LocalDate today,
			String countedAnyway) {
		BigDecimal fixed = BigDecimal.ZERO;
		BigDecimal percent = BigDecimal.ZERO;
		BigDecimal cap = BigDecimal.ZERO;
		for (CreditSecurity security : securities) {
			if (!security.activeOn(today) && !security.id().equals(countedAnyway)) {
				continue;
			}
			BigDecimal amount = this.fx.convertStored(security.amount(), creditCurrency, today, "amount")
				.converted()
				.amount();
			if (security.type() == CreditSecurity.SecurityType.CREDIT_INSURANCE) {
				percent = percent.max(security.coverPercent());
				cap = cap.add(amount);
			}
			else {
				fixed = fixed.add(amount);
			}
		}
		return new SecuredTerms(fixed, percent, cap,
				Math.max(Currency.getInstance(creditCurrency).getDefaultFractionDigits(), 0));
	}

	/**
	 * Open receivables past their due date plus grace days, and the age of the oldest.
	 */
	CreditCheck.Overdue overdue(String customerId, int graceDays, LocalDate today) {
		LocalDate dueBefore = today.minusDays(graceDays);
		List<Invoice> overdue = this.mongo.find(
				Query
					.query(Criteria.where("customerId")
						.is(customerId)
						.and("status")
						.is(InvoiceStatus.OPEN)
						.and("dueDate")
						.lt(dueBefore))
					.with(Sort.by("dueDate")),
				Invoice.class);
		return overdue(overdue, graceDays, today);
	}

	/**
	 * The overdue receivables of the customers in {@code graceDays} (each with its own
	 * grace), from one read: the open invoices of all of them due before the latest of
	 * their cut-off days, each then held against its customer's own.
	 */
	private Map<String, CreditCheck.Overdue> overdue(Map<String, Integer> graceDays, LocalDate today) {
		if (graceDays.isEmpty()) {
			return Map.of();
		}
		LocalDate latestCutOff = today.minusDays(Collections.min(graceDays.values()));
		Map<String, List<Invoice>> byCustomer = new HashMap<>();
		for (Invoice invoice : this.mongo.find(
				Query
					.query(Criteria.where("customerId")
						.in(graceDays.keySet())
						.and("status")
						.is(InvoiceStatus.OPEN)
						.and("dueDate")
						.lt(latestCutOff))
					.with(Sort.by("dueDate")),
				Invoice.class)) {
			if (invoice.dueDate().isBefore(today.minusDays(graceDays.get(invoice.customerId())))) {
				byCustomer.computeIfAbsent(invoice.customerId(), id -> new ArrayList<>()).add(invoice);
			}
		}
		Map<String, CreditCheck.Overdue> overdue = new HashMap<>();
		byCustomer.forEach((id, invoices) -> overdue.put(id, overdue(invoices, graceDays.get(id), today)));
		return overdue;
	}

	/** What {@code overdue} (sorted by due date, past the grace) adds up to. */
	private static CreditCheck.Overdue overdue(List<Invoice> overdue, int graceDays, LocalDate today) {
		BigDecimal amount = overdue.stream().map(Invoice::openCredit).reduce(BigDecimal.ZERO, BigDecimal::add);
		int oldest = overdue.isEmpty() ? 0
				: (int) ChronoUnit.DAYS.between(overdue.get(0).dueDate().plusDays(graceDays), today);
		return new CreditCheck.Overdue(amount, oldest);
	}

	/**
	 * The customer's unreleased securities, cached like policies: a new security counts
	 * within seconds everywhere (at once on this instance); expiry is evaluated on every
	 * read.
	 */
	private List<CreditSecurity> securities(String customerId) {
		if (!securedCustomers().contains(customerId)) {
			return List.of();
		}
		long now = System.nanoTime();
		CachedSecurities cached = this.securityCache.get(customerId);
		if (cached != null && cached.expiresAt() - now > 0) {
			return cached.securities();
		}
		List<CreditSecurity> securities = this.mongo.find(
				Query.query(Criteria.where("customerId").is(customerId).and("released").is(false)),
				CreditSecurity.class);
		if (this.securityCache.size() > 100_000) {
			this.securityCache.clear();
		}
		this.securityCache.put(customerId, new CachedSecurities(securities, now + POLICY_CACHE.toNanos()));
		return securities;
	}

	/**
	 * The customers with unreleased securities, read for all customers at once at most
	 * every {@link #POLICY_CACHE}: most customers have none, and their orders then need
	 * no reading of securities at all.
	 */
	private Set<String> securedCustomers() {
		long now = System.nanoTime();
		CachedCustomers cached = this.securedCustomers;
		if (cached != null && cached.expiresAt() - now > 0) {
			return cached.ids();
		}
		long generation = this.securityGeneration.get();
		Set<String> ids = Set.copyOf(this.mongo.findDistinct(Query.query(Criteria.where("released").is(false)),
				"customerId", CreditSecurity.class, String.class));
		this.securedCustomers = new CachedCustomers(ids, now + POLICY_CACHE.toNanos());
		if (this.securityGeneration.get() != generation) {
			// Securities changed here while they were read: the set may miss a customer.
			this.securedCustomers = null;
		}
		return ids;
	}

	/** Called when this instance changes a customer's securities. */
	void forgetSecurities(String customerId) {
		this.securityGeneration.incrementAndGet();
		this.securedCustomers = null;
		this.securityCache.remove(customerId);
	}

}
