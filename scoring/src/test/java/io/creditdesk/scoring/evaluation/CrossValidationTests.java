package io.creditdesk.scoring.evaluation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CrossValidationTests {

	@Test
	void foldsAreStratifiedAndSeeded() {
		boolean[] y = new boolean[103];
		for (int i = 0; i < 20; i++) {
			y[i * 5] = true;
		}
		int[] a = CrossValidation.assignFolds(y, 5, 1);
		int[] b = CrossValidation.assignFolds(y, 5, 1);
		int[] c = CrossValidation.assignFolds(y, 5, 2);
		assertThat(a).isEqualTo(b);
		assertThat(a).isNotEqualTo(c);
		int[] positivesPerFold = new int[5];
		int[] rowsPerFold = new int[5];
		for (int i = 0; i < y.length; i++) {
			rowsPerFold[a[i]]++;
			if (y[i]) {
				positivesPerFold[a[i]]++;
			}
		}
		assertThat(positivesPerFold).containsOnly(4);
		for (int n : rowsPerFold) {
			assertThat(n).isBetween(20, 21);
		}
	}

}
