package io.creditdesk.scoring.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.creditdesk.scoring.Fixtures;
import io.creditdesk.scoring.features.PaymentHistoryFeatures;
import io.creditdesk.scoring.history.LabeledHistory;
import io.creditdesk.scoring.history.PaymentHistory;
import ml.dmlc.xgboost4j.java.Booster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * XGBoost reason codes are exact Shapley values of the trees' path-dependent expectation
 * (what TreeSHAP computes), checked against a brute-force Shapley computation over every
 * subset of features on the trees' own dump. A path attribution (Saabas) agrees in sum
 * but not feature by feature, so this test tells them apart.
 */
class TreeShapTests {

	static final String[] FEATURES = { "delay_m1", "utilization_m1", "pay_ratio_m1", "months_delayed_6m" };

	static XGBoostModel<Label> xgb;
	static ScoringModel model;
	static List<PaymentHistory> histories;

	@BeforeAll
	static void train() {
		LabelFactory factory = new LabelFactory();
		MutableDataset<Label> ds = new MutableDataset<>(new SimpleDataSourceProvenance("test", factory), factory);
		List<LabeledHistory> data = Fixtures.statements();
		for (LabeledHistory h : data) {
			ds.add(new ArrayExample<>(h.defaulted() ? ScoringModel.DEFAULT : ScoringModel.OK, FEATURES,
					values(h.history())));
		}
		XGBoostClassificationTrainer trainer = new XGBoostClassificationTrainer(XGBoostTrainer.BoosterType.GBTREE,
				XGBoostTrainer.TreeMethod.HIST, 6, 0.3, 0, 3, 1, 1, 1, 1, 0, 1, XGBoostTrainer.LoggingVerbosity.SILENT,
				3);
		Model<Label> trained = trainer.train(ds);
		xgb = (XGBoostModel<Label>) trained;
		model = new ScoringModel(trained);
		histories = data.stream().map(LabeledHistory::history).limit(40).toList();
	}

	static double[] values(PaymentHistory h) {
		double[] all = PaymentHistoryFeatures.compute(h);
		double[] v = new double[FEATURES.length];
		for (int k = 0; k < v.length; k++) {
			v[k] = all[PaymentHistoryFeatures.featureNames().indexOf(FEATURES[k])];
		}
		return v;
	}

	@Test
	void contributionsAreTheExactShapleyValuesOfTheTrees() throws Exception {
		Booster booster = xgb.getInnerModels().get(0);
		ObjectMapper json = new ObjectMapper();
		List<JsonNode> trees = new ArrayList<>();
		for (String t : booster.getModelDump((String) null, true, "json")) {
			trees.add(json.readTree(t));
		}
		int positive = xgb.getOutputIDInfo().getID(ScoringModel.DEFAULT);
		List<String> names = model.contributionNames();
		int m = names.size();
		for (PaymentHistory h : histories) {
			double[] x = new double[m];
			double[] v = values(h);
			for (int k = 0; k < m; k++) {
				x[k] = v[List.of(FEATURES).indexOf(names.get(k))];
			}
			// v(S) for every subset S of the model's features (bit k = feature id k).
			double[] value = new double[1 << m];
			for (int s = 0; s < value.length; s++) {
				for (int t = 0; t < trees.size(); t++) {
					double sign = t % 2 == positive ? 1 : -1; // multi:softprob, two
																// classes: trees
																// alternate
					value[s] += sign * expectation(trees.get(t), x, s);
				}
			}
			double[] expected = new double[m + 1];
			for (int i = 0; i < m; i++) {
				for (int s = 0; s < value.length; s++) {
					if ((s & (1 << i)) != 0) {
						continue;
					}
					int size = Integer.bitCount(s);
					expected[i] += factorial(size) * factorial(m - size - 1) / factorial(m)
							* (value[s | (1 << i)] - value[s]);
				}
			}
			expected[m] = value[0];
			assertThat(model.contributions(h)).containsExactly(expected, within(2e-5));
		}
	}

	/**
	 * The tree's expected output when only the features in {@code known} are known
	 * (cover-weighted elsewhere).
	 */
	static double expectation(JsonNode node, double[] x, int known) {
		if (node.has("leaf")) {
			return node.get("leaf").asDouble();
		}
		int feature = Integer.parseInt(node.get("split").asText().substring(1));
		Map<Integer, JsonNode> children = new HashMap<>();
		node.get("children").forEach(c -> children.put(c.get("nodeid").asInt(), c));
		JsonNode yes = children.get(node.get("yes").asInt());
		JsonNode no = children.get(node.get("no").asInt());
		if ((known & (1 << feature)) != 0) {
			return (float) x[feature] < (float) node.get("split_condition").asDouble() ? expectation(yes, x, known)
					: expectation(no, x, known);
		}
		double cy = yes.get("cover").asDouble();
		double cn = no.get("cover").asDouble();
		return (cy * expectation(yes, x, known) + cn * expectation(no, x, known)) / (cy + cn);
	}

	static double factorial(int n) {
		double f = 1;
		for (int i = 2; i <= n; i++) {
			f *= i;
		}
		return f;
	}

	@Test
	void moreThreadsGiveTheSameScores() throws Exception {
		Path file = Files.createTempFile("treeshap", ".tribuo");
		try {
			model.save(file);
			ScoringModel twoThreads = ScoringModel.load(file);
			twoThreads.setNumThreads(2);
			assertThat(twoThreads.scoreAll(histories)).isEqualTo(model.scoreAll(histories));
		}
		finally {
			Files.delete(file);
		}
	}

	@Test
	void singleScoresAreExactlyTheBatchScores() {
		List<Score> batch = model.scoreAll(histories);
		for (int i = 0; i < histories.size(); i++) {
			assertThat(model.score(histories.get(i))).isEqualTo(batch.get(i));
		}
	}

}
