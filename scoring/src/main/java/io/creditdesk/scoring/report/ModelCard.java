package io.creditdesk.scoring.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.creditdesk.scoring.data.InvoiceAggregator;
import io.creditdesk.scoring.data.UciCreditDefaultLoader;
import io.creditdesk.scoring.evaluation.Evaluation;
import io.creditdesk.scoring.features.PaymentHistoryFeatures;
import io.creditdesk.scoring.model.RiskGrade;
import io.creditdesk.scoring.model.ScoringModel;
import io.creditdesk.scoring.training.TrainingConfig;
import org.tribuo.Tribuo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The model card written next to every model file, as JSON (for machines) and Markdown
 * (for people): data source and hash, features, trainer and hyperparameters, metrics,
 * grade table, intended use, excluded protected attributes and the data licence.
 */
public final class ModelCard {

	public static final String LABEL_DEFINITION = "1 = the customer became seriously delinquent or defaulted in the "
			+ "period after the history. UCI data: default payment in the following month "
			+ "(default.payment.next.month). Invoice data: within the horizon after the as-of date an invoice was, "
			+ "or became, 60+ days past due while unpaid, or was closed with less than half paid.";

	public static final String INTENDED_USE = "Ranking and grading the payment risk of existing B2B customers "
			+ "from their own payment history, as one input to credit-limit and order-release decisions reviewed by "
			+ "credit staff. Not for decisions about natural persons' creditworthiness, not for customers without "
			+ "6 months of history, and not outside the population it was trained on.";

	public static final List<String> PROTECTED_EXCLUDED = List.of("sex", "age", "marital status", "education",
			"nationality");

	/** Key of the model file's SHA-256 (hex) in the card. */
	public static final String MODEL_SHA256 = "modelSha256";

	/**
	 * Key of the training population's
	 * {@link io.creditdesk.scoring.evaluation.ModelBaseline} in the card.
	 */
	public static final String BASELINE = "baseline";

	/** Key of the feature-definition version in the card. */
	public static final String FEATURE_DEFINITION = "featureDefinition";

	/** Where the data came from. */
	public record DataSource(String file, String format, String sha256, long rows, long positives, String licence) {
	}

	private ModelCard() {
	}

	public static String licenceFor(String format, String file) {
		if (format.equals("uci-default")) {
			return "UCI Machine Learning Repository, \"Default of Credit Card Clients\" (Yeh, I-C. & Lien, C-H., "
					+ "2009, Expert Systems with Applications 36(2):2473-2480; DOI 10.24432/C55S3H), licensed CC BY 4.0 "
					+ "(https://creativecommons.org/licenses/by/4.0/). Used as payment-history columns only; "
					+ UciCreditDefaultLoader.PROTECTED_COLUMNS + " were not read.";
		}
		if (format.equals("ibm-ar")) {
			return "IBM Watson Analytics sample \"Accounts Receivable\"; no licence stated: development and tests "
					+ "only, do not ship a model trained on it.";
		}
		return "Data supplied by the user (" + file + "); CreditDesk's generated samples are part of this project.";
	}

	/** The label definition for a format and the aggregation settings actually used. */
	public static String labelDefinition(String format, InvoiceAggregator.Options o) {
		return switch (format) {
			case "uci-default" ->
				"1 = default payment in the month after the history (UCI column " + "default.payment.next.month).";
			case "statements" -> "1 = serious delinquency or default in the period after the history, as labelled "
					+ "in the statements file (the generator labels with the invoice rule: 60+ days past due or "
					+ "a write-off within 3 months).";
			default -> "1 = within " + o.horizonMonths() + " months after the as-of date "
					+ (o.asOf() == null ? "(first day of the latest invoice's month minus the horizon)" : o.asOf())
					+ ", an invoice was or became " + o.seriousDaysLate() + "+ days past due while unpaid, "
					+ "or was closed with less than half of it paid.";
		};
	}

	public static Map<String, Object> build(ScoringModel model, TrainingConfig config, DataSource data,
			Evaluation evaluation, String evaluationMethod, double[] foldAuc) {
		Map<String, Object> card = new LinkedHashMap<>();
		card.put("model", "CreditDesk payment-history PD model (" + config.trainer().cliName() + ")");
		card.put("modelFormat", "Tribuo protobuf (org.tribuo " + Tribuo.VERSION + ")");
		card.put("trainer", config.asMap());
		card.put("tribuoTrainerProvenance", model.provenance().getTrainerProvenance().toString());
		card.put("data", data);
		card.put("label", LABEL_DEFINITION);
		card.put(FEATURE_DEFINITION, PaymentHistoryFeatures.VERSION);
		card.put("features", model.featureNames());
		card.put("evaluationMethod", evaluationMethod);
		if (foldAuc != null) {
			card.put("foldAuc", foldAuc);
		}
		Map<String, Object> metrics = new LinkedHashMap<>();
		metrics.put("auc", evaluation.auc());
		metrics.put("prAuc", evaluation.prAuc());
		metrics.put("brier", evaluation.brier());
		metrics.put("logLoss", evaluation.logLoss());
		metrics.put("ks", evaluation.ks());
		metrics.put("topDecileLift", evaluation.topDecileLift());
		metrics.put("baseRate", evaluation.baseRate());
		metrics.put("confusion", evaluation.confusion());
		card.put("metrics", metrics);
		card.put("calibration", evaluation.calibration());
		card.put("gradeTable", evaluation.grades());
		if (!evaluation.segments().isEmpty()) {
			card.put("segments", evaluation.segments());
		}
		card.put("intendedUse", INTENDED_USE);
		card.put("protectedAttributesExcluded", PROTECTED_EXCLUDED);
		card.put("reasonCodes", "Top 3 features by |contribution to the log-odds of default|: coefficient x "
				+ "standardized value (logistic, baseline) or TreeSHAP from the booster's predictContrib (xgboost); "
				+ "both exact per prediction and summing, with the bias, to the log-odds.");
		card.put("licence", data.licence());
		return card;
	}

	public static ObjectMapper json() {
		return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
	}

	public static void writeJson(Map<String, Object> card, Path file) throws IOException {
		json().writeValue(file.toFile(), card);
	}

	public static void writeMarkdown(Map<String, Object> card, Evaluation e, Path file) throws IOException {
		StringBuilder md = new StringBuilder();
		md.append("# Model card: ").append(card.get("model")).append("\n\n");
		DataSource d = (DataSource) card.get("data");
		md.append("## Data\n\n");
		md.append("- File: `").append(d.file()).append("` (format `").append(d.format()).append("`)\n");
		md.append("- SHA-256: `").append(d.sha256()).append("`\n");
		md.append(String.format(Locale.ROOT, "- Rows: %d, defaults: %d (%.1f %%)%n", d.rows(), d.positives(),
				100.0 * d.positives() / Math.max(1, d.rows())));
		md.append("- Licence / attribution: ").append(d.licence()).append("\n\n");
		md.append("## Label\n\n").append(card.get("label")).append("\n\n");
		md.append("## Trainer and hyperparameters\n\n");
		@SuppressWarnings("unchecked")
		Map<String, Object> trainer = (Map<String, Object>) card.get("trainer");
		trainer.forEach((k, v) -> md.append("- `").append(k).append("`: ").append(v).append('\n'));
		md.append("\n## Metrics (").append(card.get("evaluationMethod")).append(")\n\n");
		md.append("| metric | value |\n|---|---|\n");
		md.append(row("ROC-AUC", e.auc()))
			.append(row("PR-AUC", e.prAuc()))
			.append(row("Brier score", e.brier()))
			.append(row("Log-loss", e.logLoss()))
			.append(row("KS", e.ks()))
			.append(row("Top-decile lift", e.topDecileLift()))
			.append(row("Base rate", e.baseRate()));
		var c = e.confusion();
		md.append(String.format(Locale.ROOT, "%nConfusion at threshold %.2f: TP %d, FP %d, TN %d, FN %d.%n%n",
				c.threshold(), c.truePositives(), c.falsePositives(), c.trueNegatives(), c.falseNegatives()));
		md.append("## Risk grades\n\n| grade | PD band | customers | share | mean predicted | observed default rate |\n"
				+ "|---|---|---|---|---|---|\n");
		for (var g : e.grades()) {
			md.append(String.format(Locale.ROOT, "| %s | %.0f %% - %.0f %% | %d | %.1f %% | %s | %s |%n", g.grade(),
					100 * g.lower(), 100 * g.upper(), g.count(), 100 * g.share(), pct(g.meanPredicted()),
					pct(g.observedRate())));
		}
		md.append(
				"\n## Calibration (deciles of predicted probability)\n\n| decile | customers | mean predicted | observed |\n"
						+ "|---|---|---|---|\n");
		for (var b : e.calibration()) {
			md.append(String.format(Locale.ROOT, "| %d | %d | %s | %s |%n", b.bin(), b.count(), pct(b.meanPredicted()),
					pct(b.observedRate())));
		}
		if (!e.segments().isEmpty()) {
			md.append(
					"\n## Per segment\n\n| segment | customers | defaults | AUC | Brier | observed | mean predicted |\n"
							+ "|---|---|---|---|---|---|---|\n");
			e.segments()
				.forEach((name,
						s) -> md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.4f | %.4f | %s | %s |%n", name,
								s.rows(), s.positives(), s.auc(), s.brier(), pct(s.observedRate()),
								pct(s.meanPredicted()))));
		}
		md.append("\n## Features (").append(card.get("featureDefinition")).append(")\n\n");
		@SuppressWarnings("unchecked")
		List<String> features = (List<String>) card.get("features");
		md.append(String.join(", ", features.stream().map(f -> "`" + f + "`").toList())).append("\n\n");
		if (card.containsKey(BASELINE)) {
			md.append(
					"## Drift baseline\n\nThe JSON card holds the deciles of this model's scores and of each feature on "
							+ "its training data (`")
				.append(BASELINE)
				.append("`): the population stability index (PSI) of live "
						+ "scores and each feature's (CSI) are measured against these bins; above 0.25 is a significant "
						+ "shift.\n\n");
		}
		md.append("## Intended use\n\n").append(INTENDED_USE).append("\n\n");
		md.append("## Protected attributes excluded\n\n")
			.append(String.join(", ", PROTECTED_EXCLUDED))
			.append(": none of them is an input. The UCI loader never reads SEX, EDUCATION, MARRIAGE or AGE.\n\n");
		md.append("## Reason codes\n\n").append(card.get("reasonCodes")).append("\n\n");
		md.append("## Grade bands\n\n");
		for (RiskGrade g : RiskGrade.values()) {
			md.append(String.format(Locale.ROOT, "- %s: PD %.0f %% to %.0f %%%n", g, 100 * g.lower(), 100 * g.upper()));
		}
		Files.writeString(file, md.toString());
	}

	private static String row(String name, double v) {
		return String.format(Locale.ROOT, "| %s | %.4f |%n", name, v);
	}

	static String pct(double v) {
		return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * v);
	}

}
