package io.creditdesk.scoring.evaluation;

import io.creditdesk.scoring.Fixtures;
import io.creditdesk.scoring.history.LabeledHistory;
import io.creditdesk.scoring.history.PaymentHistory;
import io.creditdesk.scoring.model.RiskGrade;
import io.creditdesk.scoring.model.ScoringModel;
import io.creditdesk.scoring.training.ModelTrainer;
import io.creditdesk.scoring.training.TrainerKind;
import io.creditdesk.scoring.training.TrainingConfig;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Champion against challenger on six customers computed by hand, and baselines on real
 * models.
 */
class ModelComparisonTests {

	// A A B C D E
	static final double[] CHAMPION = { 0.01, 0.03, 0.06, 0.15, 0.30, 0.50 };

	// A C A D E D
	static final double[] CHALLENGER = { 0.02, 0.12, 0.04, 0.25, 0.45, 0.35 };
	static final boolean[] Y = { false, false, false, true, false, true };

	@Test
	void figuresOfBothModelsByHand() {
		ModelComparison c = ModelComparison.of(CHAMPION, CHALLENGER, Y, null, null);
		assertThat(c.rows()).isEqualTo(6);
		assertThat(c.positives()).isEqualTo(2);
		// Champion: 0.15 beats 3 of 4 payers, 0.50 all 4: 7/8. Challenger: 0.25 and 0.35
		// beat 3 each: 6/8.
		assertThat(c.champion().auc()).isEqualTo(0.875);
		assertThat(c.challenger().auc()).isEqualTo(0.75);
		// Both: after the payer at the top, both defaulters come before the other three
		// payers: 1 - 0.25.
		assertThat(c.champion().ks()).isEqualTo(0.75);
		assertThat(c.challenger().ks()).isEqualTo(0.75);
		// (0.01² + 0.03² + 0.06² + 0.85² + 0.30² + 0.50²) / 6
		assertThat(c.champion().brier()).isCloseTo(1.0671 / 6, within(1e-12));
		// (0.02² + 0.12² + 0.04² + 0.75² + 0.45² + 0.65²) / 6 = 1.2039 / 6
		assertThat(c.challenger().brier()).isCloseTo(1.2039 / 6, within(1e-12));
		assertThat(c.champion().psi()).isNaN();
	}

	@Test
	void calibrationAndBadRatePerGradeByHand() {
		ModelComparison c = ModelComparison.of(CHAMPION, CHALLENGER, Y, null, null);
		Evaluation.GradeRow championA = c.champion().grades().get(0);
		assertThat(championA.grade()).isEqualTo("A");
		assertThat(championA.count()).isEqualTo(2);
		assertThat(championA.meanPredicted()).isCloseTo(0.02, within(1e-12));
		assertThat(championA.observedRate()).isZero();
		Evaluation.GradeRow challengerD = c.challenger().grades().get(3);
		assertThat(challengerD.count()).isEqualTo(2);
		assertThat(challengerD.meanPredicted()).isCloseTo(0.30, within(1e-12));
		assertThat(challengerD.observedRate()).isEqualTo(1.0);
		assertThat(c.challenger().grades().get(1).count()).isZero(); // nobody in B
		assertThat(c.challenger().grades().get(1).observedRate()).isNaN();
	}

	@Test
	void gradeAgreementByHand() {
		ModelComparison c = ModelComparison.of(CHAMPION, CHALLENGER, Y, null, null);
		assertThat(c.agreement()).hasSize(25);
		Map<String, Long> nonZero = new TreeMap<>();
		c.agreement()
			.stream()
			.filter(a -> a.customers() > 0)
			.forEach(a -> nonZero.put(a.champion() + "/" + a.challenger(), a.customers()));
		assertThat(nonZero).containsExactlyEntriesOf(
				new TreeMap<>(Map.of("A/A", 1L, "A/C", 1L, "B/A", 1L, "C/D", 1L, "D/E", 1L, "E/D", 1L)));
		assertThat(c.gradeAgreement()).isCloseTo(1 / 6.0, within(1e-12));
		assertThat(c.agreement().get(0)).isEqualTo(new ModelComparison.AgreementCell(RiskGrade.A, RiskGrade.A, 1));
	}

	@Test
	void psiAgainstEachModelsTrainingBaseline() {
		List<LabeledHistory> data = Fixtures.statements();
		List<PaymentHistory> histories = data.stream().map(LabeledHistory::history).toList();
		List<LabeledHistory> firstHalf = data.subList(0, 300);
		ScoringModel champion = ModelTrainer.train(firstHalf, TrainingConfig.defaults(TrainerKind.LOGISTIC), "x", "");
		ModelBaseline baseline = ModelBaseline.of(champion, histories.subList(0, 300));
		// Against its own training population, nothing moved.
		assertThat(baseline.psi(champion.probabilities(histories.subList(0, 300)))).isZero();
		assertThat(baseline.csi(histories.subList(0, 300)).values()).allSatisfy(v -> assertThat(v).isZero());
		// The riskiest tenth only: a significant shift, and the delay features moved
		// most.
		List<PaymentHistory> risky = histories.stream().filter(h -> h.month(0).delayStatus() >= 2).toList();
		double[] p = champion.probabilities(risky);
		assertThat(Stability.Shift.of(baseline.psi(p))).isEqualTo(Stability.Shift.SIGNIFICANT);
		assertThat(baseline.csi(risky).keySet()).contains("delay_m1");
		assertThat(List.copyOf(baseline.csi(risky).values())).isSortedAccordingTo(Comparator.<Double>reverseOrder());
		assertThat(baseline.features()).containsOnlyKeys(champion.featureNames());

		boolean[] y = new boolean[histories.size()];
		for (int i = 0; i < y.length; i++) {
			y[i] = data.get(i).defaulted();
		}
		double[] all = champion.probabilities(histories);
		ModelComparison c = ModelComparison.of(all, all, y, baseline.score(), null);
		assertThat(c.champion().psi()).isEqualTo(baseline.psi(all));
		assertThat(c.psiChallengerVsChampion()).isZero();
		assertThat(c.gradeAgreement()).isEqualTo(1.0);
	}

}
