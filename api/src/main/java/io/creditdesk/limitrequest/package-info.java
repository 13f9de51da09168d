/**
 * Credit limit requests and reviews: the rules a limit change goes through before it
 * applies. A request is pre-analysed ({@link io.creditdesk.limitrequest.PreAnalysis}: a
 * checklist that refuses, approves straight through or routes), routed by amount and risk
 * grade ({@link io.creditdesk.limitrequest.ApprovalMatrix}), decided step by step under
 * segregation of duties ({@link io.creditdesk.limitrequest.SegregationOfDuties}) within
 * SLAs counted in business time ({@link io.creditdesk.limitrequest.BusinessCalendar}),
 * and moves through the statuses of {@link io.creditdesk.limitrequest.RequestLifecycle};
 * {@link io.creditdesk.limitrequest.ReviewSchedule} says when limits are reviewed or
 * renewed. These rules are plain Java, free of Spring and of any store, each with a table
 * test.
 */
package io.creditdesk.limitrequest;
