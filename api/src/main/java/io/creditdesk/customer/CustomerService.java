package io.creditdesk.customer;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditOutbox;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.audit.Changes;
import io.creditdesk.common.Actor;
import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.Connection;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.MessageCatalogue.Phrase;
import io.creditdesk.common.Money;
import io.creditdesk.common.UserError;
import io.creditdesk.common.Validation;
import io.creditdesk.customer.CustomerInputs.AssignCustomerInput;
import io.creditdesk.customer.CustomerInputs.ClearRiskFlagInput;
import io.creditdesk.customer.CustomerInputs.CreateCustomerInput;
import io.creditdesk.customer.CustomerInputs.CustomerFilter;
import io.creditdesk.customer.CustomerInputs.RaiseRiskFlagInput;
import io.creditdesk.customer.CustomerInputs.SetCreditLimitInput;
import io.creditdesk.customer.CustomerInputs.SetCustomerStatusInput;
import io.creditdesk.customer.CustomerInputs.UpdateCustomerInput;
import io.creditdesk.events.Outbox;
import io.creditdesk.fx.Conversion;
import io.creditdesk.fx.FxErrorCode;
import io.creditdesk.fx.FxRateService;
import io.creditdesk.policy.CreditPolicyService;
import io.creditdesk.policy.EffectivePolicy;
import io.creditdesk.policy.PolicySubject;
import io.creditdesk.policy.PolicySubjects;
import io.creditdesk.security.Roles;
import org.bson.Document;
import org.bson.types.ObjectId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The customer profile use cases. Each change reads the customer, decides, then applies
 * one targeted update conditioned on the version read; when that version has moved on,
 * the change is refused with {@code STALE_VERSION} if the caller named a version, else
 * decided again.
 */
@Service
public class CustomerService implements PolicySubjects {

	private static final int MAX_ATTEMPTS = 5;

	/** The most customers sharing a reference ignoring case that are named. */
	private static final int MAX_SHARING_REFERENCE = 5;

	/**
	 * A username as the identity providers and the configured users write it: never
	 * spaces or markup, so it is safe in a mail header and a log line.
	 */
	private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,100}");

	/**
	 * A page of customers may be larger than other pages: a portfolio view lists 500
	 * customers with their scores at once.
	 */
	static final int MAX_CUSTOMER_PAGE = 500;

	private static final int MAX_GROUP_DEPTH = 8;

	/**
	 * The field of the profile that keeps each change of its credit group (the parent it
	 * left, the one it joined, when) until the group figures have followed it: the
	 * ledger, which keeps a group's exposure on the parent's document, moves the
	 * customer's exposure from the group it left to the one it joined and then removes
	 * them ({@link CustomerGroupChanged}).
	 */
	static final String GROUP_CHANGES = "groupChanges";

	/**
	 * The field of the profile that keeps the ids of the external risk events applied.
	 */
	static final String APPLIED_RISK_EVENTS = "appliedRiskEvents";

	/**
	 * How many applied risk event ids a profile keeps: far more than one sender
	 * redelivers.
	 */
	static final int APPLIED_RISK_EVENTS_KEPT = 100;

	private final CustomerStore store;

	/** Whom a customer may be assigned to, where the service knows its users. */
	private final KnownPeople people;

	private final CreditPolicyService policies;

	private final AuditLog audit;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final CustomerEvents creditEvents;

	private final FxRateService fx;

	CustomerService(CustomerStore store, CreditPolicyService policies, AuditLog audit, Clock clock,
			ApplicationEventPublisher events, CustomerEvents creditEvents, FxRateService fx, KnownPeople people) {
		this.store = store;
		this.people = people;
		this.fx = fx;
		this.creditEvents = creditEvents;
		this.policies = policies;
		this.audit = audit;
		this.clock = clock;
		this.events = events;
	}

	@PreAuthorize(Roles.READ_CUSTOMERS)
	public Optional<Customer> get(String id) {
		return this.store.findById(id);
	}

	@PreAuthorize(Roles.READ_CUSTOMERS)
	public Optional<Customer> getByExternalRef(String externalRef) {
		return this.store.findByExternalRef(externalRef.trim());
	}

	/**
	 * The customer with this external reference, for trusted in-process callers such as
	 * the order intake (no caller authorization: a Kafka consumer has no user). The
	 * reference is trimmed; when no customer has it exactly, a customer whose reference
	 * differs only in case is returned if it is the only one.
	 */
	public Optional<Customer> findByExternalRefForIntake(String externalRef) {
		if (externalRef == null || externalRef.isBlank()) {
			return Optional.empty();
		}
		String trimmed = externalRef.trim();
		Optional<Customer> exact = this.store.findByExternalRef(trimmed);
		if (exact.isPresent()) {
			return exact;
		}
		List<Customer> ignoringCase = this.store.findByExternalRefIgnoreCase(trimmed, 2);
		return (ignoringCase.size() == 1) ? Optional.of(ignoringCase.get(0)) : Optional.empty();
	}

	/**
	 * The ids of the customers whose references equal this one ignoring case, oldest
	 * first, when no customer has it exactly and more than one has it so; empty
	 * otherwise. For trusted in-process callers such as the order intake, to tell a
	 * reference that names no one customer from an unknown one. Only customers stored
	 * before references had to be unique ignoring case can share one so.
	 */
	public List<String> customersSharingExternalRefForIntake(String externalRef) {
		if (externalRef == null || externalRef.isBlank()) {
			return List.of();
		}
		String trimmed = externalRef.trim();
		if (this.store.findByExternalRef(trimmed).isPresent()) {
			return List.of();
		}
		List<String> ids = this.store.findByExternalRefIgnoreCase(trimmed, MAX_SHARING_REFERENCE)
			.stream()
			.map(Customer::id)
			.toList();
		return (ids.size() > 1) ? ids : List.of();
	}

	/**
	 * The customer with this id, for trusted in-process callers that act for nobody (the
	 * notifications, which read the name and the assignments of the customer an event is
	 * about): no caller authorization.
	 */
	public Optional<Customer> findForNotification(String id) {
		return (id == null || id.isBlank()) ? Optional.empty() : this.store.findById(id);
	}

	/**
	 * The customer with this tax id in this country, for trusted in-process callers such
	 * as the order intake. The tax id is normalized exactly as when a customer is
	 * registered (upper case; spaces, dots, hyphens and slashes removed; the EU country
	 * prefix added), so {@code de 136.695.976} finds {@code DE136695976}. Empty when
	 * there is none or the tax id is not valid for the country.
	 */
	public Optional<Customer> findByTaxIdForIntake(String countryCode, String taxId) {
		if (countryCode == null || countryCode.isBlank() || taxId == null || taxId.isBlank()) {
			return Optional.empty();
		}
		String country = countryCode.trim().toUpperCase(Locale.ROOT);
		TaxIds.Result result = TaxIds.check(country, taxId);
		return result.valid() ? this.store.findByTaxId(country, result.normalized()) : Optional.empty();
	}

	/**
	 * A stamp that changes whenever a customer is added or an external reference, tax id
	 * or country changes, for trusted in-process callers that remember look-ups (the
	 * order intake): while it is unchanged, what {@link #findByExternalRefForIntake} and
	 * {@link #findByTaxIdForIntake} found still holds.
	 */
	public long referencesVersion() {
		return this.store.referencesVersion();
	}

	@PreAuthorize(Roles.READ_CUSTOMERS)
	public List<Customer> getAll(Collection<String> ids) {
		return this.store.findAllById(ids);
	}

	/**
	 * The ids of the customers whose sales owner is {@code username}: what a salesperson
	 * may see of the customers' alerts.
	 */
	@PreAuthorize(Roles.READ_CUSTOMERS)
	public List<String> idsOwnedBy(String username) {
		return this.store.idsBySalesOwner(username);
	}

	@PreAuthorize(Roles.READ_CUSTOMERS)
	public Connection<Customer> list(CustomerFilter filter, Integer first, String after) {
		return this.store.page(filter, Connection.pageSize(first, MAX_CUSTOMER_PAGE), Connection.decode(after));
	}

	@Override
	public Optional<PolicySubject> find(String customerId) {
		return this.store.findById(customerId).map(Customer::policySubject);
	}

	@PreAuthorize(Roles.CREATE_CUSTOMERS)
	public Customer create(CreateCustomerInput input) {
		Validation v = new Validation();
		String externalRef = v.id("externalRef", input.externalRef(), 64);
		String name = v.required("name", input.name(), 200);
		String country = v.country("countryCode", input.countryCode());
		String taxId = taxId(v, country, input.taxId());
		String segment = v.code("segment", input.segment());
		String tier = v.code("tier", input.tier());
		String industry = v.code("industry", input.industry());
		String currency = v.currency("creditCurrency", input.creditCurrency());
		String parentId = blankToNull(input.parentId());
		if (parentId != null) {
			checkParent(v, null, parentId);
		}
		Instant now = this.clock.instant();
		LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
		LocalDate customerSince = (input.customerSince() != null) ? input.customerSince() : today;
		if (customerSince.isAfter(today)) {
			v.reject(CommonErrorCode.DATE_IN_FUTURE, "customerSince", customerSince, today);
		}
		v.throwIfInvalid();
		checkUnique(null, externalRef, true, country, taxId);

		Customer customer = new Customer(new ObjectId().toHexString(), externalRef, name, taxId, country, segment, tier,
				industry, parentId, currency, CustomerStatus.PENDING_VERIFICATION, List.of(), null, now, now, 1,
				customerSince);
		AuditRecord created = this.audit.entry("CUSTOMER_CREATED", "CUSTOMER", customer.id(), customer.id(), null,
				new Changes().set("externalRef", externalRef)
					.set("name", name)
					.set("taxId", taxId)
					.set("countryCode", country)
					.set("segment", segment)
					.set("tier", tier)
					.set("industry", industry)
					.set("parentId", parentId)
					.set("creditCurrency", currency)
					.set("customerSince", customerSince)
					.set("status", customer.status()));
		Customer stored = insertUnique(customer, created);
		this.audit.settle(Customer.class, stored.id(), created);
		this.store.referencesChanged();
		return stored;
	}

	@PreAuthorize(Roles.UPDATE_CUSTOMERS)
	public Customer update(UpdateCustomerInput input) {
		return change(input.id(), input.expectedVersion(), current -> {
			Validation v = new Validation();
			String externalRef = (input.externalRef() != null) ? v.id("externalRef", input.externalRef(), 64)
					: current.externalRef();
			String name = (input.name() != null) ? v.required("name", input.name(), 200) : current.name();
			String country = (input.countryCode() != null) ? v.country("countryCode", input.countryCode())
					: current.countryCode();
			String taxId = current.taxId();
			if (input.taxId() != null || (country != null && !country.equals(current.countryCode()))) {
				taxId = taxId(v, country, (input.taxId() != null) ? input.taxId() : current.taxId());
			}
			String segment = (input.segment() != null) ? v.code("segment", input.segment()) : current.segment();
			String tier = (input.tier() != null) ? v.code("tier", input.tier()) : current.tier();
			String industry = (input.industry() != null) ? v.code("industry", input.industry()) : current.industry();
			String parentId = current.parentId();
			if (Boolean.TRUE.equals(input.clearParent())) {
				parentId = null;
			}
			else if (blankToNull(input.parentId()) != null) {
				parentId = input.parentId().trim();
				checkParent(v, current.id(), parentId);
			}
			if (current.status() == CustomerStatus.CLOSED) {
				v.reject(CustomerErrorCode.CUSTOMER_CLOSED, "id", current.id());
			}
			v.throwIfInvalid();
			checkUnique(current.id(), externalRef, !externalRef.equals(current.externalRef()), country, taxId);
			Changes changes = new Changes().diff("externalRef", current.externalRef(), externalRef)
				.diff("name", current.name(), name)
				.diff("taxId", current.taxId(), taxId)
				.diff("countryCode", current.countryCode(), country)
				.diff("segment", current.segment(), segment)
				.diff("tier", current.tier(), tier)
				.diff("industry", current.industry(), industry)
				.diff("parentId", current.parentId(), parentId);
			Update update = new Update().set("externalRef", externalRef)
				.set("name", name)
				.set("taxId", taxId)
				.set("countryCode", country)
				.set("segment", segment)
				.set("tier", tier)
				.set("industry", industry)
				.set("parentId", parentId);
			if (!externalRef.equals(current.externalRef())) {
				// Its key, whose unique index refuses a reference another customer has
				// ignoring case also when two changes race (the check above is a read).
				update.set(CustomerStore.REFERENCE_KEY, CustomerStore.referenceKey(externalRef));
			}
			if (!Objects.equals(current.parentId(), parentId)) {
				// The group it leaves, kept with the change until the group figures have
				// followed it (CustomerGroupChanged).
				update.push(GROUP_CHANGES, new Document("from", current.parentId()).append("to", parentId)
					.append("at", Date.from(this.clock.instant())));
			}
			String updatedRef = externalRef;
			String updatedCountry = country;
			String updatedTaxId = taxId;
			return new Decision("CUSTOMER_UPDATED", update, changes, blankToNull(input.reason()),
					() -> checkUnique(current.id(), updatedRef, true, updatedCountry, updatedTaxId));
		});
	}

	/**
	 * Sets a limit directly: for ADMIN and migrations. The normal path is a credit limit
	 * request; this change is audited as a direct one ({@code CREDIT_LIMIT_SET}).
	 */
	@PreAuthorize(Roles.SET_LIMITS_DIRECTLY)
	public Customer setCreditLimit(SetCreditLimitInput input) {
		return change(input.customerId(), input.expectedVersion(), current -> {
			Validation v = new Validation();
			String reason = v.freeText("reason", input.reason(), 500);
			if (input.currency() != null) {
				String currency = v.currency("currency", input.currency());
				if (currency != null && !currency.equals(current.creditCurrency())) {
					v.reject(CommonErrorCode.CURRENCY_MISMATCH, "currency", current.creditCurrency(), currency);
				}
			}
			Money amount = v.money("amount", input.amount(), current.creditCurrency());
			LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
			EffectivePolicy policy = this.policies.effectiveFor(current.policySubject());
			LocalDate nextReview = (input.validUntil() != null) ? input.validUntil()
					: today.plusMonths(policy.reviewIntervalMonths());
			CreditLimit limit = new CreditLimit(amount, input.validUntil(), nextReview, Actor.current().name(),
					this.clock.instant());
			return limitDecision(v, current, policy, limit, "CREDIT_LIMIT_SET", reason);
		});
	}

	/**
	 * Applies the limit a credit limit request approved, through the same rules as
	 * {@link #setCreditLimit} (hard cap, closed customer, the first limit activating a
	 * customer awaiting verification), in one update guarded by the customer's version.
	 * Idempotent: a limit that already carries the request's id is not applied again.
	 * When the customer's limit is no longer the one the request saw, nothing changes and
	 * the request is analysed again. A decrease carrying notice reasons (one the dynamic
	 * limit policy proposed) writes its {@code CustomerNoticeIssued} event in the same
	 * update. For the limit request capability only, which has authorized the approver
	 * (no caller authorization here: its sweeper completes approvals after a crash with
	 * no user).
	 * @throws CreditDeskException {@code OVER_HARD_CAP} and the other refusals of
	 * {@code setCreditLimit}
	 */
	public ApprovedLimit.Outcome applyApprovedLimit(ApprovedLimit approved) {
		ApprovedLimit.Outcome[] outcome = { ApprovedLimit.Outcome.APPLIED };
		change(approved.customerId(), null, current -> {
			CreditLimit before = current.creditLimit();
			if (before != null && approved.requestId().equals(before.requestId())) {
				outcome[0] = ApprovedLimit.Outcome.ALREADY_APPLIED;
				return null;
			}
			if (!approved.stillExpected(before)) {
				outcome[0] = ApprovedLimit.Outcome.LIMIT_CHANGED;
				return null;
			}
			outcome[0] = ApprovedLimit.Outcome.APPLIED;
			Validation v = new Validation();
			if (!approved.amount().currency().equals(current.creditCurrency())) {
				v.reject(CommonErrorCode.CURRENCY_MISMATCH, "amount", current.creditCurrency(),
						approved.amount().currency());
			}
			CreditLimit limit = new CreditLimit(approved.amount(), approved.validUntil(), approved.nextReviewDate(),
					approved.approvedBy(), approved.approvedAt(), approved.requestId());
			List<Outbox.Event> notice = (approved.noticeReasons().isEmpty() || !approved.lowers(before)) ? List.of()
					: List.of(this.creditEvents.noticeIssued(current, before.amount(), approved.amount(),
							approved.noticeReasons()));
			return limitDecision(v, current, this.policies.effectiveFor(current.policySubject()), limit,
					"CREDIT_LIMIT_APPROVED", approved.reason(), notice);
		});
		return outcome[0];
	}

	/**
	 * Applies a limit the dynamic limit policy proposed within its automatic authority,
	 * through the same rules as {@link #setCreditLimit} (hard cap, closed customer), as a
	 * system change ({@code CREDIT_LIMIT_ADJUSTED}, approved by
	 * {@value ProposedLimit#APPROVER}) audited with the proposal's reasons and the model
	 * version. A decrease writes its {@code CustomerNoticeIssued} event in the same
	 * update. Only over the limit the proposal saw. For the dynamic limit capability only
	 * (its scheduled run has no user), which authorizes its own callers.
	 * @throws CreditDeskException {@code OVER_HARD_CAP} and the other refusals of
	 * {@code setCreditLimit}
	 */
	public ProposedLimit.Outcome applyProposedLimit(ProposedLimit proposed) {
		ProposedLimit.Outcome[] outcome = { ProposedLimit.Outcome.APPLIED };
		change(proposed.customerId(), null, current -> {
			CreditLimit before = current.creditLimit();
			if (before == null || before.amount() == null
					|| !before.amount().currency().equals(proposed.expectedAmount().currency())
					|| before.amount().amount().compareTo(proposed.expectedAmount().amount()) != 0) {
				outcome[0] = ProposedLimit.Outcome.LIMIT_CHANGED;
				return null;
			}
			outcome[0] = ProposedLimit.Outcome.APPLIED;
			Validation v = new Validation();
			if (!proposed.amount().currency().equals(current.creditCurrency())) {
				v.reject(CommonErrorCode.CURRENCY_MISMATCH, "amount", current.creditCurrency(),
						proposed.amount().currency());
			}
			LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
			EffectivePolicy policy = this.policies.effectiveFor(current.policySubject());
			LocalDate validUntil = (before.validUntil() != null && before.validUntil().isAfter(today))
					? before.validUntil() : null;
			CreditLimit limit = new CreditLimit(proposed.amount(), validUntil,
					today.plusMonths(policy.reviewIntervalMonths()), ProposedLimit.APPROVER, this.clock.instant());
			List<Outbox.Event> notice = proposed.noticeReasons().isEmpty() ? List.of() : List.of(this.creditEvents
				.noticeIssued(current, before.amount(), proposed.amount(), proposed.noticeReasons()));
			Decision decision = limitDecision(v, current, policy, limit, "CREDIT_LIMIT_ADJUSTED", proposed.reason(),
					notice);
			decision.changes().set("adjustment.reasons", proposed.reasons());
			decision.changes().set("adjustment.modelVersion", proposed.modelVersion());
			decision.changes().set("adjustment.noticeReasons", proposed.noticeReasons());
			return decision;
		});
		return outcome[0];
	}

	/**
	 * Refuses a limit that the rules of {@link #setCreditLimit} would refuse now (the
	 * credit currency, the end date, a closed customer, the hard cap), without changing
	 * anything: what the final approver of a credit limit request is told before the
	 * approval is recorded, rather than a request rejected after it.
	 * @throws CreditDeskException {@code OVER_HARD_CAP} and the other refusals of
	 * {@code setCreditLimit}
	 */
	public void checkLimit(String customerId, Money amount, LocalDate validUntil) {
		Customer current = require(customerId);
		Validation v = new Validation();
		if (!amount.currency().equals(current.creditCurrency())) {
			v.reject(CommonErrorCode.CURRENCY_MISMATCH, "amount", current.creditCurrency(), amount.currency());
		}
		checkLimit(v, current, this.policies.effectiveFor(current.policySubject()), amount, validUntil);
		v.throwIfInvalid();
	}

	private void checkLimit(Validation v, Customer current, EffectivePolicy policy, Money amount,
			LocalDate validUntil) {
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		if (validUntil != null && !validUntil.isAfter(today)) {
			v.reject(CustomerErrorCode.DATE_NOT_IN_FUTURE, "validUntil", today);
		}
		if (current.status() == CustomerStatus.CLOSED) {
			v.reject(CustomerErrorCode.CUSTOMER_CLOSED.variant("limit"), "customerId", current.id());
		}
		if (amount != null) {
			checkHardCap(v, amount, policy, today);
		}
	}

	/** The one way a limit is set, directly or by a request. */
	private Decision limitDecision(Validation v, Customer current, EffectivePolicy policy, CreditLimit limit,
			String action, String reason) {
		return limitDecision(v, current, policy, limit, action, reason, List.of());
	}

	/**
	 * As above, with more events written in the same update (a decrease's customer
	 * notice).
	 */
	private Decision limitDecision(Validation v, Customer current, EffectivePolicy policy, CreditLimit limit,
			String action, String reason, List<Outbox.Event> more) {
		checkLimit(v, current, policy, limit.amount(), limit.validUntil());
		v.throwIfInvalid();
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		Money amount = limit.amount();

		CustomerStatus status = (current.status() == CustomerStatus.PENDING_VERIFICATION) ? CustomerStatus.ACTIVE
				: current.status();
		CreditLimit before = current.creditLimit();
		Changes changes = new Changes().diff("creditLimit.amount", (before != null) ? before.amount() : null, amount)
			.diff("creditLimit.validUntil", (before != null) ? before.validUntil() : null, limit.validUntil())
			.diff("creditLimit.nextReviewDate", (before != null) ? before.nextReviewDate() : null,
					limit.nextReviewDate())
			.diff("creditLimit.requestId", (before != null) ? before.requestId() : null, limit.requestId())
			.diff("status", current.status(), status);
		if (changes.isEmpty() && limit.requestId() != null) {
			// A request confirming the limit unchanged (a review) is still a decision on
			// the record.
			changes.set("creditLimit.approvedAt", limit.approvedAt());
		}
		Update update = new Update().set("creditLimit", limit)
			.set("status", status)
			.push(CreditLimitChange.FIELD, new CreditLimitChange(today, amount, limit.approvedAt()));
		List<Outbox.Event> published = new ArrayList<>(
				List.of(this.creditEvents.limitChanged(current, before, limit, reason)));
		if (status != current.status()) {
			published.add(this.creditEvents.statusChanged(current, status, "First credit limit approved"));
		}
		published.addAll(more);
		return new Decision(action, Outbox.push(update, published), changes, reason);
	}

	@PreAuthorize(Roles.SET_STATUS)
	public Customer setStatus(SetCustomerStatusInput input) {
		return change(input.customerId(), input.expectedVersion(), current -> {
			Validation v = new Validation();
			String reason = v.freeText("reason", input.reason(), 500);
			if (input.status() == null) {
				v.reject(CommonErrorCode.REQUIRED, "status");
			}
			else {
				StatusTransitions.check(current, input.status(), v);
			}
			v.throwIfInvalid();
			if (current.status() == input.status()) {
				return null;
			}
			return new Decision("STATUS_CHANGED",
					Outbox.push(new Update().set("status", input.status()),
							this.creditEvents.statusChanged(current, input.status(), reason)),
					new Changes().diff("status", current.status(), input.status()), reason);
		});
	}

	@PreAuthorize(Roles.RAISE_FLAGS)
	public Customer raiseFlag(RaiseRiskFlagInput input) {
		return change(input.customerId(), null, current -> {
			Validation v = new Validation();
			String reason = v.freeText("reason", input.reason(), 500);
			String source = v.required("source", input.source(), 100);
			if (input.type() == null) {
				v.reject(CommonErrorCode.REQUIRED, "type");
			}
			else if (current.hasFlag(input.type())) {
				v.reject(CustomerErrorCode.FLAG_ALREADY_RAISED, "type", input.type(), current.id());
			}
			v.throwIfInvalid();
			RiskFlag flag = new RiskFlag(input.type(), reason, source, this.clock.instant(), Actor.current().name());
			List<RiskFlag> flags = new ArrayList<>(current.flags());
			flags.add(flag);
			return new Decision("RISK_FLAG_RAISED",
					Outbox.push(new Update().set("flags", flags), this.creditEvents.flagRaised(current, flag)),
					new Changes().diff("flags." + input.type(), null, "raised by " + source + ": " + reason), reason);
		});
	}

	@PreAuthorize(Roles.CLEAR_FLAGS)
	public Customer clearFlag(ClearRiskFlagInput input) {
		return change(input.customerId(), null, current -> {
			Validation v = new Validation();
			String reason = v.freeText("reason", input.reason(), 500);
			if (input.type() == null) {
				v.reject(CommonErrorCode.REQUIRED, "type");
			}
			else if (!current.hasFlag(input.type())) {
				v.reject(CustomerErrorCode.FLAG_NOT_RAISED, "type", input.type(), current.id());
			}
			v.throwIfInvalid();
			List<RiskFlag> flags = current.flags().stream().filter(f -> f.type() != input.type()).toList();
			RiskFlag cleared = current.flags().stream().filter(f -> f.type() == input.type()).findFirst().orElseThrow();
			return new Decision("RISK_FLAG_CLEARED",
					Outbox.push(new Update().set("flags", flags),
							this.creditEvents.flagCleared(current, input.type(), reason)),
					new Changes().diff("flags." + input.type(),
							"raised by " + cleared.source() + ": " + cleared.reason(), null),
					reason);
		});
	}

	/**
	 * Applies what an external risk event does to the profile, for trusted in-process
	 * callers (the risk event consumer and the bureau poller: no caller authorization, a
	 * Kafka consumer has no user). One atomic update raises the flags not yet raised (the
	 * order credit check refuses new orders from then on, as for {@link #raiseFlag}),
	 * puts an {@code ACTIVE} customer {@code ON_HOLD} when asked, records the event id
	 * and writes the flag, status and {@code reported} credit events to the outbox with
	 * the audit record. Idempotent per event id: the profile keeps the ids of the last
	 * {@value #APPLIED_RISK_EVENTS_KEPT} events applied, and one among them changes
	 * nothing.
	 * @return true when applied now, false when the event had been applied before
	 * @throws CreditDeskException {@code CUSTOMER_NOT_FOUND} when there is no such
	 * customer
	 */
	public boolean applyExternalRiskEvent(ExternalRiskEffect effect) {
		boolean[] applied = { false };
		change(effect.customerId(), null, current -> {
			applied[0] = false;
			if (this.store.hasAppliedRiskEvent(current.id(), effect.eventId())) {
				return null;
			}
			Instant now = this.clock.instant();
			String actor = Actor.current().name();
			List<RiskFlag> flags = new ArrayList<>(current.flags());
			List<Outbox.Event> published = new ArrayList<>();
			Changes changes = new Changes().set("externalRiskEvent", effect.eventId());
			Update update = new Update();
			for (RiskFlagType type : RiskFlagType.values()) {
				if (effect.flags().contains(type) && !current.hasFlag(type)) {
					RiskFlag flag = new RiskFlag(type, effect.reason(), effect.source(), now, actor);
					flags.add(flag);
					published.add(this.creditEvents.flagRaised(current, flag));
					changes.diff("flags." + type, null, "raised by " + effect.source() + ": " + effect.reason());
				}
			}
			if (flags.size() != current.flags().size()) {
				update.set("flags", flags);
			}
			if (effect.hold() && current.status() == CustomerStatus.ACTIVE) {
				update.set("status", CustomerStatus.ON_HOLD);
				published.add(this.creditEvents.statusChanged(current, CustomerStatus.ON_HOLD, effect.reason()));
				changes.diff("status", current.status(), CustomerStatus.ON_HOLD);
			}
			published.add(effect.reported());
			update.push(APPLIED_RISK_EVENTS).slice(-APPLIED_RISK_EVENTS_KEPT).each(effect.eventId());
			applied[0] = true;
			return new Decision("EXTERNAL_RISK_EVENT_APPLIED", Outbox.push(update, published), changes,
					effect.reason());
		});
		return applied[0];
	}

	/**
	 * Assigns the credit analyst and the sales owner of a customer (usernames), who are
	 * told of what happens to it. A field left out keeps its value; a blank one removes
	 * the assignment; a username the service knows nobody by is refused
	 * ({@code UNKNOWN_USER}, where it knows its users, see {@link KnownPeople}). Audited
	 * as {@code CUSTOMER_ASSIGNED}.
	 */
	@PreAuthorize(Roles.ASSIGN_CUSTOMERS)
	public Customer assign(AssignCustomerInput input) {
		Optional<Set<String>> known = this.people.usernames();
		return change(input.customerId(), null, current -> {
			Validation v = new Validation();
			String analyst = username(v, "creditAnalyst", input.creditAnalyst(), current.creditAnalyst(), known);
			String owner = username(v, "salesOwner", input.salesOwner(), current.salesOwner(), known);
			String reason = blankToNull(input.reason());
			if (reason != null && reason.length() > 500) {
				v.reject(CommonErrorCode.TOO_LONG, "reason", 500);
			}
			if (current.status() == CustomerStatus.CLOSED) {
				v.reject(CustomerErrorCode.CUSTOMER_CLOSED, "customerId", current.id());
			}
			v.throwIfInvalid();
			return new Decision("CUSTOMER_ASSIGNED",
					new Update().set("creditAnalyst", analyst).set("salesOwner", owner),
					new Changes().diff("creditAnalyst", current.creditAnalyst(), analyst)
						.diff("salesOwner", current.salesOwner(), owner),
					reason);
		});
	}

	/**
	 * The username assigned: given, kept (null) or removed (blank). A username this
	 * service knows nobody by is refused ({@code UNKNOWN_USER}) where it knows its users
	 * ({@link KnownPeople}): the customer's notifications would reach nobody.
	 */
	private static String username(Validation v, String field, String given, String current,
			Optional<Set<String>> known) {
		if (given == null) {
			return current;
		}
		if (given.isBlank()) {
			return null;
		}
		String trimmed = given.trim();
		if (!USERNAME.matcher(trimmed).matches()) {
			v.reject(CustomerErrorCode.INVALID_USERNAME, field, UserError.quoted(given));
			return current;
		}
		if (known.isPresent() && !known.get().contains(trimmed)) {
			v.reject(CustomerErrorCode.UNKNOWN_USER, field, UserError.quoted(trimmed));
			return current;
		}
		return trimmed;
	}

	/**
	 * What a change does: the audit action, the targeted update and the values it alters.
	 */
	private record Decision(String action, Update update, Changes changes, String reason, Runnable whenDuplicate) {

		Decision(String action, Update update, Changes changes, String reason) {
			this(action, update, changes, reason, null);
		}

	}

	/**
	 * Reads the customer, lets {@code decide} validate and build the update, applies it
	 * with its audit record if the version is unchanged, then moves the record to the
	 * trail. {@code decide} returns null for a no-op.
	 */
	private Customer change(String id, Integer expectedVersion, Function<Customer, Decision> decide) {
		for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
			Customer current = require(id);
			if (expectedVersion != null && expectedVersion != current.version()) {
				throw staleVersion(current, expectedVersion);
			}
			Decision decision = decide.apply(current);
			if (decision == null || decision.changes().isEmpty()) {
				return current;
			}
			AuditRecord entry = this.audit.entry(decision.action(), "CUSTOMER", current.id(), current.id(),
					decision.reason(), decision.changes());
			Optional<Customer> updated;
			try {
				updated = this.store.updateIfVersion(current.id(), current.version(),
						AuditOutbox.push(decision.update(), entry).set("updatedAt", this.clock.instant()));
			}
			catch (DuplicateKeyException ex) {
				// Lost a race for a unique value with a concurrent change or creation:
				// report which one was taken.
				if (decision.whenDuplicate() != null) {
					decision.whenDuplicate().run();
				}
				throw CreditDeskException.refuse(CustomerErrorCode.DUPLICATE_CUSTOMER, null);
			}
			if (updated.isPresent()) {
				this.audit.settle(Customer.class, current.id(), entry);
				if (decision.changes().touches("externalRef", "taxId", "countryCode")) {
					this.store.referencesChanged();
				}
				if (!"CUSTOMER_UPDATED".equals(decision.action())) {
					this.events.publishEvent(new CustomerCreditChanged(current.id(), decision.action()));
				}
				if (!Objects.equals(current.parentId(), updated.get().parentId())) {
					this.events.publishEvent(
							new CustomerGroupChanged(current.id(), current.parentId(), updated.get().parentId()));
				}
				return updated.get();
			}
			if (expectedVersion != null) {
				throw staleVersion(require(id), expectedVersion);
			}
		}
		throw CreditDeskException.refuse(CommonErrorCode.CONCURRENT_MODIFICATION.variant("customer"), null, id);
	}

	private Customer require(String id) {
		if (id == null || id.isBlank()) {
			throw CreditDeskException.refuse(CommonErrorCode.REQUIRED, "customerId");
		}
		return this.store.findById(id.trim())
			.orElseThrow(() -> CreditDeskException.refuse(CommonErrorCode.CUSTOMER_NOT_FOUND, "customerId",
					UserError.quoted(id)));
	}

	private static CreditDeskException staleVersion(Customer current, long expected) {
		return CreditDeskException.refuse(CommonErrorCode.STALE_VERSION.variant("customer"), "expectedVersion",
				current.id(), current.version(), expected);
	}

	/**
	 * The hard cap as the order check applies it ({@code AccountContexts}): a cap in
	 * another currency than the limit's is converted at today's stored rate, and the
	 * refusal states the cap, the rate and the converted figure. Without a rate the limit
	 * cannot be compared: {@code FX_RATE_MISSING}, as everywhere a rate is missing (it
	 * was {@code HARD_CAP_CURRENCY_MISMATCH}, which stays in the schema but is no longer
	 * given).
	 */
	private void checkHardCap(Validation v, Money amount, EffectivePolicy policy, LocalDate today) {
		Money cap = policy.hardCap();
		if (cap == null) {
			return;
		}
		EffectivePolicy.Source source = policy.sourceOf("hardCap");
		Phrase from = source.phrase();
		if (cap.currency().equals(amount.currency())) {
			if (amount.isGreaterThan(cap)) {
				v.reject(CustomerErrorCode.OVER_HARD_CAP, "amount", amount, cap, from);
			}
			return;
		}
		Conversion converted;
		try {
			converted = this.fx.convertStored(cap, amount.currency(), today, "hardCap");
		}
		catch (CreditDeskException ex) {
			// The same code as wherever a rate is missing (a limit request's last
			// approval
			// ends here too), in words naming the hard cap.
			v.reject(FxErrorCode.FX_RATE_MISSING.variant("hardCap"), "amount", cap.currency(), amount.currency(), today,
					cap, from);
			return;
		}
		if (amount.isGreaterThan(converted.converted())) {
			v.reject(CustomerErrorCode.OVER_HARD_CAP.variant("converted"), "amount", amount, cap, from,
					converted.converted(), converted.rate());
		}
	}

	private String taxId(Validation v, String country, String raw) {
		if (raw == null || raw.isBlank()) {
			v.reject(CommonErrorCode.REQUIRED, "taxId");
			return null;
		}
		if (country == null) {
			return null;
		}
		TaxIds.Result result = TaxIds.check(country, raw);
		if (!result.valid()) {
			List<Object> figures = new ArrayList<>(List.of(UserError.quoted(raw)));
			figures.addAll(result.figures());
			v.reject(CustomerErrorCode.INVALID_TAX_ID.variant(result.problem()), "taxId", figures.toArray());
		}
		return result.normalized();
	}

	private void checkParent(Validation v, String customerId, String parentId) {
		if (parentId.equals(customerId)) {
			v.reject(CustomerErrorCode.INVALID_PARENT.variant("self"), "parentId");
			return;
		}
		Optional<Customer> parent = this.store.findById(parentId);
		if (parent.isEmpty()) {
			v.reject(CustomerErrorCode.PARENT_NOT_FOUND, "parentId", UserError.quoted(parentId));
			return;
		}
		if (parent.get().status() == CustomerStatus.CLOSED) {
			v.reject(CustomerErrorCode.INVALID_PARENT.variant("closed"), "parentId", parentId);
			return;
		}
		String ancestor = parent.get().parentId();
		for (int depth = 0; ancestor != null && depth < MAX_GROUP_DEPTH; depth++) {
			if (ancestor.equals(customerId)) {
				v.reject(CustomerErrorCode.INVALID_PARENT.variant("cycle"), "parentId", parentId, customerId);
				return;
			}
			ancestor = this.store.findById(ancestor).map(Customer::parentId).orElse(null);
		}
	}

	/**
	 * Refuses a reference or tax id another customer has. {@code newReference}: the
	 * reference is new to this customer, and is also checked ignoring case (a scan, so
	 * not on every change of a customer): the order intake matches a reference that
	 * differs only in case when one customer has it, so a second one taking "erp-10042"
	 * beside "ERP-10042" would silently take over the first one's orders (found by hand:
	 * an order reserved on another company).
	 */
	private void checkUnique(String customerId, String externalRef, boolean newReference, String country,
			String taxId) {
		Validation v = new Validation();
		(newReference ? this.store.findByExternalRefIgnoreCase(externalRef, 2)
				: this.store.findByExternalRef(externalRef).stream().toList())
			.stream()
			.filter(other -> !other.id().equals(customerId))
			.findFirst()
			.ifPresent(other -> v.reject(CustomerErrorCode.DUPLICATE_EXTERNAL_REF, "externalRef", other.id(),
					UserError.quoted(other.externalRef())));
		this.store.findByTaxId(country, taxId)
			.filter(other -> !other.id().equals(customerId))
			.ifPresent(other -> v.reject(CustomerErrorCode.DUPLICATE_TAX_ID, "taxId", other.id(), taxId, country));
		v.throwIfInvalid();
	}

	private Customer insertUnique(Customer customer, AuditRecord created) {
		try {
			return this.store.insert(customer, created);
		}
		catch (DuplicateKeyException ex) {
			// Lost a race with a concurrent insert: report which unique value was taken.
			checkUnique(null, customer.externalRef(), true, customer.countryCode(), customer.taxId());
			throw CreditDeskException.refuse(CustomerErrorCode.DUPLICATE_CUSTOMER, null);
		}
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
