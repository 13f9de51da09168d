package io.creditdesk.scoring.evaluation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Every metric against values worked out by hand on tiny inputs. */
class MetricsTests {

	// Scores and outcomes used by most tests: 4 positives, 4 negatives.
	static final double[] P = { 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2 };
	static final boolean[] Y = { true, true, false, true, false, false, true, false };

	@Test
	void aucCountsConcordantPairs() {
		// Positive scores 0.9,0.8,0.6,0.3 vs negatives 0.7,0.5,0.4,0.2:
		// 0.9 beats 4, 0.8 beats 4, 0.6 beats 3, 0.3 beats 1 -> 12 of 16 pairs.
		assertThat(Metrics.rocAuc(P, Y)).isCloseTo(12.0 / 16, within(1e-12));
	}

	@Test
	void aucCountsTiesAsHalf() {
		double[] p = { 0.5, 0.5, 0.5, 0.1 };
		boolean[] y = { true, false, false, false };
		// pairs: (pos 0.5 vs 0.5) x2 -> 0.5 each, vs 0.1 -> 1 => 2 / 3
		assertThat(Metrics.rocAuc(p, y)).isCloseTo(2.0 / 3, within(1e-12));
	}

	@Test
	void aucIsUndefinedWithOneClass() {
		assertThat(Metrics.rocAuc(new double[] { 0.1, 0.2 }, new boolean[] { false, false })).isNaN();
	}

	@Test
	void averagePrecisionAveragesPrecisionAtEachPositive() {
		// positives at ranks 1,2,4,7: precision 1/1, 2/2, 3/4, 4/7 -> mean
		double expected = (1 + 1 + 0.75 + 4.0 / 7) / 4;
		assertThat(Metrics.prAuc(P, Y)).isCloseTo(expected, within(1e-12));
	}

	@Test
	void brierIsMeanSquaredError() {
		double expected = (0.01 + 0.04 + 0.49 + 0.16 + 0.25 + 0.16 + 0.49 + 0.04) / 8;
		assertThat(Metrics.brier(P, Y)).isCloseTo(expected, within(1e-12));
	}

	@Test
	void logLossOfAPerfectAndAnEvenForecast() {
		assertThat(Metrics.logLoss(new double[] { 0.5, 0.5 }, new boolean[] { true, false })).isCloseTo(Math.log(2),
				within(1e-12));
	}

	@Test
	void topDecileLiftComparesTopTenPercentRateWithOverallRate() {
		double[] p = new double[20];
		boolean[] y = new boolean[20];
		for (int i = 0; i < 20; i++) {
			p[i] = i / 20.0;
		}
		// overall: 4 of 20 = 0.2; top 2 (p=0.95, 0.90): one positive -> 0.5 -> lift 2.5
		y[19] = true;
		y[3] = true;
		y[5] = true;
		y[7] = true;
		assertThat(Metrics.topDecileLift(p, y)).isCloseTo(2.5, within(1e-12));
	}

	@Test
	void ksIsLargestGapBetweenCumulativeRates() {
		// Walking down the scores: after 0.8, TPR 2/4 FPR 0 -> 0.5; after 0.6, TPR 3/4,
		// FPR 1/4 -> 0.5; max 0.5
		assertThat(Metrics.ks(P, Y)).isCloseTo(0.5, within(1e-12));
	}

	@Test
	void confusionAtThreshold() {
		Metrics.Confusion c = Metrics.confusion(P, Y, 0.55);
		assertThat(c.truePositives()).isEqualTo(3);
		assertThat(c.falsePositives()).isEqualTo(1);
		assertThat(c.trueNegatives()).isEqualTo(3);
		assertThat(c.falseNegatives()).isEqualTo(1);
		assertThat(c.precision()).isEqualTo(0.75);
		assertThat(c.recall()).isEqualTo(0.75);
	}

	@Test
	void calibrationGroupsByPredictedProbability() {
		List<Metrics.CalibrationBin> bins = Metrics.calibration(P, Y, 2);
		assertThat(bins).hasSize(2);
		// low half: 0.2,0.3,0.4,0.5 -> mean 0.35, one positive (0.3) -> 0.25
		assertThat(bins.get(0).meanPredicted()).isCloseTo(0.35, within(1e-12));
		assertThat(bins.get(0).observedRate()).isEqualTo(0.25);
		// high half: 0.6..0.9 -> mean 0.75, three positives -> 0.75
		assertThat(bins.get(1).meanPredicted()).isCloseTo(0.75, within(1e-12));
		assertThat(bins.get(1).observedRate()).isEqualTo(0.75);
		assertThat(bins.get(1).count()).isEqualTo(4);
	}

	@Test
	void rocCurveRunsFromOriginToOneOne() {
		List<double[]> pts = Metrics.rocCurve(P, Y);
		assertThat(pts.get(0)).containsExactly(0, 0);
		assertThat(pts.get(pts.size() - 1)).containsExactly(1, 1);
		assertThat(pts).hasSize(9);
	}

	@Test
	void rejectsMismatchedOrEmptyInput() {
		assertThatThrownBy(() -> Metrics.brier(new double[] { 0.1 }, new boolean[0]))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Metrics.brier(new double[0], new boolean[0]))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void gradeTableCountsObservedRatePerBand() {
		Evaluation e = Evaluation.of(new double[] { 0.01, 0.02, 0.07, 0.5, 0.6 },
				new boolean[] { false, true, false, true, true }, List.of("x", "x", "y", "y", "y"), 0.5);
		Evaluation.GradeRow a = e.grades().get(0);
		assertThat(a.grade()).isEqualTo("A");
		assertThat(a.count()).isEqualTo(2);
		assertThat(a.observedRate()).isEqualTo(0.5);
		assertThat(e.grades().get(4).count()).isEqualTo(2);
		assertThat(e.grades().get(2).count()).isZero();
		assertThat(e.segments()).containsOnlyKeys("x", "y");
		assertThat(e.segments().get("y").positives()).isEqualTo(2);
	}

}
