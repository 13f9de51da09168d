package io.creditdesk.scoring.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RiskGradeTests {

	@Test
	void bandsAreLowerInclusive() {
		assertThat(RiskGrade.of(0.0)).isEqualTo(RiskGrade.A);
		assertThat(RiskGrade.of(0.0499)).isEqualTo(RiskGrade.A);
		assertThat(RiskGrade.of(0.05)).isEqualTo(RiskGrade.B);
		assertThat(RiskGrade.of(0.10)).isEqualTo(RiskGrade.C);
		assertThat(RiskGrade.of(0.2)).isEqualTo(RiskGrade.D);
		assertThat(RiskGrade.of(0.4)).isEqualTo(RiskGrade.E);
		assertThat(RiskGrade.of(1.0)).isEqualTo(RiskGrade.E);
	}

	@Test
	void rejectsNonProbabilities() {
		assertThatThrownBy(() -> RiskGrade.of(1.2)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> RiskGrade.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
	}

}
