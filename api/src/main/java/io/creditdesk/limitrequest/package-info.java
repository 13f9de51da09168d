/**
 * Credit limit requests and reviews: a limit change is requested, analysed, routed by
 * amount and risk, decided step by step within SLAs, and applied on the record.
 * <p>
 * The rules are plain Java, free of Spring and of any store, each with a table test:
 * {@link io.creditdesk.limitrequest.PreAnalysis} (a checklist that refuses, approves
 * straight through or routes), {@link io.creditdesk.limitrequest.ApprovalMatrix} (bands
 * times grades to approval steps),
 * {@link io.creditdesk.limitrequest.SegregationOfDuties},
 * {@link io.creditdesk.limitrequest.BusinessCalendar} (SLAs in business time),
 * {@link io.creditdesk.limitrequest.RequestLifecycle} and
 * {@link io.creditdesk.limitrequest.ReviewSchedule}.
 * <p>
 * The service side: one MongoDB document per request
 * ({@link io.creditdesk.limitrequest.CreditLimitRequest}), every change one conditional
 * update guarded by its version with its audit record and credit events in the same write
 * ({@code RequestStore}), and at most one open request per customer whatever its origin
 * (a claim document per customer, inserted atomically before a request is opened and
 * released when it is decided; {@code REQUEST_ALREADY_OPEN}); the use cases in
 * {@code CreditLimitRequestService}; the approved limit reaches the customer's document
 * through {@code LimitApplication} (intent recorded in the request first, applied
 * idempotently, completed by a sweeper after a crash), after the last approver has been
 * refused what the limit's own rules refuse ({@code CustomerService.checkLimit}: the hard
 * cap converted at today's rate as the pre-analysis converts it), and a refusal between
 * the last approval and the application takes the approval back so the last approver
 * hears it and the step waits again; approval matrices and pre-analysis policies per
 * segment with fallback to global and the shipped default, versioned and audited
 * ({@code ApprovalMatrices}, {@code PreAnalysisPolicies}, written and read through
 * {@link io.creditdesk.audit.VersionedDocuments}); verification data and bureau reports
 * ({@code Verifications}); the leased jobs that escalate overdue steps, sweep half-done
 * approvals and open periodic reviews and renewals ({@code RequestJobs}); a customer's
 * decision record read from its requests
 * ({@link io.creditdesk.limitrequest.CreditLimitDecision}). Scores are read only through
 * {@link io.creditdesk.risk.CustomerScores}, optional: without one the snapshot says "no
 * score".
 */
package io.creditdesk.limitrequest;
