package io.creditdesk.scoring.evaluation;

import io.creditdesk.scoring.model.RiskGrade;

import java.util.ArrayList;
import java.util.List;

/**
 * A champion and a challenger judged on the same labelled window: ranking (ROC-AUC, KS),
 * probabilities (Brier), calibration and bad rate per grade, how far each model's scores
 * moved from its own training baseline (PSI), how often the two agree on the grade, and
 * how different their score distributions are (PSI of the challenger's scores in the
 * champion's decile bins on this window).
 *
 * @param rows customers in the window
 * @param positives of them labelled 1
 * @param champion the champion's figures
 * @param challenger the challenger's figures
 * @param agreement customers per (champion grade, challenger grade), all 25 cells, A/A
 * first
 * @param gradeAgreement share of customers both give the same grade
 * @param psiChallengerVsChampion PSI of the challenger's scores against the champion's on
 * this window
 */
public record ModelComparison(long rows, long positives, Side champion, Side challenger, List<AgreementCell> agreement,
		double gradeAgreement, double psiChallengerVsChampion) {

	public ModelComparison {
		agreement = List.copyOf(agreement);
	}

	/**
	 * One model's figures on the window.
	 *
	 * @param auc ROC-AUC
	 * @param ks Kolmogorov-Smirnov statistic
	 * @param brier Brier score
	 * @param grades per grade: customers, mean predicted PD (calibration) and observed
	 * default rate (bad rate)
	 * @param psi PSI of its scores on the window against its training baseline; NaN
	 * without a baseline
	 */
	public record Side(double auc, double ks, double brier, List<Evaluation.GradeRow> grades, double psi) {

		public Side {
			grades = List.copyOf(grades);
		}

		static Side of(double[] p, boolean[] y, Stability.Baseline baseline) {
			return new Side(Metrics.rocAuc(p, y), Metrics.ks(p, y), Metrics.brier(p, y), Evaluation.grades(p, y),
					baseline == null ? Double.NaN : baseline.psi(p));
		}
	}

	/**
	 * Customers the champion grades {@code champion} and the challenger
	 * {@code challenger}.
	 */
	public record AgreementCell(RiskGrade champion, RiskGrade challenger, long customers) {
	}

	/**
	 * Compares the two models' probabilities for the same customers.
	 * @param championBaseline the champion's training score baseline, or null
	 * @param challengerBaseline the challenger's, or null
	 */
	public static ModelComparison of(double[] champion, double[] challenger, boolean[] y,
			Stability.Baseline championBaseline, Stability.Baseline challengerBaseline) {
		if (champion.length != challenger.length || champion.length != y.length) {
			throw new IllegalArgumentException("both models must score the same labelled customers");
		}
		RiskGrade[] grades = RiskGrade.values();
		long[][] cells = new long[grades.length][grades.length];
		long same = 0;
		for (int i = 0; i < y.length; i++) {
			int a = RiskGrade.of(champion[i]).ordinal();
			int b = RiskGrade.of(challenger[i]).ordinal();
			cells[a][b]++;
			if (a == b) {
				same++;
			}
		}
		List<AgreementCell> agreement = new ArrayList<>();
		for (RiskGrade a : grades) {
			for (RiskGrade b : grades) {
				agreement.add(new AgreementCell(a, b, cells[a.ordinal()][b.ordinal()]));
			}
		}
		double psi = Stability.Baseline.of(champion, Stability.DEFAULT_BINS).psi(challenger);
		return new ModelComparison(y.length, Metrics.countPositives(y), Side.of(champion, y, championBaseline),
				Side.of(challenger, y, challengerBaseline), agreement, (double) same / y.length, psi);
	}
}
