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
import java.util.Comparator;
import java.util.List;

/**
 * Per-prediction log-odds contributions of every feature, computed honestly for each model type.
 * <ul>
 *   <li>Logistic regression ({@link TransformedModel} around a {@link LinearSGDModel}): the contribution of
 *       feature k is {@code (w[default][k] - w[ok][k]) * z_k}, z_k being the standardized value the model saw;
 *       together with the bias they sum to the log-odds of default.</li>
 *   <li>XGBoost: TreeSHAP contributions from {@code Booster.predictContrib}, differenced between the two classes
 *       in the same way; they sum, with the bias, to the model's margin.</li>
 *   <li>Anything else (the baseline): no contributions.</li>
 * </ul>
 */
abstract class ReasonCodes {

    /** Contributions for each example, indexed like {@code featureNames()}; the last element of each row is the bias. */
    abstract double[][] contributions(List<Example<Label>> examples);

    /** Names of the contribution columns (without the bias). */
    abstract List<String> featureNames();

    static ReasonCodes forModel(Model<Label> model, Label positive) {
        if (model instanceof TransformedModel<Label> tm && tm.getInnerModel() instanceof LinearSGDModel) {
            return new Linear(tm, positive);
        }
        if (model instanceof XGBoostModel<Label> xgb) {
            return new Trees(xgb, positive);
        }
        return new None();
    }

    List<ReasonCode> top(Example<Label> example, double[] contributions, int n) {
        List<String> names = featureNames();
        List<ReasonCode> all = new ArrayList<>(names.size());
        for (int k = 0; k < names.size(); k++) {
            if (contributions[k] != 0) {
                all.add(new ReasonCode(names.get(k), valueOf(example, names.get(k)), contributions[k]));
            }
        }
        all.sort(Comparator.comparingDouble((ReasonCode r) -> -Math.abs(r.contribution())));
        return all.subList(0, Math.min(n, all.size()));
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

    static final class Trees extends ReasonCodes {
        private final Booster booster;
        private final int positive;
        private final List<String> names;
        private final ImmutableFeatureMap featureMap;

        Trees(XGBoostModel<Label> model, Label positiveLabel) {
            this.booster = model.getInnerModels().get(0);
            this.positive = model.getOutputIDInfo().getID(positiveLabel);
            this.featureMap = model.getFeatureIDMap();
            this.names = namesById(featureMap);
        }

        @Override
        double[][] contributions(List<Example<Label>> examples) {
            int f = names.size();
            try {
                DMatrix matrix = toDMatrix(examples, featureMap);
                try {
                    float[][] raw;
                    synchronized (booster) {
                        raw = booster.predictContrib(matrix, 0);
                    }
                    double[][] out = new double[examples.size()][f + 1];
                    for (int i = 0; i < raw.length; i++) {
                        float[] r = raw[i];
                        if (r.length == f + 1) { // binary objective: margin of the positive class
                            for (int k = 0; k <= f; k++) {
                                out[i][k] = positive == 1 ? r[k] : -r[k];
                            }
                        } else if (r.length == 2 * (f + 1)) { // softprob over two classes
                            int p = positive * (f + 1);
                            int n = (1 - positive) * (f + 1);
                            for (int k = 0; k <= f; k++) {
                                out[i][k] = r[p + k] - r[n + k];
                            }
                        } else {
                            throw new IllegalStateException("unexpected contribution width " + r.length);
                        }
                    }
                    return out;
                } finally {
                    matrix.dispose();
                }
            } catch (XGBoostError e) {
                throw new IllegalStateException("XGBoost failed to compute contributions", e);
            }
        }

        @Override
        List<String> featureNames() {
            return names;
        }
    }

    /** Mirrors Tribuo's own example-to-DMatrix conversion: the features present, in feature-id order. */
    static DMatrix toDMatrix(List<Example<Label>> examples, ImmutableFeatureMap featureMap) throws XGBoostError {
        int capacity = examples.size() * featureMap.size();
        float[] data = new float[capacity];
        int[] indices = new int[capacity];
        long[] headers = new long[examples.size() + 1];
        int pos = 0;
        for (int i = 0; i < examples.size(); i++) {
            int prev = -1;
            for (Feature f : examples.get(i)) {
                int id = featureMap.getID(f.getName());
                if (id > prev) {
                    data[pos] = (float) f.getValue();
                    indices[pos] = id;
                    pos++;
                    prev = id;
                }
            }
            headers[i + 1] = pos;
        }
        if (pos < capacity) {
            data = java.util.Arrays.copyOf(data, pos);
            indices = java.util.Arrays.copyOf(indices, pos);
        }
        return new DMatrix(headers, indices, data, DMatrix.SparseType.CSR, featureMap.size());
    }
}
