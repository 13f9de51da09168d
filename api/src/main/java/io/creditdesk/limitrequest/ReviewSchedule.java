package io.creditdesk.limitrequest;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import io.creditdesk.scoring.model.RiskGrade;

/**
 * When limits are looked at again: the next periodic review from the customer's risk
 * grade (the riskier, the sooner), before scores exist from its segment, else a default
 * interval; and a renewal ahead of a limit's valid-until date, early enough to decide
 * before the limit expires.
 *
 * @param monthsByGrade review interval per grade; every grade must have one
 * @param monthsBySegment review interval per segment code, used while the customer has no
 * grade
 * @param defaultMonths review interval of a customer with neither a grade nor a listed
 * segment
 * @param renewalLeadDays how many days before a limit's valid-until its renewal is opened
 */
public record ReviewSchedule(Map<RiskGrade, Integer> monthsByGrade, Map<String, Integer> monthsBySegment,
		int defaultMonths, int renewalLeadDays) {

	/** The longest review interval, in months. */
	static final int MAX_MONTHS = 60;

	/** The longest renewal lead, in days. */
	static final int MAX_LEAD_DAYS = 365;

	/**
	 * A/B every 12 months, C 6, D 3, E 1; 12 before scores exist; renewals 30 days ahead.
	 */
	public static final ReviewSchedule DEFAULT = new ReviewSchedule(
			Map.of(RiskGrade.A, 12, RiskGrade.B, 12, RiskGrade.C, 6, RiskGrade.D, 3, RiskGrade.E, 1), Map.of(), 12, 30);

	public ReviewSchedule {
		Map<RiskGrade, Integer> byGrade = new EnumMap<>(RiskGrade.class);
		byGrade.putAll(monthsByGrade);
		for (RiskGrade grade : RiskGrade.values()) {
			requireMonths("grade " + grade, byGrade.get(grade));
		}
		monthsByGrade = Map.copyOf(byGrade);
		monthsBySegment = (monthsBySegment != null) ? Map.copyOf(monthsBySegment) : Map.of();
		monthsBySegment.forEach((segment, months) -> requireMonths("segment " + segment, months));
		requireMonths("the default", defaultMonths);
		if (renewalLeadDays < 0 || renewalLeadDays > MAX_LEAD_DAYS) {
			throw new IllegalArgumentException(
					"The renewal lead is 0 to " + MAX_LEAD_DAYS + " days, got " + renewalLeadDays);
		}
	}

	private static void requireMonths(String of, Integer months) {
		if (months == null || months < 1 || months > MAX_MONTHS) {
			throw new IllegalArgumentException(
					"The review interval of " + of + " is 1 to " + MAX_MONTHS + " months, got " + months);
		}
	}

	/** The review interval of a customer, in months. */
	public int intervalMonths(RiskGrade grade, String segment) {
		if (grade != null) {
			return this.monthsByGrade.get(grade);
		}
		if (segment != null && this.monthsBySegment.containsKey(segment)) {
			return this.monthsBySegment.get(segment);
		}
		return this.defaultMonths;
	}

	/**
	 * The next review date after a limit was decided (or confirmed by a review).
	 * @param decidedOn the date of the decision
	 * @param grade the customer's grade, or null before scores exist
	 * @param segment the customer's segment code, or null
	 */
	public LocalDate nextReview(LocalDate decidedOn, RiskGrade grade, String segment) {
		return decidedOn.plusMonths(intervalMonths(grade, segment));
	}

	/** The day a renewal of a limit valid until {@code validUntil} opens. */
	public LocalDate renewalOpensOn(LocalDate validUntil) {
		return validUntil.minusDays(this.renewalLeadDays);
	}

	/**
	 * The valid-until a renewal proposes: another term as long as the expiring one, from
	 * its end (from today when it has passed already, so a renewed limit is never born
	 * expired). When the term's start is unknown, the customer's review interval is the
	 * term.
	 * @param today the job's date
	 * @param validUntil the expiring limit's valid-until
	 * @param grantedOn the day the expiring limit was approved, or null when unknown
	 * @param grade the customer's grade, or null before scores exist
	 * @param segment the customer's segment code, or null
	 */
	public LocalDate renewedUntil(LocalDate today, LocalDate validUntil, LocalDate grantedOn, RiskGrade grade,
			String segment) {
		LocalDate from = validUntil.isBefore(today) ? today : validUntil;
		if (grantedOn != null && grantedOn.isBefore(validUntil)) {
			return from.plusDays(ChronoUnit.DAYS.between(grantedOn, validUntil));
		}
		return from.plusMonths(intervalMonths(grade, segment));
	}

	/**
	 * The first day a request of this type counts as answering what is due: a review
	 * opened on or after the review date, a renewal opened on or after the day renewals
	 * open. The job opens one request per due date, whatever its outcome: a rejected
	 * review or renewal is not opened again every morning.
	 */
	public LocalDate dueSince(RequestType type, LocalDate nextReview, LocalDate validUntil) {
		return (type == RequestType.RENEWAL) ? renewalOpensOn(validUntil) : nextReview;
	}

	/**
	 * Which request the daily review job opens for a customer today, if any. A renewal
	 * comes first: it reviews the customer as well.
	 * @param today the job's date
	 * @param nextReview the customer's next review date, or null when none is set
	 * @param validUntil the limit's valid-until date, or null when it does not expire
	 */
	public Optional<RequestType> due(LocalDate today, LocalDate nextReview, LocalDate validUntil) {
		if (validUntil != null && !today.isBefore(renewalOpensOn(validUntil))) {
			return Optional.of(RequestType.RENEWAL);
		}
		if (nextReview != null && !today.isBefore(nextReview)) {
			return Optional.of(RequestType.REVIEW);
		}
		return Optional.empty();
	}

}
