package io.creditdesk.scoring.model;

import io.creditdesk.scoring.features.PaymentHistoryFeatures;
import io.creditdesk.scoring.history.PaymentHistory;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.provenance.ModelProvenance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A trained scoring model: what the service loads and calls.
 * <pre>{@code
 * ScoringModel model = ScoringModel.load(Path.of("model.tribuo"));
 * Score s = model.score(history);            // probability, grade, reason codes
 * List<Score> all = model.scoreAll(histories); // one batched model call
 * }</pre>
 * The file is Tribuo's protobuf model format, which carries the model's provenance (trainer,
 * hyperparameters, data). Instances are thread-safe.
 */
public final class ScoringModel {

    /** Label of customers that defaulted or became seriously delinquent. */
    public static final Label DEFAULT = new Label("1");
    /** Label of customers that kept paying. */
    public static final Label OK = new Label("0");
    public static final int DEFAULT_REASONS = 3;

    private final Model<Label> model;
    private final ReasonCodes reasons;
    /** For XGBoost models: the pure-Java copy used for single-customer scoring; null otherwise. */
    private final TreeEnsemble trees;

    public ScoringModel(Model<Label> model) {
        if (!model.generatesProbabilities()) {
            throw new IllegalArgumentException("the model does not produce probabilities: " + model.getClass());
        }
        if (model.getOutputIDInfo().getID(DEFAULT) < 0 || model.getOutputIDInfo().size() != 2) {
            throw new IllegalArgumentException("the model must predict exactly the labels 0 and 1, it knows "
                    + model.getOutputIDInfo().getDomain());
        }
        Set<String> known = new HashSet<>(PaymentHistoryFeatures.featureNames());
        model.getFeatureIDMap().forEach(f -> {
            if (!known.contains(f.getName())) {
                throw new IllegalArgumentException("the model was trained on feature '" + f.getName()
                        + "', which " + PaymentHistoryFeatures.VERSION + " does not produce");
            }
        });
        this.model = model;
        this.reasons = ReasonCodes.forModel(model, DEFAULT);
        this.trees = reasons instanceof ReasonCodes.Trees t ? t.ensemble : null;
        if (trees != null) {
            selfCheck();
        }
    }

    /** Refuses a tree model whose Java copy does not reproduce Tribuo's probabilities. */
    private void selfCheck() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
        List<Example<Label>> probes = new ArrayList<>();
        String[] names = trees.featureNames().toArray(new String[0]);
        for (int i = 0; i < 20; i++) {
            double[] v = new double[names.length];
            for (int k = 0; k < v.length; k++) {
                v[k] = i == 0 ? 0 : rnd.nextDouble(-3, 10);
            }
            probes.add(new org.tribuo.impl.ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, v));
        }
        List<Prediction<Label>> viaTribuo = model.predict(probes);
        for (int i = 0; i < probes.size(); i++) {
            double javaP = TreeEnsemble.sigmoid(trees.logOdds(trees.vector(probes.get(i))));
            if (Math.abs(javaP - probability(viaTribuo.get(i))) > 1e-5) {
                throw new IllegalStateException("the Java copy of the XGBoost trees disagrees with XGBoost: "
                        + javaP + " vs " + probability(viaTribuo.get(i)));
            }
        }
    }

    /**
     * Loads a model file written by {@link #save(Path)} (or the {@code train} command).
     *
     * @throws IllegalArgumentException when the file does not exist or is not a Tribuo classification model
     */
    public static ScoringModel load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": model file not found");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return fromStream(in, file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the model file: " + e.getMessage(), e);
        }
    }

    /** Loads a model file packaged as a classpath resource, e.g. {@code "/models/credit.tribuo"}. */
    public static ScoringModel loadFromClasspath(String resource) {
        try (InputStream in = ScoringModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException(resource + ": no such classpath resource");
            }
            return fromStream(in, resource);
        } catch (IOException e) {
            throw new IllegalArgumentException(resource + ": cannot read the model: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static ScoringModel fromStream(InputStream in, String name) throws IOException {
        Model<?> raw;
        try {
            raw = Model.deserializeFromStream(in);
        } catch (RuntimeException | IOException e) {
            throw new IllegalArgumentException(name + ": not a Tribuo model file (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
        if (!raw.validate(Label.class)) {
            throw new IllegalArgumentException(name + ": a Tribuo model, but not a classification model");
        }
        try {
            return new ScoringModel((Model<Label>) raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    public void save(Path file) throws IOException {
        model.serializeToFile(file);
    }

    /**
     * Scores one customer, with the {@value #DEFAULT_REASONS} strongest reason codes. XGBoost models are evaluated
     * on their pure-Java copy (a JNI call per customer would cost more than the whole budget); it agrees with
     * XGBoost to float precision, which the constructor verifies.
     */
    public Score score(PaymentHistory history) {
        if (trees == null) {
            return scoreAll(List.of(history)).get(0);
        }
        Example<Label> example = PaymentHistoryFeatures.example(history, LabelFactory.UNKNOWN_LABEL);
        float[] x = trees.vector(example);
        double[] c = trees.contributions(x);
        double logOdds = 0;
        for (double v : c) {
            logOdds += v;
        }
        double p = TreeEnsemble.sigmoid(logOdds);
        return new Score(history.customerId(), p, RiskGrade.of(p), reasons.top(example, c, DEFAULT_REASONS));
    }

    /** Scores many customers with one batched model call (and one batched contribution call). */
    public List<Score> scoreAll(List<PaymentHistory> histories) {
        List<Example<Label>> examples = examples(histories);
        List<Prediction<Label>> predictions = predict(examples);
        double[][] contributions = reasons.contributions(examples);
        List<Score> out = new ArrayList<>(histories.size());
        for (int i = 0; i < histories.size(); i++) {
            double p = probability(predictions.get(i));
            out.add(new Score(histories.get(i).customerId(), p, RiskGrade.of(p),
                    reasons.top(examples.get(i), contributions[i], DEFAULT_REASONS)));
        }
        return out;
    }

    /** Probabilities only (no reason codes), batched; used by evaluation. */
    public double[] probabilities(List<PaymentHistory> histories) {
        List<Prediction<Label>> predictions = predict(examples(histories));
        double[] p = new double[predictions.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = probability(predictions.get(i));
        }
        return p;
    }

    /**
     * Every feature's contribution to the log-odds of default for one customer, indexed like
     * {@link #contributionNames()}, with the bias as the last element. Empty for the baseline.
     */
    public double[] contributions(PaymentHistory history) {
        return reasons.contributions(examples(List.of(history)))[0];
    }

    public List<String> contributionNames() {
        return reasons.featureNames();
    }

    private List<Prediction<Label>> predict(List<Example<Label>> examples) {
        return examples.size() == 1 ? List.of(model.predict(examples.get(0))) : model.predict(examples);
    }

    private static List<Example<Label>> examples(List<PaymentHistory> histories) {
        List<Example<Label>> examples = new ArrayList<>(histories.size());
        for (PaymentHistory h : histories) {
            examples.add(PaymentHistoryFeatures.example(h, LabelFactory.UNKNOWN_LABEL));
        }
        return examples;
    }

    static double probability(Prediction<Label> prediction) {
        Label l = prediction.getOutputScores().get(DEFAULT.getLabel());
        return l == null ? 0.0 : Math.max(0.0, Math.min(1.0, l.getScore()));
    }

    public Model<Label> tribuoModel() {
        return model;
    }

    public ModelProvenance provenance() {
        return model.getProvenance();
    }

    /** Feature names the model was trained on, in Tribuo's id order. */
    public List<String> featureNames() {
        List<String> names = new ArrayList<>();
        model.getFeatureIDMap().forEach(f -> names.add(f.getName()));
        return names;
    }
}
