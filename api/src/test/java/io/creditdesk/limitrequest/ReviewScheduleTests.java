package io.creditdesk.limitrequest;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import io.creditdesk.scoring.model.RiskGrade;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ReviewScheduleTests {

	private final ReviewSchedule schedule = new ReviewSchedule(ReviewSchedule.DEFAULT.monthsByGrade(),
			Map.of("SMB", 6, "ENTERPRISE", 24), 12, 30);

	/**
	 * The next review after a decision on 2026-01-31: by grade; before scores exist, by
	 * segment.
	 */
	@ParameterizedTest(name = "grade {0}, segment {1} -> {2}")
	@CsvSource(nullValues = "-", textBlock = """
			A, SMB,        2027-01-31
			B, -,          2027-01-31
			C, ENTERPRISE, 2026-07-31
			D, -,          2026-04-30
			E, -,          2026-02-28
			-, SMB,        2026-07-31
			-, ENTERPRISE, 2028-01-31
			-, MID_MARKET, 2027-01-31
			-, -,          2027-01-31
			""")
	void theNextReviewComesFromTheGradeOrElseTheSegment(RiskGrade grade, String segment, LocalDate next) {
		assertThat(this.schedule.nextReview(LocalDate.of(2026, 1, 31), grade, segment)).isEqualTo(next);
	}

	/**
	 * Which request the daily job opens: renewals 30 days before valid-until, reviews on
	 * their date.
	 */
	@ParameterizedTest(name = "{0}: next review {1}, valid until {2} -> {3}")
	@CsvSource(nullValues = "-", textBlock = """
			2026-06-01, 2026-06-02, -,          -
			2026-06-02, 2026-06-02, -,          REVIEW
			2026-09-01, 2026-06-02, -,          REVIEW
			2026-06-01, -,          2026-07-02, -
			2026-06-02, -,          2026-07-02, RENEWAL
			2026-07-03, -,          2026-07-02, RENEWAL
			2026-06-02, 2026-06-02, 2026-07-02, RENEWAL
			2026-06-02, 2027-01-01, 2026-12-31, -
			-,          -,          -,          -
			""")
	void reviewsAndRenewalsFallDue(LocalDate today, LocalDate nextReview, LocalDate validUntil, RequestType due) {
		LocalDate day = (today != null) ? today : LocalDate.of(2026, 6, 2);
		assertThat(this.schedule.due(day, nextReview, validUntil)).isEqualTo(Optional.ofNullable(due));
	}

	/**
	 * What a renewal proposes: another term as long as the expiring one, from its end or
	 * from today when it has passed; the review interval when the term's start is
	 * unknown.
	 */
	@ParameterizedTest(name = "{0}: valid until {1}, granted {2}, grade {3}, segment {4} -> {5}")
	@CsvSource(nullValues = "-", textBlock = """
			2026-06-02, 2026-07-02, 2026-04-02, -, -,          2026-10-01
			2026-08-01, 2026-07-02, 2026-04-02, -, -,          2026-10-31
			2026-06-02, 2026-07-02, -,          -, SMB,        2027-01-02
			2026-06-02, 2026-07-02, -,          D, SMB,        2026-10-02
			2026-06-02, 2026-07-02, 2026-07-02, -, ENTERPRISE, 2028-07-02
			2026-06-02, 2026-07-02, 2025-07-02, E, -,          2027-07-02
			""")
	void aRenewalProposesAnotherTermAsLongAsTheExpiringOne(LocalDate today, LocalDate validUntil, LocalDate grantedOn,
			RiskGrade grade, String segment, LocalDate renewedUntil) {
		assertThat(this.schedule.renewedUntil(today, validUntil, grantedOn, grade, segment)).isEqualTo(renewedUntil);
	}

	@Test
	void aReviewOrRenewalIsDueSinceItsDateOrTheDayRenewalsOpen() {
		LocalDate review = LocalDate.of(2026, 5, 15);
		LocalDate validUntil = LocalDate.of(2026, 7, 2);
		assertThat(this.schedule.dueSince(RequestType.REVIEW, review, validUntil)).isEqualTo(review);
		assertThat(this.schedule.dueSince(RequestType.RENEWAL, review, validUntil)).isEqualTo(LocalDate.of(2026, 6, 2));
	}

	@Test
	void theDefaultIsTwelveSixThreeOneMonthsAndThirtyDaysLead() {
		assertThat(ReviewSchedule.DEFAULT.monthsByGrade()).containsExactlyInAnyOrderEntriesOf(
				Map.of(RiskGrade.A, 12, RiskGrade.B, 12, RiskGrade.C, 6, RiskGrade.D, 3, RiskGrade.E, 1));
		assertThat(ReviewSchedule.DEFAULT.renewalOpensOn(LocalDate.of(2026, 12, 31)))
			.isEqualTo(LocalDate.of(2026, 12, 1));
		assertThat(ReviewSchedule.DEFAULT.intervalMonths(null, "SMB")).isEqualTo(12);
	}

	@Test
	void aScheduleMissingAGradeOrOutOfRangeIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ReviewSchedule(Map.of(RiskGrade.A, 12), Map.of(), 12, 30))
			.withMessageContaining("grade B");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ReviewSchedule(ReviewSchedule.DEFAULT.monthsByGrade(), Map.of("SMB", 0), 12, 30))
			.withMessageContaining("segment SMB");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ReviewSchedule(ReviewSchedule.DEFAULT.monthsByGrade(), Map.of(), 12, -1));
	}

}
