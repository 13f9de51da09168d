package io.creditdesk.scoring.evaluation;

import io.creditdesk.scoring.history.LabeledHistory;
import io.creditdesk.scoring.history.PaymentHistory;
import io.creditdesk.scoring.model.ScoringModel;
import io.creditdesk.scoring.training.ModelTrainer;
import io.creditdesk.scoring.training.TrainingConfig;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * Stratified, seeded k-fold cross-validation: every customer is predicted exactly once by
 * a model that did not see it; metrics are computed on the pooled out-of-fold predictions
 * and per fold.
 */
public final class CrossValidation {

	/**
	 * Out-of-fold probabilities (in input order), the pooled evaluation and each fold's
	 * AUC.
	 */
	public record Result(int folds, double[] outOfFold, Evaluation pooled, double[] foldAuc) {
		public double meanFoldAuc() {
			double s = 0;
			for (double a : foldAuc) {
				s += a;
			}
			return s / foldAuc.length;
		}

		public double stdFoldAuc() {
			double m = meanFoldAuc();
			double s = 0;
			for (double a : foldAuc) {
				s += (a - m) * (a - m);
			}
			return Math.sqrt(s / Math.max(1, foldAuc.length - 1));
		}
	}

	private CrossValidation() {
	}

	/**
	 * Fold number (0..k-1) for each row: positives and negatives are shuffled separately
	 * and dealt round-robin.
	 */
	public static int[] assignFolds(boolean[] y, int k, long seed) {
		if (k < 2) {
			throw new IllegalArgumentException("need at least 2 folds");
		}
		List<Integer> pos = new ArrayList<>();
		List<Integer> neg = new ArrayList<>();
		for (int i = 0; i < y.length; i++) {
			(y[i] ? pos : neg).add(i);
		}
		Random rnd = new Random(seed);
		Collections.shuffle(pos, rnd);
		Collections.shuffle(neg, rnd);
		int[] fold = new int[y.length];
		int next = 0;
		for (int i : pos) {
			fold[i] = next++ % k;
		}
		for (int i : neg) {
			fold[i] = next++ % k;
		}
		return fold;
	}

	public static Result run(List<LabeledHistory> data, TrainingConfig config, int k, IntConsumer progress) {
		boolean[] y = new boolean[data.size()];
		List<String> segments = new ArrayList<>(data.size());
		for (int i = 0; i < y.length; i++) {
			y[i] = data.get(i).defaulted();
			segments.add(data.get(i).history().segment());
		}
		int[] fold = assignFolds(y, k, config.seed());
		double[] oof = new double[data.size()];
		double[] foldAuc = new double[k];
		for (int f = 0; f < k; f++) {
			List<LabeledHistory> train = new ArrayList<>();
			List<PaymentHistory> test = new ArrayList<>();
			List<Integer> testIdx = new ArrayList<>();
			for (int i = 0; i < fold.length; i++) {
				if (fold[i] == f) {
					test.add(data.get(i).history());
					testIdx.add(i);
				}
				else {
					train.add(data.get(i));
				}
			}
			ScoringModel model = ModelTrainer.train(train, config, "cross-validation fold " + (f + 1), "");
			double[] p = model.probabilities(test);
			boolean[] yf = new boolean[p.length];
			for (int j = 0; j < p.length; j++) {
				oof[testIdx.get(j)] = p[j];
				yf[j] = y[testIdx.get(j)];
			}
			foldAuc[f] = Metrics.rocAuc(p, yf);
			if (progress != null) {
				progress.accept(f + 1);
			}
		}
		return new Result(k, oof, Evaluation.of(oof, y, segments, Evaluation.DEFAULT_THRESHOLD), foldAuc);
	}

}
