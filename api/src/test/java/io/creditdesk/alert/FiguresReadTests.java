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

	static Stream<Arguments> cases() {
		return Stream.of(
				// evaluated at, snapshot of c-1 stamped at, covered?
				Arguments.of(null, T.minusSeconds(60), false), // never evaluated here
				Arguments.of(T, T.minusSeconds(5), true), // long before the evaluation
															// began
				Arguments.of(T, T.minusMillis(1001), true), // just beyond the margin
				Arguments.of(T, T.minusMillis(1000), false), // within the margin: another
																// clock may be ahead
				Arguments.of(T, T.minusMillis(200), false), // within the margin
				Arguments.of(T, T, false), // at the same moment
				Arguments.of(T, T.plusSeconds(3), false), // after the evaluation began
				Arguments.of(T, null, false)); // a snapshot without its time
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
