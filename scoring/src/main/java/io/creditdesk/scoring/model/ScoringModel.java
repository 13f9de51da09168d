package io.creditdesk.scoring.model;

import io.creditdesk.scoring.features.PaymentHistoryFeatures;
import io.creditdesk.scoring.history.HistoryResult;
import io.creditdesk.scoring.history.PaymentHistory;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.ModelProvenance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A trained scoring model: what the service loads and calls. <pre>{@code
 * ScoringModel model = ScoringModel.load(Path.of("model.tribuo"));
 * Score s = model.score(history);            // probability, grade, reason codes
 * List<Score> all = model.scoreAll(histories); // one batched model call
 * }</pre> The file is Tribuo's protobuf model format, which carries the model's
 * provenance (trainer, hyperparameters, data). Instances are thread-safe.
 */
public final class ScoringModel {

	/** Label of customers that defaulted or became seriously delinquent. */
	public static final Label DEFAULT = new Label("1");

	/** Label of customers that kept paying. */
	public static final Label OK = new Label("0");

	public static final int DEFAULT_REASONS = 3;

	private final Model<Label> model;

	private final ReasonCodes reasons;

	/**
	 * Wraps a trained Tribuo model.
	 * @throws IllegalArgumentException when it gives no probabilities, does not predict
	 * exactly the labels 0 and 1, or uses a feature the feature definition does not
	 * produce
	 * @throws IllegalStateException when its contributions do not add up to its own
	 * predictions
	 */
	public ScoringModel(Model<Label> model) {
		if (!model.generatesProbabilities()) {
			throw new IllegalArgumentException("the model does not produce probabilities: " + model.getClass());
		}
		if (model.getOutputIDInfo().getID(DEFAULT) < 0 || model.getOutputIDInfo().getID(OK) < 0
				|| model.getOutputIDInfo().size() != 2) {
			throw new IllegalArgumentException("the model must predict exactly the labels 0 and 1, it knows "
					+ model.getOutputIDInfo().getDomain());
		}
		Set<String> known = new HashSet<>(PaymentHistoryFeatures.featureNames());
		model.getFeatureIDMap().forEach(f -> {
			if (!known.contains(f.getName())) {
				throw new IllegalArgumentException("the model was trained on feature '" + f.getName() + "', which "
						+ PaymentHistoryFeatures.VERSION + " does not produce");
			}
		});
		this.model = model;
		this.reasons = ReasonCodes.forModel(model, DEFAULT);
		selfCheck();
	}

	/**
	 * Refuses a model whose contributions do not add up to its own probabilities (they
	 * are what reason codes report, so they must explain the score): twenty probes,
	 * within 1e-5.
	 */
	private void selfCheck() {
		List<String> names = reasons.featureNames();
		if (names.isEmpty()) {
			return;
		}
		SplittableRandom rnd = new SplittableRandom(1);
		List<Example<Label>> probes = new ArrayList<>();
		String[] featureNames = names.toArray(new String[0]);
		for (int i = 0; i < 20; i++) {
			double[] v = new double[featureNames.length];
			for (int k = 0; k < v.length; k++) {
				v[k] = i == 0 ? 0 : rnd.nextDouble(-3, 10);
			}
			probes.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, featureNames, v));
		}
		List<Prediction<Label>> predictions = model.predict(probes);
		double[][] c = reasons.contributions(probes);
		for (int i = 0; i < probes.size(); i++) {
			double logOdds = 0;
			for (double v : c[i]) {
				logOdds += v;
			}
			double fromContributions = sigmoid(logOdds);
			double predicted = probability(predictions.get(i));
			if (Math.abs(fromContributions - predicted) > 1e-5) {
				throw new IllegalStateException("the model's contributions do not add up to its prediction: "
						+ fromContributions + " vs " + predicted);
			}
		}
	}

	static double sigmoid(double z) {
		return 1 / (1 + Math.exp(-z));
	}

	/**
	 * Loads a model file written by {@link #save(Path)} (or the {@code train} command).
	 * @throws IllegalArgumentException when the file does not exist or is not a Tribuo
	 * classification model
	 */
	public static ScoringModel load(Path file) {
		if (!Files.isRegularFile(file)) {
			throw new IllegalArgumentException(file + ": model file not found");
		}
		try (InputStream in = Files.newInputStream(file)) {
			return fromStream(in, file.toString());
		}
		catch (IOException e) {
			throw new IllegalArgumentException(file + ": cannot read the model file: " + e.getMessage(), e);
		}
	}

	/**
	 * Loads a model file packaged as a classpath resource, e.g.
	 * {@code "/models/credit.tribuo"}.
	 */
	public static ScoringModel loadFromClasspath(String resource) {
		try (InputStream in = ScoringModel.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalArgumentException(resource + ": no such classpath resource");
			}
			return fromStream(in, resource);
		}
		catch (IOException e) {
			throw new IllegalArgumentException(resource + ": cannot read the model: " + e.getMessage(), e);
		}
	}

	@SuppressWarnings("unchecked")
	private static ScoringModel fromStream(InputStream in, String name) throws IOException {
		Model<?> raw;
		try {
			raw = Model.deserializeFromStream(in);
		}
		catch (RuntimeException | IOException e) {
			throw new IllegalArgumentException(name + ": not a Tribuo model file (" + e.getClass().getSimpleName()
					+ (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
		}
		if (!raw.validate(Label.class)) {
			throw new IllegalArgumentException(name + ": a Tribuo model, but not a classification model");
		}
		try {
			return new ScoringModel((Model<Label>) raw);
		}
		catch (IllegalArgumentException | IllegalStateException e) {
			throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
		}
	}

	public void save(Path file) throws IOException {
		model.serializeToFile(file);
	}

	/**
	 * Scores one customer, with the {@value #DEFAULT_REASONS} strongest reason codes:
	 * exactly what {@link #scoreAll(List)} gives for this customer (XGBoost: about 1 ms,
	 * most of it TreeSHAP; batch many customers).
	 */
	public Score score(PaymentHistory history) {
		return scoreAll(List.of(history)).get(0);
	}

	/**
	 * Scores many customers with one batched model call (and one batched contribution
	 * call).
	 */
	public List<Score> scoreAll(List<PaymentHistory> histories) {
		return scoreAll(histories, DEFAULT_REASONS);
	}

	/**
	 * Scores many customers, each with its {@code reasons} strongest reason codes: one
	 * native call for the probabilities and one for the contributions, whatever the
	 * number of customers.
	 */
	public List<Score> scoreAll(List<PaymentHistory> histories, int reasons) {
		if (reasons < 0) {
			throw new IllegalArgumentException("the number of reasons must not be negative, was " + reasons);
		}
		if (histories.isEmpty()) {
			return List.of();
		}
		List<Example<Label>> examples = examples(histories);
		List<Prediction<Label>> predictions = predict(examples);
		double[][] contributions = this.reasons.contributions(examples);
		List<Score> out = new ArrayList<>(histories.size());
		for (int i = 0; i < histories.size(); i++) {
			double p = probability(predictions.get(i));
			out.add(new Score(histories.get(i).customerId(), p, RiskGrade.of(p),
					this.reasons.top(examples.get(i), contributions[i], reasons)));
		}
		return out;
	}

	/**
	 * Scores the customers whose history is available, in one batch, and passes the
	 * others through as {@link ScoreStatus#INSUFFICIENT_HISTORY}: the service's portfolio
	 * run.
	 */
	public List<CustomerScore> scoreHistories(List<HistoryResult> results) {
		List<PaymentHistory> available = new ArrayList<>();
		for (HistoryResult r : results) {
			if (r.isAvailable()) {
				available.add(r.history());
			}
		}
		List<Score> scores = scoreAll(available);
		List<CustomerScore> out = new ArrayList<>(results.size());
		int next = 0;
		for (HistoryResult r : results) {
			out.add(r.isAvailable() ? CustomerScore.scored(r, scores.get(next++)) : CustomerScore.insufficient(r));
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
	 * Every feature's contribution to the log-odds of default for one customer, indexed
	 * like {@link #contributionNames()}, with the bias as the last element. Empty for the
	 * baseline.
	 */
	public double[] contributions(PaymentHistory history) {
		return reasons.contributions(examples(List.of(history)))[0];
	}

	public List<String> contributionNames() {
		return reasons.featureNames();
	}

	private List<Prediction<Label>> predict(List<Example<Label>> examples) {
		return model.predict(examples);
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

	/**
	 * For XGBoost models, the threads its predictions and contributions use (a model
	 * keeps the count it was trained with). Call once, before the model is shared between
	 * threads; other models ignore it.
	 */
	public void setNumThreads(int threads) {
		if (threads < 1) {
			throw new IllegalArgumentException("threads must be at least 1, was " + threads);
		}
		if (model instanceof XGBoostModel<Label> xgb) {
			xgb.setNumThreads(threads);
		}
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
