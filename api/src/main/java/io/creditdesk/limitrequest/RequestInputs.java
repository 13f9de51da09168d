package io.creditdesk.limitrequest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import io.creditdesk.common.MoneyInput;

/** The inputs of the request operations, as GraphQL sends them. */
final class RequestInputs {

	private RequestInputs() {
	}

	record RequestCreditLimitInput(String customerId, MoneyInput requestedLimit, RequestType type, String justification,
			LocalDate validUntil, MoneyInput annualRevenue, Integer yearsInBusiness, List<String> references) {
	}

	record CounterOfferInput(MoneyInput limit, LocalDate validUntil) {
	}

	record ApproveCreditLimitRequestInput(String requestId, String justification, CounterOfferInput counterOffer) {
	}

	record RejectCreditLimitRequestInput(String requestId, List<ReasonCode> reasonCodes, String justification) {
	}

	/** Return, resubmit and withdraw: the request and why. */
	record RequestActionInput(String requestId, String justification) {
	}

	record RecordVerificationInput(String customerId, String evidence, String reference) {
	}

	record FetchBureauReportInput(String customerId, Boolean forceRefresh) {
	}

	record CreditLimitRequestFilter(RequestStatus status, String customerId, List<ApproverRole> assignedRole,
			Boolean overdue) {
	}

	record ApprovalRouteInput(String customerId, String segment, MoneyInput requestedLimit, String grade) {
	}

	record UpsertPreAnalysisPolicyInput(String segment, MoneyInput straightThroughMax,
			List<String> straightThroughGrades, MoneyInput maxOverdue, Integer maxOverdueDays,
			BigDecimal warnLimitToRevenue, BigDecimal maxLimitToRevenue, BigDecimal warnAverageDaysBeyondTerms,
			BigDecimal maxAverageDaysBeyondTerms, BigDecimal warnOnTimeRate, BigDecimal minOnTimeRate,
			Boolean verificationRequired, String warnFromGrade, String failFromGrade, List<CheckCode> blockingChecks,
			Integer bureauReportMaxAgeMonths, Boolean bureauReportRequired, String reason, Integer expectedVersion) {
	}

	record UpsertApprovalMatrixInput(String segment, String currency, List<ApprovalMatrix.BandDefinition> bands,
			Boolean higherRoleMayAct, Boolean escalatedStepToNextLevel, String reason, Integer expectedVersion) {
	}

}
