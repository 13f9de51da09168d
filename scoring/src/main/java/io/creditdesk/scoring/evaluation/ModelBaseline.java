package io.creditdesk.scoring.evaluation;

import io.creditdesk.scoring.features.PaymentHistoryFeatures;
import io.creditdesk.scoring.history.PaymentHistory;
import io.creditdesk.scoring.model.ScoringModel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a model's population looked like when it was trained: the distribution of its
 * scores (for PSI) and of each feature it uses (for CSI), in decile bins. Stored in the
 * model card ({@code baseline}) so the service can compute drift daily against the same
 * bins.
 *
 * @param score the model's probabilities of default on its training data
 * @param features each model feature's values on the training data
 */
public record ModelBaseline(Stability.Baseline score, Map<String, Stability.Baseline> features) {

	public ModelBaseline {
		features = Collections.unmodifiableMap(new TreeMap<>(features));
	}

	/** The baseline of {@code model} on the histories it was trained on. */
	public static ModelBaseline of(ScoringModel model, List<PaymentHistory> training) {
		Stability.Baseline score = Stability.Baseline.of(model.probabilities(training), Stability.DEFAULT_BINS);
		Map<String, double[]> values = featureValues(model.featureNames(), training);
		Map<String, Stability.Baseline> features = new LinkedHashMap<>();
		values.forEach((name, v) -> features.put(name, Stability.Baseline.of(v, Stability.DEFAULT_BINS)));
		return new ModelBaseline(score, features);
	}

	/** PSI of today's scores against the training scores. */
	public double psi(double[] scores) {
		return score.psi(scores);
	}

	/**
	 * CSI of each feature this baseline has, for the given population, largest first.
	 */
	public Map<String, Double> csi(List<PaymentHistory> population) {
		Map<String, double[]> values = featureValues(List.copyOf(features.keySet()), population);
		Map<String, Double> csi = new LinkedHashMap<>();
		values.entrySet()
			.stream()
			.map(e -> Map.entry(e.getKey(), features.get(e.getKey()).psi(e.getValue())))
			.sorted(Map.Entry.<String, Double>comparingByValue().reversed())
			.forEach(e -> csi.put(e.getKey(), e.getValue()));
		return csi;
	}

	private static Map<String, double[]> featureValues(List<String> names, List<PaymentHistory> histories) {
		List<String> all = PaymentHistoryFeatures.featureNames();
		Map<String, double[]> out = new LinkedHashMap<>();
		for (String n : names) {
			out.put(n, new double[histories.size()]);
		}
		for (int i = 0; i < histories.size(); i++) {
			double[] f = PaymentHistoryFeatures.compute(histories.get(i));
			for (String n : names) {
				out.get(n)[i] = f[all.indexOf(n)];
			}
		}
		return out;
	}
}
