package io.creditdesk.scoring.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Binary-classification metrics computed from predicted probabilities and observed
 * outcomes. Tribuo has no Brier score or calibration table, and its AUC does not average
 * ties the way this code does, so all metrics are computed here, in one place, and
 * checked against hand-computed values in the tests.
 */
public final class Metrics {

	private Metrics() {
	}

	/**
	 * ROC-AUC as the Mann-Whitney statistic: the chance a random defaulter scores above a
	 * random payer, ties half.
	 */
	public static double rocAuc(double[] p, boolean[] y) {
		check(p, y);
		Integer[] order = sortedAscending(p);
		double rankSumPositives = 0;
		long positives = 0;
		int i = 0;
		while (i < order.length) {
			int j = i;
			while (j + 1 < order.length && p[order[j + 1]] == p[order[i]]) {
				j++;
			}
			double averageRank = (i + j) / 2.0 + 1; // 1-based ranks, ties averaged
			for (int k = i; k <= j; k++) {
				if (y[order[k]]) {
					rankSumPositives += averageRank;
					positives++;
				}
			}
			i = j + 1;
		}
		long negatives = p.length - positives;
		if (positives == 0 || negatives == 0) {
			return Double.NaN;
		}
		return (rankSumPositives - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
	}

	/**
	 * PR-AUC as average precision: the mean, over positives, of the precision at the
	 * threshold that first includes them; customers with equal scores enter together.
	 */
	public static double prAuc(double[] p, boolean[] y) {
		check(p, y);
		Integer[] order = sortedDescending(p);
		long positives = countPositives(y);
		if (positives == 0) {
			return Double.NaN;
		}
		double ap = 0;
		long tp = 0;
		int i = 0;
		while (i < order.length) {
			int j = i;
			long tpGroup = 0;
			while (j < order.length && p[order[j]] == p[order[i]]) {
				if (y[order[j]]) {
					tpGroup++;
				}
				j++;
			}
			tp += tpGroup;
			double precision = (double) tp / j;
			ap += precision * tpGroup / positives;
			i = j;
		}
		return ap;
	}

	/** Mean squared difference between probability and outcome (0 is perfect). */
	public static double brier(double[] p, boolean[] y) {
		check(p, y);
		double sum = 0;
		for (int i = 0; i < p.length; i++) {
			double d = p[i] - (y[i] ? 1 : 0);
			sum += d * d;
		}
		return sum / p.length;
	}

	/** Mean negative log-likelihood, probabilities clipped to [1e-15, 1 - 1e-15]. */
	public static double logLoss(double[] p, boolean[] y) {
		check(p, y);
		double sum = 0;
		for (int i = 0; i < p.length; i++) {
			double q = Math.max(1e-15, Math.min(1 - 1e-15, p[i]));
			sum -= y[i] ? Math.log(q) : Math.log(1 - q);
		}
		return sum / p.length;
	}

	/**
	 * Default rate among the riskiest 10 % (the ceil(n/10) highest probabilities) divided
	 * by the overall rate.
	 */
	public static double topDecileLift(double[] p, boolean[] y) {
		check(p, y);
		long positives = countPositives(y);
		if (positives == 0) {
			return Double.NaN;
		}
		Integer[] order = sortedDescending(p);
		int top = (int) Math.ceil(p.length / 10.0);
		long hits = 0;
		for (int i = 0; i < top; i++) {
			if (y[order[i]]) {
				hits++;
			}
		}
		return ((double) hits / top) / ((double) positives / p.length);
	}

	/**
	 * Kolmogorov-Smirnov statistic: the largest gap between the score distributions of
	 * defaulters and payers.
	 */
	public static double ks(double[] p, boolean[] y) {
		check(p, y);
		long positives = countPositives(y);
		long negatives = p.length - positives;
		if (positives == 0 || negatives == 0) {
			return Double.NaN;
		}
		// KS is the largest vertical gap between the ROC curve and the diagonal.
		double best = 0;
		for (double[] point : rocCurve(p, y)) {
			best = Math.max(best, Math.abs(point[1] - point[0]));
		}
		return best;
	}

	/** Confusion counts when customers with probability &gt;= threshold are flagged. */
	public record Confusion(double threshold, long truePositives, long falsePositives, long trueNegatives,
			long falseNegatives) {
		public double precision() {
			long flagged = truePositives + falsePositives;
			return flagged == 0 ? Double.NaN : (double) truePositives / flagged;
		}

		public double recall() {
			long positives = truePositives + falseNegatives;
			return positives == 0 ? Double.NaN : (double) truePositives / positives;
		}
	}

	public static Confusion confusion(double[] p, boolean[] y, double threshold) {
		check(p, y);
		long tp = 0, fp = 0, tn = 0, fn = 0;
		for (int i = 0; i < p.length; i++) {
			boolean flagged = p[i] >= threshold;
			if (flagged && y[i]) {
				tp++;
			}
			else if (flagged) {
				fp++;
			}
			else if (y[i]) {
				fn++;
			}
			else {
				tn++;
			}
		}
		return new Confusion(threshold, tp, fp, tn, fn);
	}

	/** One bin of a calibration table. */
	public record CalibrationBin(int bin, long count, double minPredicted, double maxPredicted, double meanPredicted,
			double observedRate) {
	}

	/**
	 * Calibration table: customers sorted by probability and cut into {@code bins} groups
	 * of (nearly) equal size; per group the mean predicted probability and the observed
	 * default rate.
	 */
	public static List<CalibrationBin> calibration(double[] p, boolean[] y, int bins) {
		check(p, y);
		Integer[] order = sortedAscending(p);
		List<CalibrationBin> out = new ArrayList<>();
		int n = p.length;
		for (int b = 0; b < bins; b++) {
			int from = (int) ((long) n * b / bins);
			int to = (int) ((long) n * (b + 1) / bins);
			if (to <= from) {
				continue;
			}
			double sum = 0;
			long hits = 0;
			for (int i = from; i < to; i++) {
				sum += p[order[i]];
				if (y[order[i]]) {
					hits++;
				}
			}
			out.add(new CalibrationBin(b + 1, to - from, p[order[from]], p[order[to - 1]], sum / (to - from),
					(double) hits / (to - from)));
		}
		return out;
	}

	/**
	 * Points (false-positive rate, true-positive rate) of the ROC curve, one per distinct
	 * score.
	 */
	public static List<double[]> rocCurve(double[] p, boolean[] y) {
		check(p, y);
		long positives = countPositives(y);
		long negatives = p.length - positives;
		Integer[] order = sortedDescending(p);
		List<double[]> pts = new ArrayList<>();
		pts.add(new double[] { 0, 0 });
		long tp = 0, fp = 0;
		int i = 0;
		while (i < order.length) {
			int j = i;
			while (j < order.length && p[order[j]] == p[order[i]]) {
				if (y[order[j]]) {
					tp++;
				}
				else {
					fp++;
				}
				j++;
			}
			pts.add(new double[] { negatives == 0 ? 0 : (double) fp / negatives,
					positives == 0 ? 0 : (double) tp / positives });
			i = j;
		}
		return pts;
	}

	static long countPositives(boolean[] y) {
		long c = 0;
		for (boolean b : y) {
			if (b) {
				c++;
			}
		}
		return c;
	}

	private static Integer[] sortedAscending(double[] p) {
		Integer[] idx = new Integer[p.length];
		for (int i = 0; i < idx.length; i++) {
			idx[i] = i;
		}
		Arrays.sort(idx, (a, b) -> Double.compare(p[a], p[b]));
		return idx;
	}

	private static Integer[] sortedDescending(double[] p) {
		Integer[] idx = new Integer[p.length];
		for (int i = 0; i < idx.length; i++) {
			idx[i] = i;
		}
		Arrays.sort(idx, (a, b) -> Double.compare(p[b], p[a]));
		return idx;
	}

	private static void check(double[] p, boolean[] y) {
		if (p.length != y.length) {
			throw new IllegalArgumentException("probabilities and outcomes differ in length");
		}
		if (p.length == 0) {
			throw new IllegalArgumentException("no predictions to evaluate");
		}
	}

}
