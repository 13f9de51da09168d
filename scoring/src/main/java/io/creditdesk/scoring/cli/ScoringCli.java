package io.creditdesk.scoring.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.creditdesk.scoring.data.DataFormat;
import io.creditdesk.scoring.data.DataFormatException;
import io.creditdesk.scoring.data.InvoiceAggregator;
import io.creditdesk.scoring.evaluation.CrossValidation;
import io.creditdesk.scoring.evaluation.Evaluation;
import io.creditdesk.scoring.evaluation.ModelBaseline;
import io.creditdesk.scoring.evaluation.ModelComparison;
import io.creditdesk.scoring.evaluation.Stability;
import io.creditdesk.scoring.history.LabeledHistory;
import io.creditdesk.scoring.history.PaymentHistory;
import io.creditdesk.scoring.model.ReasonCode;
import io.creditdesk.scoring.model.Score;
import io.creditdesk.scoring.model.ScoringModel;
import io.creditdesk.scoring.report.HtmlReport;
import io.creditdesk.scoring.report.ModelCard;
import io.creditdesk.scoring.training.ModelTrainer;
import io.creditdesk.scoring.training.TrainerKind;
import io.creditdesk.scoring.training.TrainingConfig;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The data scientist's command line: {@code train}, {@code evaluate}, {@code score},
 * {@code cv}, {@code bench}, {@code compare} and {@code publish}. Exit codes: 0 success,
 * 1 bad input data or model file (the message names file, line and column), 2 usage
 * error.
 */
public final class ScoringCli {

	/** Held so the level setting is not garbage-collected with the logger. */
	private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

	static final String USAGE = """
			Usage: java -jar scoring-cli.jar <command> [options]

			  train    --input FILE --format F --trainer baseline|logistic|xgboost --model OUT
			           [--seed N] [--config FILE.properties] [--cv-folds 5 (0 = skip)]
			  evaluate --model FILE --input FILE --format F [--json] [--threshold 0.5]
			  score    --model FILE --input FILE --format F [--output FILE]
			  cv       --input FILE --format F --trainer T [--folds 5] [--seed N] [--config FILE] [--json]
			  bench    [--input FILE --format F] [--model FILE] [--cv]
			  compare  --champion FILE --challenger FILE --input FILE --format F [--json]
			           (both models on the same labelled data; PSI against each model's card baseline)
			  publish  --url URL --user U --password P --model FILE --name NAME
			           (posts the model to URL/api/models?name=NAME; the password may come from the
			            CREDITDESK_PASSWORD environment variable instead)

			  Formats F: uci-default | invoices | ibm-ar | statements
			  Invoice formats also take: [--as-of yyyy-MM-dd] [--history-months 12] [--horizon-months 3]
			                             [--serious-days 60]
			""";

	private final PrintStream out;

	private final PrintStream err;

	ScoringCli(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
	}

	public static void main(String[] args) {
		System.exit(run(args, System.out, System.err));
	}

	/** Runs a command and returns the process exit code. */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		return run(args, System.getenv(), out, err);
	}

	/**
	 * Runs a command with the given environment variables and returns the process exit
	 * code.
	 */
	static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
		quietLogging();
		ScoringCli cli = new ScoringCli(out, err);
		if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
			(args.length == 0 ? err : out).print(USAGE);
			return args.length == 0 ? 2 : 0;
		}
		try {
			switch (args[0]) {
				case "train" -> cli.train(new Args(args, 1, Set.of(),
						options("input", "format", "trainer", "model", "seed", "config", "cv-folds")));
				case "evaluate" ->
					cli.evaluate(new Args(args, 1, Set.of("json"), options("model", "input", "format", "threshold")));
				case "score" -> cli.score(new Args(args, 1, Set.of(), options("model", "input", "format", "output")));
				case "cv" -> cli.crossValidate(new Args(args, 1, Set.of("json"),
						options("input", "format", "trainer", "folds", "seed", "config")));
				case "bench" -> Bench.run(new Args(args, 1, Set.of("cv"), options("input", "format", "model")), out);
				case "compare" -> cli
					.compare(new Args(args, 1, Set.of("json"), options("champion", "challenger", "input", "format")));
				case "publish" ->
					Publish.run(new Args(args, 1, Set.of(), Set.of("url", "user", "password", "model", "name")),
							environment, out);
				default -> throw new Args.UsageException("unknown command '" + args[0] + "'");
			}
			return 0;
		}
		catch (Args.UsageException e) {
			err.println("error: " + e.getMessage());
			err.print(USAGE);
			return 2;
		}
		catch (DataFormatException | IllegalArgumentException e) {
			err.println("error: " + e.getMessage());
			return 1;
		}
		catch (IOException | UncheckedIOException e) {
			err.println("error: " + e.getMessage());
			return 1;
		}
	}

	private static Set<String> options(String... names) {
		Set<String> all = new HashSet<>(List.of(names));
		all.addAll(List.of("as-of", "history-months", "horizon-months", "serious-days"));
		return all;
	}

	static void quietLogging() {
		TRIBUO_LOG.setLevel(Level.WARNING);
	}

	private void train(Args a) throws IOException {
		Path input = Path.of(a.required("input"));
		DataFormat format = DataFormat.parse(a.required("format"));
		Path modelFile = Path.of(a.required("model"));
		TrainingConfig config = config(a, TrainerKind.parse(a.required("trainer")));
		int folds = (int) a.longValue("cv-folds", 5);
		InvoiceAggregator.Options options = aggregation(a);
		a.rejectUnknown();

		out.printf("Loading %s (%s) ...%n", input, format.cliName());
		List<LabeledHistory> data = format.loadLabeled(input, options);
		long positives = data.stream().filter(LabeledHistory::defaulted).count();
		out.printf(Locale.ROOT, "  %d customers, %d defaults (%.1f %%)%n", data.size(), positives,
				100.0 * positives / data.size());
		String sha = sha256(input);

		Evaluation evaluation;
		String method;
		double[] probabilities;
		double[] foldAuc = null;
		if (folds >= 2) {
			out.printf("Cross-validating %s, %d folds ...%n", config.trainer().cliName(), folds);
			long t0 = System.nanoTime();
			CrossValidation.Result cv = CrossValidation.run(data, config, folds,
					f -> out.printf("  fold %d/%d done (%.1f s)%n", f, folds, (System.nanoTime() - t0) / 1e9));
			evaluation = cv.pooled();
			probabilities = cv.outOfFold();
			foldAuc = cv.foldAuc();
			method = folds + "-fold stratified cross-validation, pooled out-of-fold predictions (seed " + config.seed()
					+ ")";
		}
		else {
			evaluation = null;
			probabilities = null;
			method = "in-sample (the training data itself: optimistic)";
		}
		out.printf("Training %s on all %d customers ...%n", config.trainer().cliName(), data.size());
		long t0 = System.nanoTime();
		ScoringModel model = ModelTrainer.train(data, config, input.getFileName().toString(), sha);
		out.printf(Locale.ROOT, "  trained in %.1f s%n", (System.nanoTime() - t0) / 1e9);
		boolean[] y = outcomes(data);
		if (evaluation == null) {
			probabilities = model.probabilities(histories(data));
			evaluation = Evaluation.of(probabilities, y, segments(data), Evaluation.DEFAULT_THRESHOLD);
		}
		Path parent = modelFile.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		model.save(modelFile);
		var source = new ModelCard.DataSource(input.getFileName().toString(), format.cliName(), sha, data.size(),
				positives, ModelCard.licenceFor(format.cliName(), input.getFileName().toString()));
		Map<String, Object> card = ModelCard.build(model, config, source, evaluation, method, foldAuc);
		card.put("label", ModelCard.labelDefinition(format.cliName(), options));
		// The bytes just written, so a registry can tell the card belongs to this file;
		// the training population's
		// score and feature distributions, so drift is measured against the same bins
		// every day.
		card.put(ModelCard.MODEL_SHA256, sha256(modelFile));
		card.put(ModelCard.BASELINE, ModelBaseline.of(model, histories(data)));
		Path cardJson = sibling(modelFile, ".card.json");
		Path cardMd = sibling(modelFile, ".card.md");
		Path report = sibling(modelFile, ".report.html");
		ModelCard.writeJson(card, cardJson);
		ModelCard.writeMarkdown(card, evaluation, cardMd);
		HtmlReport.write(report, "Evaluation: " + modelFile.getFileName(), card, evaluation, probabilities, y);
		out.printf(Locale.ROOT, "%s: ROC-AUC %.4f  PR-AUC %.4f  Brier %.4f  top-decile lift %.2f  KS %.3f%n", method,
				evaluation.auc(), evaluation.prAuc(), evaluation.brier(), evaluation.topDecileLift(), evaluation.ks());
		out.println("Wrote " + modelFile + ", " + cardJson + ", " + cardMd + ", " + report);
	}

	private void evaluate(Args a) throws IOException {
		ScoringModel model = ScoringModel.load(Path.of(a.required("model")));
		Path input = Path.of(a.required("input"));
		DataFormat format = DataFormat.parse(a.required("format"));
		boolean json = a.flag("json");
		double threshold = a.doubleValue("threshold", Evaluation.DEFAULT_THRESHOLD);
		InvoiceAggregator.Options options = aggregation(a);
		a.rejectUnknown();
		List<LabeledHistory> data = format.loadLabeled(input, options);
		double[] p = model.probabilities(histories(data));
		Evaluation e = Evaluation.of(p, outcomes(data), segments(data), threshold);
		if (json) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("rows", e.rows());
			m.put("positives", e.positives());
			m.put("baseRate", e.baseRate());
			m.put("auc", e.auc());
			m.put("prAuc", e.prAuc());
			m.put("brier", e.brier());
			m.put("logLoss", e.logLoss());
			m.put("ks", e.ks());
			m.put("topDecileLift", e.topDecileLift());
			m.put("confusion", e.confusion());
			m.put("calibration", e.calibration());
			m.put("grades", e.grades());
			if (!e.segments().isEmpty()) {
				m.put("segments", e.segments());
			}
			out.println(new ObjectMapper().writeValueAsString(m));
			return;
		}
		out.printf(Locale.ROOT, "rows %d, defaults %d (%.1f %%)%n", e.rows(), e.positives(), 100 * e.baseRate());
		out.printf(Locale.ROOT, "ROC-AUC %.4f%nPR-AUC %.4f%nBrier %.4f%nlog-loss %.4f%nKS %.4f%ntop-decile lift %.3f%n",
				e.auc(), e.prAuc(), e.brier(), e.logLoss(), e.ks(), e.topDecileLift());
		var c = e.confusion();
		out.printf(Locale.ROOT, "confusion at %.2f: TP %d FP %d TN %d FN %d%n", c.threshold(), c.truePositives(),
				c.falsePositives(), c.trueNegatives(), c.falseNegatives());
		out.println("grade  customers  mean predicted  observed");
		for (var g : e.grades()) {
			out.printf(Locale.ROOT, "%-5s  %9d  %14s  %8s%n", g.grade(), g.count(), pct(g.meanPredicted()),
					pct(g.observedRate()));
		}
		e.segments()
			.forEach((name, s) -> out.printf(Locale.ROOT, "segment %s: %d customers, AUC %.4f, Brier %.4f%n", name,
					s.rows(), s.auc(), s.brier()));
	}

	private void score(Args a) throws IOException {
		ScoringModel model = ScoringModel.load(Path.of(a.required("model")));
		Path input = Path.of(a.required("input"));
		DataFormat format = DataFormat.parse(a.required("format"));
		String output = a.optional("output", null);
		InvoiceAggregator.Options options = aggregation(a);
		a.rejectUnknown();
		List<PaymentHistory> histories = format.loadForScoring(input, options);
		Writer w = output == null ? new OutputStreamWriter(out, StandardCharsets.UTF_8)
				: Files.newBufferedWriter(Path.of(output), StandardCharsets.UTF_8);
		try (BufferedWriter bw = new BufferedWriter(w)) {
			bw.write("customer_id,probability,grade,reasons\n");
			for (int from = 0; from < histories.size(); from += 10_000) {
				for (Score s : model.scoreAll(histories.subList(from, Math.min(histories.size(), from + 10_000)))) {
					// Shortest decimal that reads back as the same double: the service's
					// scores can be checked
					// against these exactly.
					bw.write(s.customerId() + ',' + BigDecimal.valueOf(s.probability()).toPlainString() + ','
							+ s.grade() + ',' + reasons(s.reasons()) + '\n');
				}
			}
			bw.flush();
		}
		if (output != null) {
			out.println("Scored " + histories.size() + " customers into " + output);
		}
	}

	private void crossValidate(Args a) throws IOException {
		Path input = Path.of(a.required("input"));
		DataFormat format = DataFormat.parse(a.required("format"));
		TrainingConfig config = config(a, TrainerKind.parse(a.required("trainer")));
		int folds = (int) a.longValue("folds", 5);
		boolean json = a.flag("json");
		InvoiceAggregator.Options options = aggregation(a);
		a.rejectUnknown();
		List<LabeledHistory> data = format.loadLabeled(input, options);
		long t0 = System.nanoTime();
		CrossValidation.Result r = CrossValidation.run(data, config, folds, json ? null : f -> out.printf(Locale.ROOT,
				"  fold %d/%d done (%.1f s)%n", f, folds, (System.nanoTime() - t0) / 1e9));
		Evaluation e = r.pooled();
		if (json) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("trainer", config.trainer().cliName());
			m.put("folds", folds);
			m.put("rows", e.rows());
			m.put("auc", e.auc());
			m.put("prAuc", e.prAuc());
			m.put("brier", e.brier());
			m.put("topDecileLift", e.topDecileLift());
			m.put("ks", e.ks());
			m.put("foldAuc", r.foldAuc());
			out.println(new ObjectMapper().writeValueAsString(m));
		}
		else {
			out.printf(Locale.ROOT,
					"%s, %d-fold CV on %d customers: ROC-AUC %.4f (folds %.4f ± %.4f)  PR-AUC %.4f  "
							+ "Brier %.4f  top-decile lift %.3f  KS %.3f%n",
					config.trainer().cliName(), folds, e.rows(), e.auc(), r.meanFoldAuc(), r.stdFoldAuc(), e.prAuc(),
					e.brier(), e.topDecileLift(), e.ks());
		}
	}

	private void compare(Args a) throws IOException {
		Path championFile = Path.of(a.required("champion"));
		Path challengerFile = Path.of(a.required("challenger"));
		ScoringModel champion = ScoringModel.load(championFile);
		ScoringModel challenger = ScoringModel.load(challengerFile);
		Path input = Path.of(a.required("input"));
		DataFormat format = DataFormat.parse(a.required("format"));
		boolean json = a.flag("json");
		InvoiceAggregator.Options options = aggregation(a);
		a.rejectUnknown();
		List<LabeledHistory> data = format.loadLabeled(input, options);
		List<PaymentHistory> histories = histories(data);
		ModelComparison c = ModelComparison.of(champion.probabilities(histories), challenger.probabilities(histories),
				outcomes(data), baseline(championFile), baseline(challengerFile));
		if (json) {
			out.println(new ObjectMapper().writeValueAsString(c));
			return;
		}
		out.printf(Locale.ROOT, "%d customers, %d defaults%n", c.rows(), c.positives());
		out.println("              champion  challenger");
		out.printf(Locale.ROOT,
				"ROC-AUC       %8.4f  %10.4f%nKS            %8.4f  %10.4f%nBrier         %8.4f  %10.4f%n"
						+ "PSI           %8.4f  %10.4f   (against each model's training baseline; NaN = no card)%n",
				c.champion().auc(), c.challenger().auc(), c.champion().ks(), c.challenger().ks(), c.champion().brier(),
				c.challenger().brier(), c.champion().psi(), c.challenger().psi());
		out.println("grade  champion: customers  predicted  observed   challenger: customers  predicted  observed");
		for (int g = 0; g < c.champion().grades().size(); g++) {
			var x = c.champion().grades().get(g);
			var y = c.challenger().grades().get(g);
			out.printf(Locale.ROOT, "%-5s  %19d  %9s  %8s   %21d  %9s  %8s%n", x.grade(), x.count(),
					pct(x.meanPredicted()), pct(x.observedRate()), y.count(), pct(y.meanPredicted()),
					pct(y.observedRate()));
		}
		out.printf(Locale.ROOT, "same grade: %.1f %% of customers; PSI of the challenger's scores in the champion's "
				+ "deciles: %.4f%n", 100 * c.gradeAgreement(), c.psiChallengerVsChampion());
	}

	/**
	 * The drift baseline from the model card next to a model file, or null when there is
	 * none.
	 */
	private static Stability.Baseline baseline(Path modelFile) throws IOException {
		Path card = sibling(modelFile, ".card.json");
		if (!Files.isRegularFile(card)) {
			return null;
		}
		JsonNode node = new ObjectMapper().readTree(card.toFile()).path(ModelCard.BASELINE);
		return node.isMissingNode() ? null : new ObjectMapper().treeToValue(node, ModelBaseline.class).score();
	}

	static String reasons(List<ReasonCode> reasons) {
		List<String> parts = new ArrayList<>();
		for (ReasonCode r : reasons) {
			parts.add(String.format(Locale.ROOT, "%s%s=%.4g(%+.3f)", r.direction(), r.feature(), r.value(),
					r.contribution()));
		}
		return String.join("|", parts);
	}

	private static TrainingConfig config(Args a, TrainerKind kind) throws IOException {
		TrainingConfig c = TrainingConfig.defaults(kind);
		String file = a.optional("config", null);
		if (file != null) {
			Path p = Path.of(file);
			if (!Files.isRegularFile(p)) {
				throw new IllegalArgumentException(file + ": config file not found");
			}
			c = TrainingConfig.fromProperties(p, c).withTrainer(kind);
		}
		String seed = a.optional("seed", null);
		if (seed != null) {
			c = c.withSeed(a.longValue("seed", c.seed()));
		}
		return c;
	}

	static InvoiceAggregator.Options aggregation(Args a) {
		InvoiceAggregator.Options d = InvoiceAggregator.Options.defaults();
		String asOf = a.optional("as-of", null);
		LocalDate date;
		try {
			date = asOf == null ? null : LocalDate.parse(asOf);
		}
		catch (DateTimeParseException e) {
			throw new Args.UsageException("--as-of must be a date like 2025-06-01, was '" + asOf + "'");
		}
		return new InvoiceAggregator.Options(date, (int) a.longValue("history-months", d.historyMonths()),
				(int) a.longValue("horizon-months", d.horizonMonths()),
				(int) a.longValue("serious-days", d.seriousDaysLate()));
	}

	static Path sibling(Path model, String suffix) {
		String name = model.getFileName().toString();
		int dot = name.lastIndexOf('.');
		String base = dot > 0 ? name.substring(0, dot) : name;
		return model.resolveSibling(base + suffix);
	}

	static String sha256(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			MessageDigest md = MessageDigest.getInstance("SHA-256");
			byte[] buf = new byte[1 << 16];
			int n;
			while ((n = in.read(buf)) > 0) {
				md.update(buf, 0, n);
			}
			return HexFormat.of().formatHex(md.digest());
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static boolean[] outcomes(List<LabeledHistory> data) {
		boolean[] y = new boolean[data.size()];
		for (int i = 0; i < y.length; i++) {
			y[i] = data.get(i).defaulted();
		}
		return y;
	}

	private static List<PaymentHistory> histories(List<LabeledHistory> data) {
		return data.stream().map(LabeledHistory::history).toList();
	}

	private static List<String> segments(List<LabeledHistory> data) {
		return data.stream().map(h -> h.history().segment()).toList();
	}

	private static String pct(double v) {
		return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * v);
	}

}
