package io.creditdesk.scoring.evaluation;

import io.creditdesk.scoring.model.RiskGrade;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * All metrics for one set of predictions: the object behind {@code evaluate --json}, the
 * model card and the report.
 */
public record Evaluation(long rows, long positives, double baseRate, double auc, double prAuc, double brier,
		double logLoss, double ks, double topDecileLift, Metrics.Confusion confusion,
		List<Metrics.CalibrationBin> calibration, List<GradeRow> grades, Map<String, SegmentRow> segments) {

	/** Threshold used for the confusion matrix unless another is asked for. */
	public static final double DEFAULT_THRESHOLD = 0.5;

	/** Observed outcome per risk grade. */
	public record GradeRow(String grade, double lower, double upper, long count, double share, double meanPredicted,
			double observedRate) {
	}

	/** Headline metrics for one segment. */
	public record SegmentRow(long rows, long positives, double auc, double brier, double observedRate,
			double meanPredicted) {
	}

	public static Evaluation of(double[] p, boolean[] y, List<String> segments, double threshold) {
		long positives = Metrics.countPositives(y);
		Map<String, SegmentRow> segs = new TreeMap<>();
		if (segments != null && segments.stream().anyMatch(s -> !s.isEmpty())) {
			Map<String, List<Integer>> idx = new LinkedHashMap<>();
			for (int i = 0; i < segments.size(); i++) {
				idx.computeIfAbsent(segments.get(i).isEmpty() ? "(none)" : segments.get(i), k -> new ArrayList<>())
					.add(i);
			}
			idx.forEach((name, rows) -> {
				double[] ps = new double[rows.size()];
				boolean[] ys = new boolean[rows.size()];
				double sum = 0;
				for (int k = 0; k < rows.size(); k++) {
					ps[k] = p[rows.get(k)];
					ys[k] = y[rows.get(k)];
					sum += ps[k];
				}
				long pos = Metrics.countPositives(ys);
				segs.put(name, new SegmentRow(rows.size(), pos, Metrics.rocAuc(ps, ys), Metrics.brier(ps, ys),
						(double) pos / rows.size(), sum / rows.size()));
			});
		}
		return new Evaluation(p.length, positives, (double) positives / p.length, Metrics.rocAuc(p, y),
				Metrics.prAuc(p, y), Metrics.brier(p, y), Metrics.logLoss(p, y), Metrics.ks(p, y),
				Metrics.topDecileLift(p, y), Metrics.confusion(p, y, threshold), Metrics.calibration(p, y, 10),
				grades(p, y), segs);
	}

	/** Customers, mean predicted PD and observed default rate per risk grade. */
	public static List<GradeRow> grades(double[] p, boolean[] y) {
		List<GradeRow> out = new ArrayList<>();
		for (RiskGrade g : RiskGrade.values()) {
			long count = 0;
			long hits = 0;
			double sum = 0;
			for (int i = 0; i < p.length; i++) {
				if (RiskGrade.of(p[i]) == g) {
					count++;
					sum += p[i];
					if (y[i]) {
						hits++;
					}
				}
			}
			out.add(new GradeRow(g.name(), g.lower(), g.upper(), count, (double) count / p.length,
					count == 0 ? Double.NaN : sum / count, count == 0 ? Double.NaN : (double) hits / count));
		}
		return out;
	}
}
