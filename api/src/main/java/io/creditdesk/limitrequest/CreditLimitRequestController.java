package io.creditdesk.limitrequest;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.creditdesk.bureau.BureauReport;
import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.Connection;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.Money;
import io.creditdesk.common.UserError;
import io.creditdesk.common.Validation;
import io.creditdesk.customer.Customer;
import io.creditdesk.customer.CustomerService;
import io.creditdesk.fx.FxRateService;
import io.creditdesk.graphql.Payloads;
import io.creditdesk.limitrequest.RequestInputs.ApprovalRouteInput;
import io.creditdesk.limitrequest.RequestInputs.ApproveCreditLimitRequestInput;
import io.creditdesk.limitrequest.RequestInputs.CreditLimitRequestFilter;
import io.creditdesk.limitrequest.RequestInputs.FetchBureauReportInput;
import io.creditdesk.limitrequest.RequestInputs.RecordVerificationInput;
import io.creditdesk.limitrequest.RequestInputs.RejectCreditLimitRequestInput;
import io.creditdesk.limitrequest.RequestInputs.RequestActionInput;
import io.creditdesk.limitrequest.RequestInputs.RequestCreditLimitInput;
import io.creditdesk.limitrequest.RequestInputs.UpsertApprovalMatrixInput;
import io.creditdesk.limitrequest.RequestInputs.UpsertPreAnalysisPolicyInput;
import io.creditdesk.scoring.model.RiskGrade;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/**
 * The GraphQL operations of credit limit requests, approval matrices and verification.
 */
@Controller
class CreditLimitRequestController {

	private final CreditLimitRequestService requests;

	private final LimitApplication application;

	private final RequestStore store;

	private final ApprovalMatrices matrices;

	private final PreAnalysisPolicies policies;

	private final Verifications verifications;

	private final CustomerService customers;

	private final FxRateService fx;

	private final Clock clock;

	CreditLimitRequestController(CreditLimitRequestService requests, LimitApplication application, RequestStore store,
			ApprovalMatrices matrices, PreAnalysisPolicies policies, Verifications verifications,
			CustomerService customers, FxRateService fx, Clock clock) {
		this.policies = policies;
		this.requests = requests;
		this.application = application;
		this.store = store;
		this.matrices = matrices;
		this.verifications = verifications;
		this.customers = customers;
		this.fx = fx;
		this.clock = clock;
	}

	// ---- requests ----

	@MutationMapping
	@PreAuthorize(RequestRoles.REQUEST)
	RequestPayload requestCreditLimit(@Argument RequestCreditLimitInput input) {
		return Payloads.run(() -> this.application.completeIfPending(this.requests.request(input)),
				RequestPayload::new);
	}

	@MutationMapping
	@PreAuthorize(RequestRoles.DECIDE)
	RequestPayload approveCreditLimitRequest(@Argument ApproveCreditLimitRequestInput input) {
		return Payloads.run(() -> this.application.completeApproved(this.requests.approve(input)), RequestPayload::new);
	}

	@MutationMapping
	@PreAuthorize(RequestRoles.DECIDE)
	RequestPayload rejectCreditLimitRequest(@Argument RejectCreditLimitRequestInput input) {
		return Payloads.run(() -> this.requests.reject(input), RequestPayload::new);
	}

	@MutationMapping
	@PreAuthorize(RequestRoles.DECIDE)
	RequestPayload returnCreditLimitRequest(@Argument RequestActionInput input) {
		return Payloads.run(() -> this.requests.returnToRequester(input), RequestPayload::new);
	}

	@MutationMapping
	@PreAuthorize(RequestRoles.REQUEST)
	RequestPayload resubmitCreditLimitRequest(@Argument RequestActionInput input) {
		return Payloads.run(() -> this.requests.resubmit(input), RequestPayload::new);
	}

	@MutationMapping
	@PreAuthorize(RequestRoles.REQUEST)
	RequestPayload withdrawCreditLimitRequest(@Argument RequestActionInput input) {
		return Payloads.run(() -> this.requests.withdraw(input), RequestPayload::new);
	}

	@QueryMapping
	@PreAuthorize(RequestRoles.REQUEST)
	CreditLimitRequest creditLimitRequest(@Argument String id) {
		return this.requests.find(id).orElse(null);
	}

	@QueryMapping
	@PreAuthorize(RequestRoles.REQUEST)
	Connection<CreditLimitRequest> creditLimitRequests(@Argument CreditLimitRequestFilter filter,
			@Argument Integer first, @Argument String after) {
		List<Criteria> all = new ArrayList<>();
		if (filter != null) {
			if (filter.status() != null) {
				all.add(Criteria.where("status").is(filter.status().name()));
			}
			if (filter.customerId() != null) {
				all.add(Criteria.where("customerId").is(filter.customerId().trim()));
			}
			if (filter.assignedRole() != null && !filter.assignedRole().isEmpty()) {
				all.add(Criteria.where("openRole").in(filter.assignedRole().stream().map(Enum::name).toList()));
			}
			if (Boolean.TRUE.equals(filter.overdue())) {
				all.add(Criteria.where("openDueAt").lt(this.clock.instant()));
			}
		}
		String cursor = Connection.decode(after);
		int offset = 0;
		if (cursor != null) {
			try {
				offset = Integer.parseInt(cursor);
			}
			catch (NumberFormatException ex) {
				throw CreditDeskException.refuse(CommonErrorCode.INVALID_CURSOR.variant("otherList"), "after");
			}
		}
		Criteria criteria = all.isEmpty() ? new Criteria() : new Criteria().andOperator(all);
		return this.store.page(criteria, Connection.pageSize(first), offset);
	}

	/** The check's sentence in the reader's language ({@code check.<CODE>.<variant>}). */
	@SchemaMapping(typeName = "PreAnalysisCheck", field = "detail")
	String detail(CheckResult check, Locale locale) {
		return check.detail().render(locale);
	}

	/** The verdict's sentence in the reader's language ({@code verdict.<VERDICT>...}). */
	@SchemaMapping(typeName = "PreAnalysis", field = "explanation")
	String explanation(Analysis analysis, Locale locale) {
		return analysis.explanation().render(locale);
	}

	@SchemaMapping(typeName = "CreditLimitRequest", field = "customer")
	Customer customer(CreditLimitRequest request) {
		return this.customers.get(request.customerId()).orElse(null);
	}

	@SchemaMapping(typeName = "CreditLimitRequest", field = "currentLimit")
	Money currentLimit(CreditLimitRequest request) {
		return (request.snapshot() != null) ? request.snapshot().currentLimit() : null;
	}

	@SchemaMapping(typeName = "CreditLimitRequest", field = "earlierRequests")
	List<CreditLimitRequest> earlierRequests(CreditLimitRequest request) {
		return request.earlierRequestIds().stream().map(this.store::find).flatMap(Optional::stream).toList();
	}

	@SchemaMapping(typeName = "Customer", field = "creditLimitRequests")
	@PreAuthorize(RequestRoles.REQUEST)
	List<CreditLimitRequest> customerRequests(Customer customer) {
		List<CreditLimitRequest> all = new ArrayList<>(this.store.forCustomer(customer.id()));
		Collections.reverse(all);
		return all;
	}

	@SchemaMapping(typeName = "Customer", field = "creditLimitDecisions")
	@PreAuthorize(RequestRoles.REQUEST)
	List<CreditLimitDecision> customerDecisions(Customer customer) {
		return CreditLimitDecision.of(this.store.forCustomer(customer.id()));
	}

	@SchemaMapping(typeName = "Customer", field = "bureauReport")
	@PreAuthorize(RequestRoles.VERIFY)
	BureauReport bureauReport(Customer customer) {
		return this.verifications.find(customer.id()).map(CustomerVerification::bureauReport).orElse(null);
	}

	@SchemaMapping(typeName = "Customer", field = "verification")
	@PreAuthorize(RequestRoles.VERIFY)
	CustomerVerification verification(Customer customer) {
		return this.verifications.find(customer.id()).orElse(null);
	}

	// ---- verification ----

	@MutationMapping
	@PreAuthorize(RequestRoles.VERIFY)
	VerificationPayload recordVerification(@Argument RecordVerificationInput input) {
		return Payloads
			.run(() -> this.verifications.recordManual(this.requests.customer(input.customerId(), "customerId"),
					input.evidence(), input.reference()), VerificationPayload::new);
	}

	@MutationMapping
	@PreAuthorize(RequestRoles.VERIFY)
	VerificationPayload fetchBureauReport(@Argument FetchBureauReportInput input) {
		return Payloads
			.run(() -> this.verifications.fetchReport(this.requests.customer(input.customerId(), "customerId"),
					Boolean.TRUE.equals(input.forceRefresh())), VerificationPayload::new);
	}

	// ---- approval matrices ----

	@QueryMapping
	@PreAuthorize(RequestRoles.READ_POLICY)
	StoredApprovalMatrix approvalMatrix(@Argument String segment) {
		return this.matrices.get(segment);
	}

	@QueryMapping
	@PreAuthorize(RequestRoles.READ_POLICY)
	List<StoredApprovalMatrix> approvalMatrices() {
		List<StoredApprovalMatrix> all = new ArrayList<>(this.matrices.all());
		if (all.stream().noneMatch((m) -> m.segment() == null)) {
			all.add(0, ApprovalMatrices.shipped());
		}
		return all;
	}

	@MutationMapping
	@PreAuthorize(RequestRoles.CHANGE_MATRIX)
	ApprovalMatrixPayload upsertApprovalMatrix(@Argument UpsertApprovalMatrixInput input) {
		return Payloads.run(() -> this.matrices.upsert(input.segment(),
				new ApprovalMatrix.Definition(input.currency(), input.bands(),
						Boolean.TRUE.equals(input.higherRoleMayAct()),
						Boolean.TRUE.equals(input.escalatedStepToNextLevel())),
				input.reason(), input.expectedVersion()), ApprovalMatrixPayload::new);
	}

	// ---- pre-analysis policies ----

	@QueryMapping
	@PreAuthorize(RequestRoles.READ_POLICY)
	StoredPreAnalysisPolicy preAnalysisPolicy(@Argument String segment) {
		return this.policies.get(segment);
	}

	@QueryMapping
	@PreAuthorize(RequestRoles.READ_POLICY)
	List<StoredPreAnalysisPolicy> preAnalysisPolicies() {
		List<StoredPreAnalysisPolicy> all = new ArrayList<>(this.policies.all());
		if (all.stream().noneMatch((p) -> p.segment() == null)) {
			all.add(0, PreAnalysisPolicies.shipped());
		}
		return all;
	}

	@MutationMapping
	@PreAuthorize(RequestRoles.CHANGE_MATRIX)
	PreAnalysisPolicyPayload upsertPreAnalysisPolicy(@Argument UpsertPreAnalysisPolicyInput input) {
		return Payloads.run(() -> {
			Validation v = new Validation();
			Money straightThroughMax = (input.straightThroughMax() != null)
					? input.straightThroughMax().validate(v, "straightThroughMax") : null;
			Money maxOverdue = (input.maxOverdue() != null) ? input.maxOverdue().validate(v, "maxOverdue") : null;
			v.throwIfInvalid();
			return this.policies.upsert(input.segment(),
					new PreAnalysisPolicy.Definition(straightThroughMax, input.straightThroughGrades(), maxOverdue,
							input.maxOverdueDays(), input.warnLimitToRevenue(), input.maxLimitToRevenue(),
							input.warnAverageDaysBeyondTerms(), input.maxAverageDaysBeyondTerms(),
							input.warnOnTimeRate(), input.minOnTimeRate(), input.verificationRequired(),
							input.warnFromGrade(), input.failFromGrade(), input.blockingChecks(),
							input.bureauReportMaxAgeMonths(), input.bureauReportRequired()),
					input.reason(), input.expectedVersion());
		}, PreAnalysisPolicyPayload::new);
	}

	/**
	 * Who would have to approve: the route of a request for this amount, without making
	 * it. The segment and grade come from the customer when one is named.
	 */
	@QueryMapping
	@PreAuthorize(RequestRoles.REQUEST)
	RouteSimulation approvalRoute(@Argument ApprovalRouteInput input) {
		Validation v = new Validation();
		Money requested = (input.requestedLimit() != null) ? input.requestedLimit().validate(v, "requestedLimit")
				: null;
		if (input.requestedLimit() == null) {
			v.reject(CommonErrorCode.REQUIRED, "requestedLimit");
		}
		RiskGrade grade = PreAnalysisPolicy.grade(v, "grade", input.grade());
		v.throwIfInvalid();
		String segment = ApprovalMatrices.normalize(input.segment());
		if (input.customerId() != null) {
			Customer customer = this.requests.customer(input.customerId(), "customerId");
			segment = customer.segment();
			if (grade == null) {
				grade = this.requests.grade(customer.id());
			}
		}
		StoredApprovalMatrix stored = this.matrices.forSegment(segment);
		Money converted = this.fx
			.convertStored(requested, stored.definition().currency(),
					LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC), "requestedLimit.currency")
			.converted();
		ApprovalRoute route = stored.matrix().route(converted, grade);
		return new RouteSimulation(stored.id(), stored.version(), converted, grade, route.band(), route.bandUpTo(),
				route.gradeRoute(), route.steps(), route.sla());
	}

	/** The longest period {@code creditLimitRequestTurnaround} reports on (ten years). */
	static final int MAX_TURNAROUND_DAYS = 3_660;

	@QueryMapping
	@PreAuthorize(RequestRoles.READ_POLICY)
	List<Turnaround> creditLimitRequestTurnaround(@Argument String segment, @Argument LocalDate from,
			@Argument LocalDate to) {
		LocalDate end = (to != null) ? to : LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		LocalDate start = (from != null) ? from : end.minusDays(90);
		if (start.isAfter(end) || start.plusDays(MAX_TURNAROUND_DAYS).isBefore(end)) {
			// A reversed range would read as "nothing decided": refused, as too long a
			// one.
			new Validation()
				.reject(RequestErrorCode.OUT_OF_RANGE.variant("period"), "from", start, end, MAX_TURNAROUND_DAYS)
				.throwIfInvalid();
		}
		return Turnaround.of(this.store.decided(start.atStartOfDay().toInstant(ZoneOffset.UTC),
				end.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), ApprovalMatrices.normalize(segment), 10_000));
	}

	/** The payload of the request mutations. */
	record RequestPayload(CreditLimitRequest request, List<UserError> userErrors) {
	}

	record VerificationPayload(CustomerVerification verification, List<UserError> userErrors) {
	}

	record PreAnalysisPolicyPayload(StoredPreAnalysisPolicy policy, List<UserError> userErrors) {
	}

	record ApprovalMatrixPayload(StoredApprovalMatrix matrix, List<UserError> userErrors) {
	}

	/** The answer of {@code approvalRoute}. */
	record RouteSimulation(String matrixId, long matrixVersion, Money requestedInMatrixCurrency, RiskGrade grade,
			int band, BigDecimal bandUpTo, RiskGrade gradeRoute, List<ApprovalStep> steps, BusinessDuration sla) {
	}

}
