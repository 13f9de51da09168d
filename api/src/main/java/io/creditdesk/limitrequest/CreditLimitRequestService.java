package io.creditdesk.limitrequest;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.audit.Changes;
import io.creditdesk.common.Actor;
import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.FourEyes;
import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.common.Money;
import io.creditdesk.common.Validation;
import io.creditdesk.customer.CreditLimit;
import io.creditdesk.customer.Customer;
import io.creditdesk.customer.CustomerService;
import io.creditdesk.customer.CustomerStatus;
import io.creditdesk.events.Outbox;
import io.creditdesk.fx.FxRateService;
import io.creditdesk.limitrequest.BusinessCalendar.Pause;
import io.creditdesk.limitrequest.CreditLimitRequest.Applicant;
import io.creditdesk.limitrequest.CreditLimitRequest.Application;
import io.creditdesk.limitrequest.CreditLimitRequest.Decision;
import io.creditdesk.limitrequest.CreditLimitRequest.DecisionOutcome;
import io.creditdesk.limitrequest.CreditLimitRequest.Routing;
import io.creditdesk.limitrequest.CreditLimitRequest.Snapshot;
import io.creditdesk.limitrequest.CreditLimitRequest.Step;
import io.creditdesk.limitrequest.RequestInputs.ApproveCreditLimitRequestInput;
import io.creditdesk.limitrequest.RequestInputs.RejectCreditLimitRequestInput;
import io.creditdesk.limitrequest.RequestInputs.RequestActionInput;
import io.creditdesk.limitrequest.RequestInputs.RequestCreditLimitInput;
import io.creditdesk.policy.CreditPolicyService;
import io.creditdesk.scoring.model.RiskGrade;
import org.bson.types.ObjectId;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/**
 * The credit limit request use cases: make a request (snapshot, pre-analysis, and then
 * refused, approved straight through or routed), decide its steps under segregation of
 * duties, return, resubmit, withdraw, escalate, and analyse again when the customer's
 * limit changed meanwhile. Each change reads the request, decides with the Spring-free
 * rules of this package, and writes one conditional update guarded by the version read
 * ({@link RequestStore}); the approved limit reaches the customer through
 * {@link LimitApplication}. Callers authorize (the controller's roles, the jobs' own
 * actor).
 */
@Service
class CreditLimitRequestService {

	private static final int MAX_ATTEMPTS = 5;

	/** The approver name recorded for an approval straight through. */
	static final String PRE_ANALYSIS = "pre-analysis";

	private final RequestStore store;

	private final MongoTemplate mongo;

	private final Snapshots snapshots;

	private final ApprovalMatrices matrices;

	private final Verifications verifications;

	private final RequestEvents events;

	private final AuditLog audit;

	private final FxRateService fx;

	private final LimitRequestProperties properties;

	private final Clock clock;

	private final BusinessCalendar calendar;

	private final PreAnalysisPolicies policies;

	private final CreditPolicyService creditPolicies;

	private final CustomerService customers;

	CreditLimitRequestService(RequestStore store, MongoTemplate mongo, Snapshots snapshots, ApprovalMatrices matrices,
			PreAnalysisPolicies policies, CreditPolicyService creditPolicies, Verifications verifications,
			RequestEvents events, AuditLog audit, FxRateService fx, LimitRequestProperties properties, Clock clock,
			CustomerService customers) {
		this.creditPolicies = creditPolicies;
		this.customers = customers;
		this.policies = policies;
		this.store = store;
		this.mongo = mongo;
		this.snapshots = snapshots;
		this.matrices = matrices;
		this.verifications = verifications;
		this.events = events;
		this.audit = audit;
		this.fx = fx;
		this.properties = properties;
		this.clock = clock;
		this.calendar = properties.calendar();
	}

	BusinessCalendar calendar() {
		return this.calendar;
	}

	Optional<CreditLimitRequest> find(String id) {
		return (id == null || id.isBlank()) ? Optional.empty() : this.store.find(id.trim());
	}

	Customer customer(String id, String field) {
		if (id == null || id.isBlank()) {
			throw CreditDeskException.refuse(CommonErrorCode.REQUIRED, field);
		}
		Customer customer = this.mongo.findById(id.trim(), Customer.class);
		if (customer == null) {
			throw CreditDeskException.refuse(CommonErrorCode.CUSTOMER_NOT_FOUND, field,
					new MessageCatalogue.Quoted(id));
		}
		return customer;
	}

	// ---- making a request ----

	/** A request by a person: the current actor is its requester. */
	CreditLimitRequest request(RequestCreditLimitInput input) {
		Validation v = new Validation();
		Customer customer = customer(input.customerId(), "customerId");
		if (input.type() == null) {
			v.reject(CommonErrorCode.REQUIRED, "type");
		}
		Money requested = (input.requestedLimit() != null) ? input.requestedLimit().validate(v, "requestedLimit")
				: null;
		if (input.requestedLimit() == null) {
			v.reject(CommonErrorCode.REQUIRED, "requestedLimit");
		}
		else if (requested != null && !requested.currency().equals(customer.creditCurrency())) {
			v.reject(CommonErrorCode.CURRENCY_MISMATCH.variant("request"), "requestedLimit.currency",
					customer.creditCurrency(), requested.currency());
		}
		if (requested != null && requested.currency().equals(customer.creditCurrency())) {
			typeAgreesWithAmount(v, input.type(), requested, customer.creditLimit());
		}
		String justification = v.freeText("justification", input.justification(), 2000);
		LocalDate today = today();
		if (input.validUntil() != null && !input.validUntil().isAfter(today)) {
			v.reject(RequestErrorCode.DATE_NOT_IN_FUTURE, "validUntil", today);
		}
		if (input.type() == RequestType.TEMPORARY && input.validUntil() == null) {
			v.reject(CommonErrorCode.REQUIRED.variant("temporaryEnd"), "validUntil");
		}
		Money revenue = null;
		if (input.annualRevenue() != null) {
			Money given = input.annualRevenue().validate(v, "annualRevenue");
			if (given != null && given.isNegative()) {
				v.reject(CommonErrorCode.NEGATIVE_AMOUNT, "annualRevenue.amount", given);
			}
			else if (given != null) {
				revenue = given;
			}
		}
		if (input.yearsInBusiness() != null) {
			v.range("yearsInBusiness", input.yearsInBusiness(), 0, 500);
		}
		List<String> references = (input.references() != null) ? input.references() : List.of();
		if (references.size() > 20) {
			v.reject(CommonErrorCode.OUT_OF_RANGE.variant("references"), "references", 20, references.size());
		}
		for (int i = 0; i < references.size(); i++) {
			v.required("references[" + i + "]", references.get(i), 500);
		}
		v.throwIfInvalid();
		if (revenue != null && !revenue.currency().equals(customer.creditCurrency())) {
			revenue = this.fx.convertStored(revenue, customer.creditCurrency(), today, "annualRevenue.currency")
				.converted();
		}
		Applicant applicant = (input.annualRevenue() == null && input.yearsInBusiness() == null && references.isEmpty())
				? null : new Applicant(customer.taxId(), revenue, input.yearsInBusiness(), List.copyOf(references));
		return open(customer, input.type(), requested, input.validUntil(), justification, applicant,
				RequestOrigin.PERSON, Actor.current().name());
	}

	/**
	 * An increase asks for more than the current limit (any amount above zero without
	 * one), a decrease for less than the current limit; otherwise the type says something
	 * other than the amount, and the request is refused with
	 * {@code REQUEST_TYPE_MISMATCH} on {@code type}.
	 */
	static void typeAgreesWithAmount(Validation v, RequestType type, Money requested, CreditLimit current) {
		Money limit = (current != null && current.amount() != null
				&& current.amount().currency().equals(requested.currency())) ? current.amount()
						: Money.zero(requested.currency());
		if (type == RequestType.INCREASE && !requested.isGreaterThan(limit)) {
			v.reject(RequestErrorCode.REQUEST_TYPE_MISMATCH.variant("increase"), "type", requested, limit);
		}
		else if (type == RequestType.DECREASE && !limit.isGreaterThan(requested)) {
			v.reject(RequestErrorCode.REQUEST_TYPE_MISMATCH.variant("decrease"), "type", requested, limit);
		}
	}

	/**
	 * Opens a request: snapshot, links, pre-analysis, then refused, approved straight
	 * through (the limit applied at once) or routed. The requester is a person unless the
	 * origin is the review job.
	 */
	CreditLimitRequest open(Customer customer, RequestType type, Money requested, LocalDate validUntil,
			String justification, Applicant applicant, RequestOrigin origin, String requester) {
		return open(customer, type, requested, validUntil, justification, applicant, origin, requester, List.of(),
				origin == RequestOrigin.REVIEW_JOB);
	}

	/**
	 * As above, for a decrease whose customer notice gives {@code noticeReasons} when it
	 * is applied, and with {@code systemRequester} true when the requester is a system
	 * acting in its own name rather than a person (the request is then never returned).
	 * @throws CreditDeskException {@code REQUEST_ALREADY_OPEN} on {@code customerId} when
	 * the customer has an open request (of any origin): it is decided, withdrawn or
	 * finished first
	 */
	CreditLimitRequest open(Customer customer, RequestType type, Money requested, LocalDate validUntil,
			String justification, Applicant applicant, RequestOrigin origin, String requester,
			List<String> noticeReasons, boolean systemRequester) {
		Instant now = this.clock.instant();
		String id = new ObjectId().toHexString();
		// At most one open request per customer, whatever its origin: claimed
		// atomically before anything is analysed, released when the request is decided.
		this.store.claim(customer.id(), id, requested, now).ifPresent((open) -> {
			throw CreditDeskException.refuse(RequestErrorCode.REQUEST_ALREADY_OPEN, "customerId", open.id(),
					open.requestedLimit(), open.status());
		});
		try {
			return open(id, now, customer, type, requested, validUntil, justification, applicant, origin, requester,
					noticeReasons, systemRequester);
		}
		catch (RuntimeException ex) {
			if (this.store.find(id).isEmpty()) {
				this.store.release(customer.id(), id);
			}
			throw ex;
		}
	}

	private CreditLimitRequest open(String id, Instant now, Customer customer, RequestType type, Money requested,
			LocalDate validUntil, String justification, Applicant applicant, RequestOrigin origin, String requester,
			List<String> noticeReasons, boolean systemRequester) {
		StoredApprovalMatrix matrix = this.matrices.forSegment(customer.segment());
		Snapshot snapshot = this.snapshots.take(customer, requested, matrix.definition().currency(), today());
		List<String> earlier = this.store.forCustomer(customer.id()).stream().map(CreditLimitRequest::id).toList();
		RequestDraft d = RequestDraft.empty();
		d.id = id;
		d.customerId = customer.id();
		d.segment = customer.segment();
		d.type = type;
		d.status = RequestStatus.SUBMITTED;
		d.origin = origin;
		d.requestedLimit = requested;
		d.validUntil = validUntil;
		d.justification = justification;
		d.applicant = applicant;
		d.createdBy = requester;
		d.createdAt = now;
		d.updatedAt = now;
		d.version = 1;
		d.earlierRequestIds = earlier;
		d.proposedLimit = requested;
		d.proposedValidUntil = validUntil;
		d.analysisRound = 1;
		d.noticeReasons = noticeReasons;
		d.systemRequester = systemRequester;
		analyse(d, customer, snapshot, matrix, now, true);
		CreditLimitRequest request = d.build();
		List<Outbox.Event> published = new ArrayList<>(List.of(this.events.requested(request)));
		if (request.status().isFinal()) {
			published.add(this.events.decided(request));
		}
		AuditRecord created = this.audit.entry("CREDIT_LIMIT_REQUESTED", "CREDIT_LIMIT_REQUEST", request.id(),
				customer.id(), justification,
				new Changes().set("type", type)
					.set("requestedLimit", requested)
					.set("validUntil", validUntil)
					.set("origin", origin)
					.set("status", request.status())
					.set("analysis", request.analysis().explanation().english()));
		CreditLimitRequest stored = this.store.insert(request, created, published);
		return stored;
	}

	/**
	 * Records the snapshot and analysis on the draft and moves it on: refused, approved
	 * straight through (an application to complete), or routed along the matrix.
	 */
	private void analyse(RequestDraft d, Customer customer, Snapshot snapshot, StoredApprovalMatrix stored, Instant now,
			boolean straightThroughAllowed) {
		PreAnalysis preAnalysis = preAnalysis(customer, stored);
		Money revenue = (d.applicant != null) ? d.applicant.annualRevenue() : null;
		Analysis analysis = preAnalysis
			.analyse(Snapshots.analysisInput(snapshot, customer, d.type, d.requestedLimit, revenue));
		ApprovalMatrix matrix = stored.matrix();
		ApprovalRoute route = matrix.route(snapshot.requestedInMatrixCurrency(), snapshot.grade());
		d.snapshot = snapshot;
		d.analysis = analysis;
		d.routing = new Routing(stored.id(), stored.version(), route.band(), route.bandUpTo(), route.gradeRoute(),
				route.sla());
		Analysis.Verdict verdict = analysis.verdict();
		if (verdict == Analysis.Verdict.STRAIGHT_THROUGH && !straightThroughAllowed) {
			verdict = Analysis.Verdict.ROUTED;
		}
		switch (verdict) {
			case REFUSED -> {
				d.status = RequestStatus.REJECTED;
				d.rejectionReasons = analysis.reasons();
				d.decisionNote = analysis.explanation().english();
				d.decidedAt = now;
				d.steps = List.of();
				d.openRole = null;
				d.openDueAt = null;
			}
			case STRAIGHT_THROUGH -> {
				d.steps = List.of();
				d.openRole = null;
				d.openDueAt = null;
				d.application = new Application(d.requestedLimit, d.validUntil, nextReview(customer, snapshot),
						PRE_ANALYSIS, now, true, analysis.explanation().english());
			}
			case ROUTED -> {
				List<Step> steps = new ArrayList<>();
				for (int i = 0; i < route.steps().size(); i++) {
					ApprovalStep step = route.steps().get(i);
					steps.add(new Step(i, step.role(), step.approvers(), StepStatus.WAITING, null, null, null, null,
							List.of()));
				}
				Instant due = this.calendar.plus(now, route.sla());
				steps.set(0, steps.get(0).started(now, due));
				d.steps = steps;
				d.status = RequestStatus.IN_APPROVAL;
				d.openRole = steps.get(0).role();
				d.openDueAt = due;
			}
		}
	}

	/** A policy amount in another currency at the stored rate; null without a rate. */
	private Money convertOrNull(Money amount, String currency) {
		try {
			return this.fx.convertStored(amount, currency, today(), "policy").converted();
		}
		catch (CreditDeskException ex) {
			return null;
		}
	}

	private PreAnalysis preAnalysis(Customer customer, StoredApprovalMatrix stored) {
		return new PreAnalysis(this.policies.forSegment(customer.segment())
			.thresholds()
			.inCurrencies(stored.definition().currency(), customer.creditCurrency(), this::convertOrNull));
	}

	/**
	 * The check of the customer's standing as it is now (status, risk flags) that blocks
	 * approving {@code limit} on request {@code r}, if one does: the blocking checks of
	 * the request's pre-analysis, run again, since a customer may be suspended, flagged
	 * or hit by an insolvency event while its request waits. Only a raise is blocked.
	 */
	Optional<CheckResult> standingBlocks(CreditLimitRequest r, Money limit) {
		if (r.snapshot() == null) {
			return Optional.empty();
		}
		Customer customer = customer(r.customerId(), "requestId");
		if (customer.creditLimit() != null && r.id().equals(customer.creditLimit().requestId())) {
			// Applied already (a completion repeated after a crash): what is done stays.
			return Optional.empty();
		}
		PreAnalysis preAnalysis = preAnalysis(customer, this.matrices.forSegment(customer.segment()));
		Money revenue = (r.applicant() != null) ? r.applicant().annualRevenue() : null;
		return preAnalysis.standingBlocks(Snapshots.analysisInput(r.snapshot(), customer, r.type(), limit, revenue));
	}

	/** The refusal of an approval that {@code blocked} stops. */
	static CreditDeskException raiseBlocked(CreditLimitRequest r, CheckResult blocked) {
		Sentence detail = blocked.detail();
		return CreditDeskException.refuse(RequestErrorCode.RAISE_BLOCKED, "requestId", r.id(),
				(MessageCatalogue.Localized) detail::render);
	}

	private void requireStanding(CreditLimitRequest r, Money limit) {
		Optional<CheckResult> blocked = standingBlocks(r, limit);
		if (blocked.isPresent()) {
			throw raiseBlocked(r, blocked.get());
		}
	}

	LocalDate nextReview(Customer customer, Snapshot snapshot) {
		return reviewSchedule(customer).nextReview(today(), snapshot.grade(), customer.segment());
	}

	/**
	 * The customer's review schedule: by grade; before scores exist, the review interval
	 * of its credit policy (its segment's, tier's or industry's, else the system's).
	 */
	ReviewSchedule reviewSchedule(Customer customer) {
		return this.properties
			.reviewSchedule(this.creditPolicies.effectiveFor(customer.policySubject()).reviewIntervalMonths());
	}

	// ---- deciding steps ----

	CreditLimitRequest approve(ApproveCreditLimitRequestInput input) {
		Actor actor = Actor.current();
		Validation v = new Validation();
		String justification = v.freeText("justification", input.justification(), 2000);
		Money counterLimit = null;
		LocalDate counterUntil = null;
		if (input.counterOffer() != null) {
			if (input.counterOffer().limit() == null) {
				v.reject(CommonErrorCode.REQUIRED.variant("counterOfferLimit"), "counterOffer.limit");
			}
			else {
				counterLimit = input.counterOffer().limit().validate(v, "counterOffer.limit");
			}
			counterUntil = input.counterOffer().validUntil();
		}
		v.throwIfInvalid();
		CounterOffer offer = (counterLimit != null) ? new CounterOffer(counterLimit, counterUntil) : null;
		CreditLimitRequest decided = decideStep(input.requestId(), actor, (r, step) -> {
			if (offer != null) {
				Optional<Refusal> refusal = offer.check(r.proposedLimit(), r.proposedValidUntil(), today());
				if (refusal.isPresent()) {
					throw refusal.get()
						.toException((refusal.get().code() == RequestErrorCode.CURRENCY_MISMATCH)
								? "counterOffer.limit.currency" : "counterOffer");
				}
			}
			Instant now = this.clock.instant();
			Money limit = (offer != null) ? offer.limit() : r.proposedLimit();
			LocalDate until = (offer != null) ? offer.validUntil() : r.proposedValidUntil();
			// The customer's standing is the approver's to hear at every step: suspended
			// or
			// flagged since the request was analysed, a raise is not approved (the
			// request
			// may still be rejected, or approved once that has changed).
			requireStanding(r, limit);
			Decision decision = new Decision(actor.name(), now,
					(offer != null) ? DecisionOutcome.COUNTER_OFFER : DecisionOutcome.APPROVED, justification,
					List.of(), limit, until, r.analysisRound());
			RequestDraft d = RequestDraft.of(r);
			d.proposedLimit = limit;
			d.proposedValidUntil = until;
			Step updated = step.plus(decision);
			List<Step> steps = new ArrayList<>(r.steps());
			boolean stepDone = updated.approvals() >= updated.requiredApprovers();
			boolean last = stepDone && step.index() == r.steps().size() - 1;
			if (last) {
				requireVerification(r);
				// The limit's own rules (the hard cap, converted as the pre-analysis and
				// the order check convert it; a closed customer) are the approver's to
				// hear now: a refusal here records nothing, instead of a request
				// rejected after its last approval.
				this.customers.checkLimit(r.customerId(), limit, until);
			}
			RequestLifecycle.next(r.status(),
					(offer != null) ? RequestAction.COUNTER_OFFER : RequestAction.APPROVE_STEP, last);
			if (stepDone) {
				updated = updated.with(StepStatus.APPROVED, updated.dueAt(), now);
			}
			steps.set(step.index(), updated);
			if (stepDone && !last) {
				Step next = steps.get(step.index() + 1);
				Instant due = this.calendar.plus(now, r.routing().sla());
				steps.set(next.index(), next.started(now, due));
				d.openRole = next.role();
				d.openDueAt = due;
			}
			if (last) {
				d.openRole = null;
				d.openDueAt = null;
				Customer customer = customer(r.customerId(), "requestId");
				d.application = new Application(limit, until, nextReview(customer, r.snapshot()), actor.name(), now,
						false, justification);
			}
			d.steps = steps;
			d.updatedAt = now;
			CreditLimitRequest after = d.build();
			return new Transition(after, "CREDIT_LIMIT_REQUEST_STEP_APPROVED",
					new Changes().set("step", step.index() + 1)
						.set("outcome", decision.outcome())
						.set("limit", limit)
						.set("validUntil", until),
					justification, List.of(this.events.stepDecided(after, updated, decision)));
		});
		return decided;
	}

	/**
	 * Without verification data a first limit is not approved (when the policy says so).
	 */
	private void requireVerification(CreditLimitRequest r) {
		Customer customer = customer(r.customerId(), "requestId");
		boolean firstLimit = r.type() == RequestType.NEW_CUSTOMER
				|| customer.status() == CustomerStatus.PENDING_VERIFICATION;
		PreAnalysisPolicy policy = this.policies.forSegment(customer.segment()).thresholds();
		if (!firstLimit || !policy.verificationRequired()) {
			return;
		}
		AnalysisSnapshot.Verification.Source source = this.verifications.of(customer).source();
		if (source == AnalysisSnapshot.Verification.Source.NONE) {
			throw CreditDeskException.refuse(RequestErrorCode.VERIFICATION_REQUIRED, "requestId", customer.id());
		}
		if (policy.bureauReportRequired() && source != AnalysisSnapshot.Verification.Source.BUREAU_REPORT) {
			throw CreditDeskException.refuse(RequestErrorCode.VERIFICATION_REQUIRED.variant("bureauReport"),
					"requestId", customer.id());
		}
	}

	CreditLimitRequest reject(RejectCreditLimitRequestInput input) {
		Actor actor = Actor.current();
		Validation v = new Validation();
		String justification = v.freeText("justification", input.justification(), 2000);
		if (input.reasonCodes() == null || input.reasonCodes().isEmpty()) {
			v.reject(CommonErrorCode.REQUIRED.variant("reasonCodes"), "reasonCodes");
		}
		v.throwIfInvalid();
		return decideStep(input.requestId(), actor, (r, step) -> {
			RequestLifecycle.next(r.status(), RequestAction.REJECT, false);
			Instant now = this.clock.instant();
			Decision decision = new Decision(actor.name(), now, DecisionOutcome.REJECTED, justification,
					input.reasonCodes(), r.proposedLimit(), r.proposedValidUntil(), r.analysisRound());
			RequestDraft d = RequestDraft.of(r);
			List<Step> steps = new ArrayList<>();
			for (Step s : r.steps()) {
				if (s.index() == step.index()) {
					steps.add(s.plus(decision).with(StepStatus.REJECTED, s.dueAt(), now));
				}
				else if (s.status() == StepStatus.WAITING || s.status().isOpen()) {
					steps.add(s.with(StepStatus.CANCELLED, null, null));
				}
				else {
					steps.add(s);
				}
			}
			d.steps = steps;
			d.status = RequestStatus.REJECTED;
			d.rejectionReasons = List.copyOf(Set.copyOf(input.reasonCodes()));
			d.decisionNote = justification;
			d.decidedAt = now;
			d.updatedAt = now;
			d.openRole = null;
			d.openDueAt = null;
			d.withinSla = withinSla(steps);
			CreditLimitRequest after = d.build();
			return new Transition(after, "CREDIT_LIMIT_REQUEST_REJECTED",
					new Changes().set("step", step.index() + 1).set("reasonCodes", input.reasonCodes()), justification,
					List.of(this.events.stepDecided(after, steps.get(step.index()), decision),
							this.events.decided(after)));
		});
	}

	CreditLimitRequest returnToRequester(RequestActionInput input) {
		Actor actor = Actor.current();
		Validation v = new Validation();
		String justification = v.freeText("justification", input.justification(), 2000);
		v.throwIfInvalid();
		return decideStep(input.requestId(), actor, (r, step) -> {
			RequestLifecycle.next(r.status(), RequestAction.RETURN, false);
			// Only a person answers a returned request: one a system made is approved or
			// rejected instead.
			SegregationOfDuties.checkReturn(r.createdBy(), r.requesterIsPerson()).ifPresent((refusal) -> {
				throw refusal.toException("requestId");
			});
			Instant now = this.clock.instant();
			Decision decision = new Decision(actor.name(), now, DecisionOutcome.RETURNED, justification, List.of(),
					r.proposedLimit(), r.proposedValidUntil(), r.analysisRound());
			RequestDraft d = RequestDraft.of(r);
			List<Step> steps = new ArrayList<>(r.steps());
			// The clock pauses: no due time until the requester answers.
			steps.set(step.index(), step.plus(decision).with(step.status(), null, null));
			List<Pause> pauses = new ArrayList<>(r.pauses());
			pauses.add(new Pause(now, null));
			d.steps = steps;
			d.pauses = pauses;
			d.status = RequestStatus.RETURNED;
			d.openDueAt = null;
			d.updatedAt = now;
			CreditLimitRequest after = d.build();
			return new Transition(after, "CREDIT_LIMIT_REQUEST_RETURNED", new Changes().set("step", step.index() + 1),
					justification, List.of(this.events.stepDecided(after, steps.get(step.index()), decision)));
		});
	}

	CreditLimitRequest resubmit(RequestActionInput input) {
		return requesterAction(input, RequestAction.RESUBMIT, (r, justification) -> {
			Instant now = this.clock.instant();
			RequestDraft d = RequestDraft.of(r);
			List<Pause> pauses = new ArrayList<>(r.pauses());
			Pause open = pauses.remove(pauses.size() - 1);
			pauses.add(new Pause(open.from(), now));
			Step step = r.openStep();
			Instant due = this.calendar.dueAt(step.startedAt(), r.routing().sla(), pauses).orElseThrow();
			List<Step> steps = new ArrayList<>(r.steps());
			steps.set(step.index(), step.with(step.status(), due, null));
			d.steps = steps;
			d.pauses = pauses;
			d.status = RequestStatus.IN_APPROVAL;
			d.openDueAt = due;
			d.updatedAt = now;
			CreditLimitRequest after = d.build();
			return new Transition(after, "CREDIT_LIMIT_REQUEST_RESUBMITTED", new Changes().set("dueAt", due),
					justification, List.of(this.events.resumed(after, "RESUBMITTED")));
		});
	}

	CreditLimitRequest withdraw(RequestActionInput input) {
		return requesterAction(input, RequestAction.WITHDRAW, (r, justification) -> {
			Instant now = this.clock.instant();
			RequestDraft d = RequestDraft.of(r);
			d.steps = r.steps()
				.stream()
				.map((s) -> (s.status() == StepStatus.WAITING || s.status().isOpen())
						? s.with(StepStatus.CANCELLED, null, null) : s)
				.toList();
			d.status = RequestStatus.WITHDRAWN;
			d.decidedAt = now;
			d.decisionNote = justification;
			d.updatedAt = now;
			d.openRole = null;
			d.openDueAt = null;
			CreditLimitRequest after = d.build();
			return new Transition(after, "CREDIT_LIMIT_REQUEST_WITHDRAWN", new Changes().set("status", after.status()),
					justification, List.of(this.events.decided(after)));
		});
	}

	/**
	 * An action only the requester takes (resubmit, withdraw): a justification, the
	 * requester's own request, not being applied, and an action its status allows.
	 */
	private CreditLimitRequest requesterAction(RequestActionInput input, RequestAction action,
			BiFunction<CreditLimitRequest, String, Transition> transition) {
		Actor actor = Actor.current();
		Validation v = new Validation();
		String justification = v.freeText("justification", input.justification(), 2000);
		v.throwIfInvalid();
		return change(input.requestId(), (r) -> {
			new SegregationOfDuties(false, false).checkRequesterAction(r.createdBy(), actor.name()).ifPresent((x) -> {
				throw x.toException("requestId");
			});
			requireNotApplying(r);
			RequestLifecycle.next(r.status(), action, false);
			return transition.apply(r, justification);
		});
	}

	private static void requireNotApplying(CreditLimitRequest r) {
		if (r.application() != null) {
			throw CreditDeskException.refuse(RequestErrorCode.REQUEST_ALREADY_DECIDED.variant("applying"), "requestId");
		}
	}

	/** A step decision: the open step, checked against segregation of duties. */
	private interface StepDecision {

		Transition decide(CreditLimitRequest request, Step step);

	}

	private CreditLimitRequest decideStep(String requestId, Actor actor, StepDecision decision) {
		// Every step decision is one of the four eyes: a person's, never an API key's.
		FourEyes.requirePerson(actor, "requestId");
		Integer[] stepSeen = { null };
		return change(requestId, (r) -> {
			if (r.status().isFinal()) {
				RequestLifecycle.next(r.status(), RequestAction.APPROVE_STEP, false);
			}
			requireNotApplying(r);
			Step step = r.openStep();
			if (r.status() != RequestStatus.IN_APPROVAL || step == null) {
				throw Refusal.of(RequestErrorCode.INVALID_REQUEST_TRANSITION.variant("noOpenStep"), r.status().name())
					.toException("requestId");
			}
			if (stepSeen[0] != null && stepSeen[0] != step.index()) {
				// Another approver decided the step this one was deciding: exactly one
				// wins.
				throw CreditDeskException.refuse(RequestErrorCode.STEP_ALREADY_DECIDED, "requestId", stepSeen[0] + 1);
			}
			stepSeen[0] = step.index();
			List<SegregationOfDuties.Decided> decided = new ArrayList<>();
			for (Step s : r.steps()) {
				for (Decision d : s.decisions()) {
					if (d.outcome() != DecisionOutcome.RETURNED) {
						decided.add(new SegregationOfDuties.Decided(s.index(), d.by()));
					}
				}
			}
			StoredApprovalMatrix matrix = this.matrices.forSegment(r.segment());
			SegregationOfDuties sod = matrix.matrix().segregationOfDuties();
			sod.check(new SegregationOfDuties.Attempt(r.createdBy(), actor.name(), ApproverRole.of(actor.roles()),
					step.index(), new ApprovalStep(step.role(), step.requiredApprovers()),
					step.status() == StepStatus.ESCALATED, decided))
				.ifPresent((refusal) -> {
					throw refusal.toException("requestId");
				});
			return decision.decide(r, step);
		});
	}

	/** A change of a request: the new value, its audit record and its events. */
	record Transition(CreditLimitRequest after, String action, Changes changes, String reason,
			List<Outbox.Event> events) {
	}

	/**
	 * Reads the request, decides, writes if the version is unchanged; on a concurrent
	 * change decides again on the new state (the decision refuses what no longer holds);
	 * a null transition changes nothing.
	 */
	CreditLimitRequest change(String requestId, Function<CreditLimitRequest, Transition> decide) {
		for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
			CreditLimitRequest current = require(requestId);
			Transition t = decide.apply(current);
			if (t == null) {
				return current;
			}
			AuditRecord entry = this.audit.entry(t.action(), "CREDIT_LIMIT_REQUEST", current.id(), current.customerId(),
					t.reason(), t.changes());
			Optional<CreditLimitRequest> stored = this.store.update(current, t.after(), entry, t.events());
			if (stored.isPresent()) {
				// The requester and the sales owner hear of the decision from its
				// CreditLimitRequestDecided event (io.creditdesk.notification).
				return stored.get();
			}
		}
		throw CreditDeskException.refuse(CommonErrorCode.CONCURRENT_MODIFICATION.variant("request"), "requestId",
				requestId);
	}

	CreditLimitRequest require(String requestId) {
		if (requestId == null || requestId.isBlank()) {
			throw CreditDeskException.refuse(CommonErrorCode.REQUIRED, "requestId");
		}
		return this.store.find(requestId.trim())
			.orElseThrow(() -> CreditDeskException.refuse(RequestErrorCode.REQUEST_NOT_FOUND, "requestId",
					new MessageCatalogue.Quoted(requestId)));
	}

	// ---- re-analysis, escalation ----

	/**
	 * The customer's limit changed since the request was made: take new figures and
	 * analyse again instead of overwriting. Approvals so far are kept as previous steps;
	 * the request goes to the approvers of the new route (or is refused). Repeatable: a
	 * second completion of the same approval (the approver's own and the sweeper's)
	 * changes nothing once the approval is gone or the request was analysed again.
	 */
	CreditLimitRequest reanalyse(CreditLimitRequest request, String why) {
		return change(request.id(), (r) -> {
			if (r.application() == null || r.analysisRound() != request.analysisRound()) {
				// Another completion analysed it again (or decided it) meanwhile.
				return null;
			}
			if (r.status().isFinal()) {
				RequestLifecycle.next(r.status(), RequestAction.REANALYSE, false);
			}
			Instant now = this.clock.instant();
			Customer customer = customer(r.customerId(), "requestId");
			StoredApprovalMatrix matrix = this.matrices.forSegment(r.segment());
			RequestDraft d = RequestDraft.of(r);
			List<Step> previous = new ArrayList<>(r.previousSteps());
			previous.addAll(r.steps());
			d.previousSteps = previous;
			d.application = null;
			d.status = RequestStatus.SUBMITTED;
			d.analysisRound = r.analysisRound() + 1;
			d.proposedLimit = r.requestedLimit();
			d.proposedValidUntil = r.validUntil();
			d.pauses = List.of();
			d.updatedAt = now;
			analyse(d, customer,
					this.snapshots.take(customer, r.requestedLimit(), matrix.definition().currency(), today()), matrix,
					now, false);
			CreditLimitRequest after = d.build();
			List<Outbox.Event> published = after.status().isFinal() ? List.of(this.events.decided(after))
					: List.of(this.events.resumed(after, "REANALYSED"));
			return new Transition(after, "CREDIT_LIMIT_REQUEST_REANALYSED",
					new Changes().set("analysisRound", after.analysisRound())
						.set("status", after.status())
						.set("analysis", after.analysis().explanation().english()),
					why, published);
		});
	}

	/**
	 * Marks the open step of an overdue request escalated and notifies the next level.
	 * @return the request, or empty when it no longer was overdue
	 */
	Optional<CreditLimitRequest> escalate(CreditLimitRequest request) {
		Instant now = this.clock.instant();
		Step step = request.openStep();
		if (request.status() != RequestStatus.IN_APPROVAL || step == null || step.status() != StepStatus.PENDING
				|| step.dueAt() == null || !step.dueAt().isBefore(now)) {
			return Optional.empty();
		}
		ApproverRole notified = (step.role().nextUp() != null) ? step.role().nextUp() : step.role();
		// The CFO's own step has no level above: the CFO is told again, and takes it as
		// before.
		boolean nextLevelMayAct = step.role().nextUp() != null
				&& this.matrices.forSegment(request.segment()).definition().escalatedStepToNextLevel();
		RequestDraft d = RequestDraft.of(request);
		List<Step> steps = new ArrayList<>(request.steps());
		steps.set(step.index(), step.escalated(now));
		d.steps = steps;
		d.updatedAt = now;
		CreditLimitRequest after = d.build();
		AuditRecord entry = this.audit.entry("CREDIT_LIMIT_REQUEST_ESCALATED", "CREDIT_LIMIT_REQUEST", request.id(),
				request.customerId(), "Step " + (step.index() + 1) + " was due at " + step.dueAt(),
				new Changes().set("step", step.index() + 1)
					.set("notifiedRole", notified)
					.set("nextLevelMayAct", nextLevelMayAct));
		// The next level hears of it from the CreditLimitRequestEscalated event
		// (io.creditdesk.notification), written with the change.
		return this.store.update(request, after, entry,
				List.of(this.events.escalated(after, step, notified, nextLevelMayAct)));
	}

	static Boolean withinSla(List<Step> steps) {
		for (Step step : steps) {
			if (step.decidedAt() != null && step.dueAt() != null && step.decidedAt().isAfter(step.dueAt())) {
				return false;
			}
			if (step.escalatedAt() != null) {
				return false;
			}
		}
		return true;
	}

	LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

	/**
	 * The end date a request the system makes of the customer's current limit carries:
	 * the limit's own while it is still ahead, so approving the request keeps a temporary
	 * limit temporary (as the review job and the limits the dynamic limit policy applies
	 * itself do); null for a permanent or already expired limit, or none.
	 */
	LocalDate currentValidUntil(Customer customer) {
		LocalDate validUntil = (customer.creditLimit() != null) ? customer.creditLimit().validUntil() : null;
		return (validUntil != null && validUntil.isAfter(today())) ? validUntil : null;
	}

	/** The grade used to route and schedule: the current score's, when there is one. */
	RiskGrade grade(String customerId) {
		return this.snapshots.score(customerId).map((s) -> s.grade()).orElse(null);
	}

}
