package io.creditdesk.scoring.model;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.transform.TransformedModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exact per-prediction log-odds contributions of every feature, for each model type.
 * <ul>
 * <li>Logistic regression ({@link TransformedModel} around a {@link LinearSGDModel}): the
 * contribution of feature k is {@code (w[default][k] - w[ok][k]) * z_k}, z_k being the
 * standardized value the model saw; together with the bias they sum to the log-odds of
 * default.</li>
 * <li>XGBoost: TreeSHAP values from the booster itself ({@code predictContrib}), one
 * native call per batch. Tribuo trains two-class XGBoost as {@code multi:softprob}, so
 * the log-odds of default is the default class's margin minus the other's, and a
 * feature's contribution is its SHAP value for the one minus that for the other; with the
 * bias they sum to the model's log-odds (to float precision).</li>
 * <li>Anything else: no contributions.</li>
 * </ul>
 */
abstract class ReasonCodes {

	/**
	 * Contributions for each example, indexed like {@code featureNames()}; the last
	 * element of each row is the bias.
	 */
	abstract double[][] contributions(List<Example<Label>> examples);

	/** Names of the contribution columns (without the bias). */
	abstract List<String> featureNames();

	static ReasonCodes forModel(Model<Label> model, Label positive) {
		if (model instanceof TransformedModel<Label> tm && tm.getInnerModel() instanceof LinearSGDModel) {
			return new Linear(tm, positive);
		}
		if (model instanceof XGBoostModel<Label> xgb) {
			return new TreeShap(xgb, positive);
		}
		return new None();
	}

	List<ReasonCode> top(Example<Label> example, double[] contributions, int n) {
		List<String> names = featureNames();
		// Partial selection of the n largest |contribution|: n is tiny, the feature count
		// is ~50.
		int[] best = new int[n];
		int found = 0;
		for (int k = 0; k < names.size(); k++) {
			double a = Math.abs(contributions[k]);
			if (a == 0) {
				continue;
			}
			int pos = found < n ? found++ : n;
			while (pos > 0 && Math.abs(contributions[best[pos - 1]]) < a) {
				if (pos < n) {
					best[pos] = best[pos - 1];
				}
				pos--;
			}
			if (pos < n) {
				best[pos] = k;
			}
		}
		List<ReasonCode> out = new ArrayList<>(found);
		for (int i = 0; i < found; i++) {
			String name = names.get(best[i]);
			out.add(new ReasonCode(name, valueOf(example, name), contributions[best[i]]));
		}
		return out;
	}

	private static double valueOf(Example<Label> example, String name) {
		for (Feature f : example) {
			if (f.getName().equals(name)) {
				return f.getValue();
			}
		}
		return 0;
	}

	private static List<String> namesById(ImmutableFeatureMap map) {
		String[] names = new String[map.size()];
		map.forEach(info -> names[map.getID(info.getName())] = info.getName());
		return List.of(names);
	}

	static final class None extends ReasonCodes {

		@Override
		double[][] contributions(List<Example<Label>> examples) {
			return new double[examples.size()][1];
		}

		@Override
		List<String> featureNames() {
			return List.of();
		}

	}

	static final class Linear extends ReasonCodes {

		private final TransformedModel<Label> model;

		private final double[] weights; // positive minus negative class, bias last

		private final List<String> names;

		private final ImmutableFeatureMap featureMap;

		Linear(TransformedModel<Label> model, Label positive) {
			this.model = model;
			LinearSGDModel inner = (LinearSGDModel) model.getInnerModel();
			this.featureMap = inner.getFeatureIDMap();
			this.names = namesById(featureMap);
			DenseMatrix w = inner.getWeightsCopy();
			int pos = inner.getOutputIDInfo().getID(positive);
			int neg = 1 - pos;
			this.weights = new double[w.getDimension2Size()];
			for (int k = 0; k < weights.length; k++) {
				weights[k] = w.get(pos, k) - w.get(neg, k);
			}
		}

		@Override
		double[][] contributions(List<Example<Label>> examples) {
			double[][] out = new double[examples.size()][];
			for (int i = 0; i < out.length; i++) {
				double[] c = new double[names.size() + 1];
				Example<Label> z = model.getTransformerMap().transformExample(examples.get(i));
				for (Feature f : z) {
					int id = featureMap.getID(f.getName());
					if (id >= 0) {
						c[id] = weights[id] * f.getValue();
					}
				}
				c[names.size()] = weights[weights.length - 1];
				out[i] = c;
			}
			return out;
		}

		@Override
		List<String> featureNames() {
			return names;
		}

	}

	/**
	 * TreeSHAP from the booster. The rows are built as Tribuo builds them for prediction
	 * (every feature the model knows, as a float; a feature the example lacks is
	 * missing), so the contributions explain exactly the probabilities
	 * {@link ScoringModel} reports.
	 */
	static final class TreeShap extends ReasonCodes {

		private final Booster booster;

		private final ImmutableFeatureMap featureMap;

		private final List<String> names;

		private final int positive;

		private final int negative;

		TreeShap(XGBoostModel<Label> model, Label positiveLabel) {
			if (model.getOutputIDInfo().size() != 2 || model.getInnerModels().size() != 1) {
				throw new IllegalArgumentException("expected a two-class model with one booster");
			}
			this.booster = model.getInnerModels().get(0);
			this.featureMap = model.getFeatureIDMap();
			this.names = namesById(featureMap);
			this.positive = model.getOutputIDInfo().getID(positiveLabel);
			this.negative = 1 - positive;
		}

		@Override
		double[][] contributions(List<Example<Label>> examples) {
			int width = featureMap.size();
			float[] rows = new float[examples.size() * width];
			Arrays.fill(rows, Float.NaN);
			for (int i = 0; i < examples.size(); i++) {
				for (Feature f : examples.get(i)) {
					int id = featureMap.getID(f.getName());
					if (id >= 0) {
						rows[i * width + id] = (float) f.getValue();
					}
				}
			}
			float[][] shap;
			DMatrix matrix = null;
			try {
				matrix = new DMatrix(rows, examples.size(), width, Float.NaN);
				shap = booster.predictContrib(matrix, 0);
			}
			catch (XGBoostError e) {
				throw new IllegalStateException("XGBoost could not compute the contributions: " + e.getMessage(), e);
			}
			finally {
				if (matrix != null) {
					matrix.dispose();
				}
			}
			// Per row: the SHAP values of class 0 (features, then bias), then those of
			// class 1.
			double[][] out = new double[examples.size()][width + 1];
			for (int i = 0; i < out.length; i++) {
				int pos = positive * (width + 1);
				int neg = negative * (width + 1);
				for (int k = 0; k <= width; k++) {
					out[i][k] = (double) shap[i][pos + k] - shap[i][neg + k];
				}
			}
			return out;
		}

		@Override
		List<String> featureNames() {
			return names;
		}

	}

}
