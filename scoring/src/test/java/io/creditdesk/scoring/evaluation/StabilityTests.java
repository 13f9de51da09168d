package io.creditdesk.scoring.evaluation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** PSI and its bins against hand-computed values. */
class StabilityTests {

	@Test
	void psiOfTwoBinsByHand() {
		// (0.6 - 0.5) ln(0.6 / 0.5) + (0.4 - 0.5) ln(0.4 / 0.5) = 0.018232 + 0.022314
		assertThat(Stability.psi(List.of(0.5, 0.5), List.of(0.6, 0.4))).isCloseTo(0.040547, within(1e-6));
		assertThat(Stability.psi(List.of(0.2, 0.3, 0.5), List.of(0.2, 0.3, 0.5))).isZero();
	}

	@Test
	void anEmptyBinCountsAsTheFloor() {
		// bin 3: (0.1 - 0.0001) ln(0.1 / 0.0001) = 0.690085; bin 2: (0.4 - 0.5) ln(0.8) =
		// 0.022314
		assertThat(Stability.psi(List.of(0.5, 0.5, 0.0), List.of(0.5, 0.4, 0.1))).isCloseTo(0.712399, within(1e-6));
	}

	@Test
	void binsAreQuantilesOfTheReference() {
		Stability.Baseline b = Stability.Baseline.of(new double[] { 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 }, 5);
		assertThat(b.cuts()).containsExactly(3.0, 5.0, 7.0, 9.0);
		assertThat(b.shares()).containsExactly(0.2, 0.2, 0.2, 0.2, 0.2);
		assertThat(b.count()).isEqualTo(10);
		assertThat(b.bin(2.99)).isZero();
		assertThat(b.bin(3)).isEqualTo(1);
		assertThat(b.bin(100)).isEqualTo(4);
	}

	@Test
	void repeatedValuesNeverSplitABin() {
		Stability.Baseline b = Stability.Baseline.of(new double[] { 0, 0, 0, 0, 0, 0, 1, 2, 3, 4 }, 5);
		// cuts at ranks 2, 4, 6, 8 = 0, 0, 1, 3: the zeros are one bin
		assertThat(b.cuts()).containsExactly(1.0, 3.0);
		assertThat(b.shares()).containsExactly(0.6, 0.2, 0.2);
		// Today: half zeros, half fours. (0.5 - 0.6) ln(0.5/0.6) + (0.0001 - 0.2)
		// ln(0.0001/0.2) + (0.5 - 0.2) ln(2.5)
		double expected = -0.1 * Math.log(0.5 / 0.6) + (0.0001 - 0.2) * Math.log(0.0001 / 0.2) + 0.3 * Math.log(2.5);
		assertThat(b.psi(new double[] { 0, 0, 4, 4 })).isCloseTo(expected, within(1e-12));
		assertThat(expected).isCloseTo(1.8125, within(1e-4));
	}

	@ParameterizedTest
	@CsvSource({ "0.0, STABLE", "0.0999, STABLE", "0.10, MODERATE", "0.25, MODERATE", "0.2501, SIGNIFICANT" })
	void shiftsReadConventionally(double psi, Stability.Shift expected) {
		assertThat(Stability.Shift.of(psi)).isEqualTo(expected);
	}

	@Test
	void badInputIsRefused() {
		assertThatThrownBy(() -> Stability.Baseline.of(new double[0], 10)).hasMessageContaining("no values");
		assertThatThrownBy(() -> Stability.psi(List.of(1.0), List.of(0.5, 0.5))).hasMessageContaining("bins");
		assertThatThrownBy(() -> new Stability.Baseline(List.of(2.0, 1.0), List.of(0.3, 0.3, 0.4), 3))
			.hasMessageContaining("increase");
	}

}
