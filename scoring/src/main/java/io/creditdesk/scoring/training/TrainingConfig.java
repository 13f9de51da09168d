package io.creditdesk.scoring.training;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Everything that determines a trained model besides the data: the trainer and its
 * hyperparameters, and the seed. Defaults are the tuned values recorded in the scoring
 * README; a properties file (keys as in {@link #asMap()}, e.g. {@code xgboost.trees=300})
 * or CLI options override them.
 */
public record TrainingConfig(TrainerKind trainer, long seed, int xgbTrees, double xgbEta, int xgbMaxDepth,
		double xgbMinChildWeight, double xgbSubsample, double xgbColsample, double xgbLambda, double xgbGamma,
		int xgbThreads, int lrEpochs, double lrLearningRate, int lrMinibatch) {

	public static final long DEFAULT_SEED = 42L;

	public static TrainingConfig defaults(TrainerKind trainer) {
		return new TrainingConfig(trainer, DEFAULT_SEED, 800, 0.02, 4, 10.0, 0.8, 0.6, 5.0, 0.0, 2, 5, 0.1, 32);
	}

	public TrainingConfig withSeed(long newSeed) {
		return new TrainingConfig(trainer, newSeed, xgbTrees, xgbEta, xgbMaxDepth, xgbMinChildWeight, xgbSubsample,
				xgbColsample, xgbLambda, xgbGamma, xgbThreads, lrEpochs, lrLearningRate, lrMinibatch);
	}

	public TrainingConfig withTrainer(TrainerKind kind) {
		return new TrainingConfig(kind, seed, xgbTrees, xgbEta, xgbMaxDepth, xgbMinChildWeight, xgbSubsample,
				xgbColsample, xgbLambda, xgbGamma, xgbThreads, lrEpochs, lrLearningRate, lrMinibatch);
	}

	/** The hyperparameters that apply to this trainer, for the model card and report. */
	public Map<String, Object> asMap() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("trainer", trainer.cliName());
		m.put("seed", seed);
		switch (trainer) {
			case XGBOOST -> {
				m.put("xgboost.trees", xgbTrees);
				m.put("xgboost.eta", xgbEta);
				m.put("xgboost.maxDepth", xgbMaxDepth);
				m.put("xgboost.minChildWeight", xgbMinChildWeight);
				m.put("xgboost.subsample", xgbSubsample);
				m.put("xgboost.colsample", xgbColsample);
				m.put("xgboost.lambda", xgbLambda);
				m.put("xgboost.gamma", xgbGamma);
				m.put("xgboost.threads", xgbThreads);
			}
			case LOGISTIC, BASELINE -> {
				m.put("logistic.epochs", lrEpochs);
				m.put("logistic.learningRate", lrLearningRate);
				m.put("logistic.minibatch", lrMinibatch);
				m.put("logistic.optimiser", "AdaGrad");
				m.put("logistic.standardization", "MeanStdDevTransformation");
				if (trainer == TrainerKind.BASELINE) {
					m.put("baseline.features", "delay_m1 only");
				}
			}
		}
		return m;
	}

	/**
	 * Reads overrides from a properties file; unknown keys are an error so that typos do
	 * not go unnoticed.
	 */
	public static TrainingConfig fromProperties(Path file, TrainingConfig base) throws IOException {
		Properties p = new Properties();
		try (Reader r = Files.newBufferedReader(file)) {
			p.load(r);
		}
		return apply(p, base, file.toString());
	}

	static TrainingConfig apply(Properties p, TrainingConfig base, String source) {
		Map<String, String> v = new LinkedHashMap<>();
		for (String k : p.stringPropertyNames()) {
			v.put(k, p.getProperty(k).trim());
		}
		try {
			TrainerKind kind = v.containsKey("trainer") ? TrainerKind.parse(v.remove("trainer")) : base.trainer;
			TrainingConfig c = new TrainingConfig(kind,
					v.containsKey("seed") ? Long.parseLong(v.remove("seed")) : base.seed,
					intOr(v, "xgboost.trees", base.xgbTrees), dblOr(v, "xgboost.eta", base.xgbEta),
					intOr(v, "xgboost.maxDepth", base.xgbMaxDepth),
					dblOr(v, "xgboost.minChildWeight", base.xgbMinChildWeight),
					dblOr(v, "xgboost.subsample", base.xgbSubsample), dblOr(v, "xgboost.colsample", base.xgbColsample),
					dblOr(v, "xgboost.lambda", base.xgbLambda), dblOr(v, "xgboost.gamma", base.xgbGamma),
					intOr(v, "xgboost.threads", base.xgbThreads), intOr(v, "logistic.epochs", base.lrEpochs),
					dblOr(v, "logistic.learningRate", base.lrLearningRate),
					intOr(v, "logistic.minibatch", base.lrMinibatch));
			if (!v.isEmpty()) {
				throw new IllegalArgumentException(source + ": unknown setting(s) " + v.keySet());
			}
			return c;
		}
		catch (NumberFormatException e) {
			throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
		}
	}

	private static int intOr(Map<String, String> v, String key, int fallback) {
		String s = v.remove(key);
		return s == null ? fallback : Integer.parseInt(s);
	}

	private static double dblOr(Map<String, String> v, String key, double fallback) {
		String s = v.remove(key);
		return s == null ? fallback : Double.parseDouble(s);
	}
}
