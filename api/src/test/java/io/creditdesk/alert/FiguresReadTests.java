package io.creditdesk.alert;

import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which exposure snapshots an evaluation already saw: those stamped more than the clock
 * margin before the latest evaluation of the same customer began.
 */
class FiguresReadTests {

	private static final Instant T = Instant.parse("2026-12-05T10:00:00Z");

	/**
	 * When c-1 was evaluated, when a snapshot of c-1 was stamped, and whether that
	 * evaluation saw it: never evaluated here; long before the evaluation began; just
	 * beyond the margin; at the margin (snapshots and clocks); within it; at the same
	 * moment; after the evaluation began; a snapshot without its time.
	 */
	static Stream<Arguments> cases() {
		return Stream.of(Arguments.of(null, T.minusSeconds(60), false), Arguments.of(T, T.minusSeconds(30), true),
				Arguments.of(T, T.minusMillis(6001), true), Arguments.of(T, T.minusMillis(6000), false),
				Arguments.of(T, T.minusMillis(200), false), Arguments.of(T, T, false),
				Arguments.of(T, T.plusSeconds(3), false), Arguments.of(T, null, false));
	}

	@ParameterizedTest
	@MethodSource("cases")
	void coversWhatAnEvaluationBegunAfterItSaw(Instant evaluatedAt, Instant stamped, boolean covered) {
		FiguresRead read = new FiguresRead();
		if (evaluatedAt != null) {
			read.evaluated("c-1", evaluatedAt);
		}
		assertThat(read.covers("c-1", stamped)).isEqualTo(covered);
		assertThat(read.covers("c-2", stamped)).isFalse();
		assertThat(read.covers(null, stamped)).isFalse();
	}

	@ParameterizedTest
	@MethodSource("cases")
	void anEarlierEvaluationFinishingLastDoesNotMoveTheTimeBack(Instant evaluatedAt, Instant stamped, boolean covered) {
		FiguresRead read = new FiguresRead();
		if (evaluatedAt != null) {
			read.evaluated("c-1", evaluatedAt);
			read.evaluated("c-1", evaluatedAt.minusSeconds(30));
		}
		assertThat(read.covers("c-1", stamped)).isEqualTo(covered);
	}

}
