package io.creditdesk.scoring.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Population stability: how far a distribution (of scores, PSI, or of one feature, CSI)
 * moved from a reference one,
 * {@code sum over bins of (actual - expected) * ln(actual / expected)}, with shares of
 * the population per bin. The bins are the reference's quantiles, fixed when the
 * reference is taken ({@link Baseline}) and stored with the model, so the same bins are
 * used every day. An empty bin counts as a share of {@value #FLOOR} (the logarithm needs
 * it). Conventional reading: below 0.10 stable, 0.10 to 0.25 a moderate shift, above 0.25
 * a significant one.
 */
public final class Stability {

	/** The share an empty bin counts as. */
	public static final double FLOOR = 1e-4;

	/** PSI from which a shift is moderate. */
	public static final double MODERATE = 0.10;

	/** PSI above which a shift is significant (flagged). */
	public static final double SIGNIFICANT = 0.25;

	/** Ten bins: deciles of the reference. */
	public static final int DEFAULT_BINS = 10;

	private Stability() {
	}

	/** How a PSI reads. */
	public enum Shift {

		STABLE, MODERATE, SIGNIFICANT;

		public static Shift of(double psi) {
			return psi > Stability.SIGNIFICANT ? SIGNIFICANT : psi >= Stability.MODERATE ? MODERATE : STABLE;
		}

	}

	/**
	 * A reference distribution: cut points and the reference population's share per bin.
	 * Bin 0 is below {@code cuts[0]}, bin i is [{@code cuts[i-1]}, {@code cuts[i]}), the
	 * last bin is from the last cut up.
	 *
	 * @param cuts increasing cut points
	 * @param shares share of the reference in each bin ({@code cuts.size() + 1} of them,
	 * summing to 1)
	 * @param count size of the reference population
	 */
	public record Baseline(List<Double> cuts, List<Double> shares, long count) {

		public Baseline {
			cuts = List.copyOf(cuts);
			shares = List.copyOf(shares);
			if (shares.size() != cuts.size() + 1) {
				throw new IllegalArgumentException("a baseline with " + cuts.size() + " cuts needs " + (cuts.size() + 1)
						+ " shares, has " + shares.size());
			}
			for (int i = 1; i < cuts.size(); i++) {
				if (!(cuts.get(i) > cuts.get(i - 1))) {
					throw new IllegalArgumentException("baseline cuts must increase: " + cuts);
				}
			}
		}

		/**
		 * Quantile bins of {@code values}: the cut before bin b is the value at rank
		 * {@code floor(n * b / bins)}; repeated values make fewer bins (a cut is kept
		 * once, and a cut at the minimum is dropped), so a bin never splits equal values.
		 */
		public static Baseline of(double[] values, int bins) {
			if (values.length == 0) {
				throw new IllegalArgumentException("no values to take a baseline from");
			}
			if (bins < 2) {
				throw new IllegalArgumentException("a baseline needs at least 2 bins, was " + bins);
			}
			double[] sorted = values.clone();
			Arrays.sort(sorted);
			List<Double> cuts = new ArrayList<>();
			for (int b = 1; b < bins; b++) {
				double cut = sorted[(int) ((long) sorted.length * b / bins)];
				if (cut > sorted[0] && (cuts.isEmpty() || cut > cuts.get(cuts.size() - 1))) {
					cuts.add(cut);
				}
			}
			Baseline shape = new Baseline(cuts, zeros(cuts.size() + 1), values.length);
			return new Baseline(cuts, shape.sharesOf(values), values.length);
		}

		private static List<Double> zeros(int n) {
			List<Double> z = new ArrayList<>(n);
			for (int i = 0; i < n; i++) {
				z.add(0.0);
			}
			return z;
		}

		/** The bin a value falls in. */
		public int bin(double value) {
			int lo = 0;
			int hi = cuts.size();
			while (lo < hi) { // first cut above the value
				int mid = (lo + hi) >>> 1;
				if (value < cuts.get(mid)) {
					hi = mid;
				}
				else {
					lo = mid + 1;
				}
			}
			return lo;
		}

		/** The share of {@code values} in each bin. */
		public List<Double> sharesOf(double[] values) {
			long[] counts = new long[cuts.size() + 1];
			for (double v : values) {
				counts[bin(v)]++;
			}
			List<Double> out = new ArrayList<>(counts.length);
			for (long c : counts) {
				out.add(values.length == 0 ? 0.0 : (double) c / values.length);
			}
			return out;
		}

		/** PSI of {@code values} against this baseline. */
		public double psi(double[] values) {
			if (values.length == 0) {
				throw new IllegalArgumentException("no values to compare with the baseline");
			}
			return Stability.psi(shares, sharesOf(values));
		}
	}

	/** PSI of {@code actual} shares against {@code expected} shares, bin by bin. */
	public static double psi(List<Double> expected, List<Double> actual) {
		if (expected.size() != actual.size()) {
			throw new IllegalArgumentException("expected " + expected.size() + " bins, got " + actual.size());
		}
		double psi = 0;
		for (int i = 0; i < expected.size(); i++) {
			double e = Math.max(FLOOR, expected.get(i));
			double a = Math.max(FLOOR, actual.get(i));
			psi += (a - e) * Math.log(a / e);
		}
		return psi;
	}

}
