package io.creditdesk.scoring.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.creditdesk.scoring.Fixtures;
import io.creditdesk.scoring.model.ScoringModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScoringCliTests {

	@TempDir
	static Path dir;
	static Path model;

	record Run(int code, String out, String err) {
	}

	static Run cli(String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int code = ScoringCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	@BeforeAll
	static void trainOnce() {
		model = dir.resolve("models/lr.tribuo");
		Run r = cli("train", "--input", Fixtures.STATEMENTS.toString(), "--format", "statements", "--trainer",
				"logistic", "--model", model.toString(), "--cv-folds", "3", "--seed", "5");
		assertThat(r.code()).as(r.err()).isZero();
		assertThat(r.out()).contains("fold 3/3").contains("ROC-AUC");
	}

	@Test
	void trainWritesModelCardAndReportNextToTheModel() throws IOException {
		assertThat(model).isRegularFile();
		JsonNode card = new ObjectMapper().readTree(dir.resolve("models/lr.card.json").toFile());
		assertThat(card.path("data").path("sha256").asText()).hasSize(64);
		assertThat(card.path("metrics").path("auc").asDouble()).isBetween(0.5, 1.0);
		assertThat(card.path("gradeTable")).hasSize(5);
		assertThat(card.path("features").size()).isGreaterThan(20);
		assertThat(card.path("protectedAttributesExcluded").toString()).contains("sex", "age");
		assertThat(card.path("trainer").path("seed").asLong()).isEqualTo(5);
		// The card names the exact model file and carries the drift baseline of the
		// training population.
		assertThat(card.path("modelSha256").asText()).isEqualTo(ScoringCli.sha256(dir.resolve("models/lr.tribuo")));
		assertThat(card.path("baseline").path("score").path("shares").size()).isBetween(2, 10);
		assertThat(card.path("baseline").path("score").path("count").asLong())
			.isEqualTo(card.path("data").path("rows").asLong());
		assertThat(card.path("baseline").path("features").path("delay_m1").path("cuts").isArray()).isTrue();
		assertThat(Files.readString(dir.resolve("models/lr.card.md"))).contains("## Risk grades", "## Intended use");
		String html = Files.readString(dir.resolve("models/lr.report.html"));
		assertThat(html).contains("<svg", "ROC curve", "Calibration", "Per segment");
	}

	@Test
	void evaluateJsonHasTheAgreedKeys() throws IOException {
		Run r = cli("evaluate", "--model", model.toString(), "--input", Fixtures.STATEMENTS.toString(), "--format",
				"statements", "--json");
		assertThat(r.code()).as(r.err()).isZero();
		JsonNode json = new ObjectMapper().readTree(r.out());
		for (String key : List.of("auc", "prAuc", "brier", "topDecileLift", "rows")) {
			assertThat(json.has(key)).as(key).isTrue();
		}
		assertThat(json.get("rows").asInt()).isEqualTo(Fixtures.statements().size());
		assertThat(json.get("auc").asDouble()).isGreaterThan(0.8);
	}

	@Test
	void compareJudgesTwoModelsOnTheSameDataWithEachOnesBaseline() throws IOException {
		Path challenger = Fixtures.DIR.resolve("frozen-xgboost.tribuo"); // no card beside
																			// it: no
																			// baseline
		Run r = cli("compare", "--champion", model.toString(), "--challenger", challenger.toString(), "--input",
				Fixtures.STATEMENTS.toString(), "--format", "statements", "--json");
		assertThat(r.code()).as(r.err()).isZero();
		JsonNode json = new ObjectMapper().readTree(r.out());
		Run evaluate = cli("evaluate", "--model", model.toString(), "--input", Fixtures.STATEMENTS.toString(),
				"--format", "statements", "--json");
		assertThat(json.path("rows").asInt()).isEqualTo(Fixtures.statements().size());
		assertThat(json.path("champion").path("auc").asDouble())
			.isEqualTo(new ObjectMapper().readTree(evaluate.out()).path("auc").asDouble());
		assertThat(json.path("champion").path("psi").asDouble()).isZero(); // its own
																			// training
																			// data
		assertThat(json.path("challenger").path("psi").asText()).isEqualTo("NaN");
		assertThat(json.path("agreement")).hasSize(25);
		assertThat(json.path("champion").path("grades")).hasSize(5);
		Run text = cli("compare", "--champion", model.toString(), "--challenger", challenger.toString(), "--input",
				Fixtures.STATEMENTS.toString(), "--format", "statements");
		assertThat(text.out()).contains("ROC-AUC", "same grade:", "PSI");
	}

	@Test
	void scoreWritesOneLinePerCustomer() throws IOException {
		Path out = dir.resolve("scores.csv");
		Run r = cli("score", "--model", model.toString(), "--input", Fixtures.STATEMENTS.toString(), "--format",
				"statements", "--output", out.toString());
		assertThat(r.code()).as(r.err()).isZero();
		List<String> lines = Files.readAllLines(out);
		assertThat(lines.get(0)).isEqualTo("customer_id,probability,grade,reasons");
		assertThat(lines).hasSize(Fixtures.statements().size() + 1);
		assertThat(lines.get(1)).matches("C\\d+,0\\.\\d+,[A-E],[+-][a-z_0-9]+=.*");
		// Full precision: the printed probability reads back as exactly the model's
		// (training-serving parity).
		ScoringModel loaded = ScoringModel.load(model);
		for (int i = 1; i <= 20; i++) {
			String[] cells = lines.get(i).split(",", 4);
			assertThat(Double.parseDouble(cells[1]))
				.isEqualTo(loaded.score(Fixtures.statements().get(i - 1).history()).probability());
		}
	}

	@Test
	void missingColumnIsReportedWithFileLineAndColumn() throws IOException {
		Path f = dir.resolve("nolimit.csv");
		Files.writeString(f, "customer_id,month,billed,paid,delay_status,label\nC1,1,1,1,0,0\n");
		Run r = cli("evaluate", "--model", model.toString(), "--input", f.toString(), "--format", "statements");
		assertThat(r.code()).isEqualTo(1);
		assertThat(r.err()).contains("nolimit.csv", "line 1", "column 'credit_limit'");
	}

	@Test
	void unparseableNumberIsReportedWithLineAndColumn() throws IOException {
		List<String> lines = Files.readAllLines(Fixtures.STATEMENTS).subList(0, 20);
		String broken = lines.get(7).replaceFirst(",(\\d+\\.\\d+),", ",12O0.00,"); // letter
																					// O
		lines = new ArrayList<>(lines);
		lines.set(7, broken);
		Path f = dir.resolve("typo.csv");
		Files.write(f, lines);
		Run r = cli("score", "--model", model.toString(), "--input", f.toString(), "--format", "statements");
		assertThat(r.code()).isEqualTo(1);
		assertThat(r.err()).contains("typo.csv, line 8, column 'credit_limit': not a number: '12O0.00'");
	}

	@Test
	void emptyInputFileIsAnError() throws IOException {
		Path f = dir.resolve("empty.csv");
		Files.writeString(f, "");
		Run r = cli("train", "--input", f.toString(), "--format", "uci-default", "--trainer", "logistic", "--model",
				dir.resolve("x.tribuo").toString());
		assertThat(r.code()).isEqualTo(1);
		assertThat(r.err()).contains("empty.csv", "empty");
	}

	@Test
	void aModelFileThatIsNotOneIsAnError() throws IOException {
		Path f = dir.resolve("fake.tribuo");
		Files.writeString(f, "this is not a model");
		Run r = cli("score", "--model", f.toString(), "--input", Fixtures.STATEMENTS.toString(), "--format",
				"statements");
		assertThat(r.code()).isEqualTo(1);
		assertThat(r.err()).contains("fake.tribuo", "not a Tribuo model file");
	}

	@Test
	void usageErrorsExitWithTwo() {
		assertThat(cli().code()).isEqualTo(2);
		Run unknown = cli("train", "--input", "x.csv", "--fromat", "uci-default");
		assertThat(unknown.code()).isEqualTo(2);
		assertThat(unknown.err()).contains("--fromat");
		Run missing = cli("evaluate", "--model", model.toString());
		assertThat(missing.code()).isEqualTo(2);
		assertThat(missing.err()).contains("--input");
		assertThat(cli("frobnicate").err()).contains("unknown command 'frobnicate'");
		Run badFormat = cli("score", "--model", model.toString(), "--input", "x.csv", "--format", "excel");
		assertThat(badFormat.code()).isEqualTo(1);
		assertThat(badFormat.err()).contains("unknown format 'excel'");
	}

}
