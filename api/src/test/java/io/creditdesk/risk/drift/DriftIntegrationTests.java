package io.creditdesk.risk.drift;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.risk.ActiveModels;
import io.creditdesk.risk.GeneratedCustomerLedgers;
import io.creditdesk.risk.ModelInUse;
import io.creditdesk.risk.RiskHttp;
import io.creditdesk.risk.RiskTestBeans;
import io.creditdesk.risk.TestModels;
import io.creditdesk.scoring.history.HistoryResult;
import io.creditdesk.scoring.history.PaymentHistory;
import io.creditdesk.scoring.ledger.CustomerLedger;
import io.creditdesk.scoring.ledger.HistoryOptions;
import io.creditdesk.scoring.ledger.ImportedMonths;
import io.creditdesk.scoring.ledger.LedgerHistory;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The champion's live score distribution against its training baseline (PSI recomputed
 * here from the same histories), the daily drift gauge, and the champion-challenger
 * comparison in GraphQL and as HTML.
 */
@CreditDeskIntegrationTest
@Import(RiskTestBeans.class)
class DriftIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private ActiveModels models;

	@Autowired
	private GeneratedCustomerLedgers ledgers;

	@Autowired
	private DriftMonitor monitor;

	@Autowired
	private MeterRegistry meters;

	@Test
	void theLiveDistributionIsBinnedInTheChampionsBaselineWithItsPsi() {
		ModelInUse champion = this.models.champion();
		JsonNode d = RiskHttp.graphQl(this.port, "analyst",
				"{ scoreDistribution { segment model { name version } customers insufficientHistory psi level flagged bins { from to expectedShare actualShare } } }")
			.get("scoreDistribution");
		List<PaymentHistory> histories = new ArrayList<>();
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		for (CustomerLedger ledger : this.ledgers.ledgers()) {
			HistoryResult r = LedgerHistory.derive(ledger, ImportedMonths.none(ledger.customerId()), today,
					HistoryOptions.defaults());
			if (r.isAvailable()) {
				histories.add(r.history());
			}
		}
		double psi = champion.baseline().psi(champion.model().probabilities(histories));
		assertThat(d.get("customers").asInt()).isEqualTo(histories.size());
		assertThat(d.get("insufficientHistory").asInt()).isEqualTo(RiskTestBeans.CUSTOMERS - histories.size());
		assertThat(d.get("psi").asDouble()).isCloseTo(psi, within(1e-12));
		assertThat(d.get("flagged").asBoolean()).isEqualTo(psi > 0.25);
		assertThat(d.get("model").get("name").asString()).isEqualTo(champion.name());
		JsonNode bins = d.get("bins");
		assertThat(bins.size()).isEqualTo(champion.baseline().score().shares().size());
		assertThat(bins.get(0).get("from").isNull()).isTrue();
		assertThat(bins.get(bins.size() - 1).get("to").isNull()).isTrue();
		double actual = 0;
		for (JsonNode bin : bins) {
			actual += bin.get("actualShare").asDouble();
		}
		assertThat(actual).isCloseTo(1.0, within(1e-9));

		JsonNode sme = RiskHttp.graphQl(this.port, "datasci", "{ scoreDistribution(segment: \"SME\") { customers } }");
		assertThat(sme.at("/scoreDistribution/customers").asInt()).isBetween(1, histories.size() - 1);

		// The daily check stores the figure; the gauge shows it.
		this.monitor.check();
		assertThat(this.meters.get("creditdesk.model.drift.psi").gauge().value()).isCloseTo(psi, within(1e-12));
		assertThat(this.meters.get("creditdesk.model.drift.flagged").gauge().value()).isEqualTo(psi > 0.25 ? 1 : 0);
	}

	@Test
	void theChampionIsComparedWithAChallengerOnTheLatestLabelledWindow() throws Exception {
		HttpResponse<String> uploaded = RiskHttp
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/models?name=compare-lr"))
				.header("Authorization", RiskHttp.basic("datasci"))
				.header("Content-Type", "application/octet-stream")
				.POST(HttpRequest.BodyPublishers.ofByteArray(TestModels.logistic().model()))
				.build());
		assertThat(uploaded.statusCode()).isEqualTo(201);
		JsonNode c = RiskHttp.graphQl(this.port, "cfo",
				"{ modelComparison(name: \"compare-lr\") { champion { name } challenger { name version } asOf rows positives "
						+ "championFigures { auc ks brier psi grades { grade customers meanPredicted observedRate } } "
						+ "challengerFigures { auc brier psi } agreement { champion challenger customers } gradeAgreement psiChallengerVsChampion } }")
			.get("modelComparison");
		assertThat(c.at("/challenger/name").asString()).isEqualTo("compare-lr");
		assertThat(c.get("rows").asInt()).isGreaterThan(300);
		assertThat(c.get("positives").asInt()).isPositive();
		assertThat(c.at("/championFigures/auc").asDouble()).isGreaterThan(0.7);
		assertThat(c.at("/challengerFigures/auc").asDouble()).isGreaterThan(0.6);
		assertThat(c.at("/challengerFigures/psi").isNull()).isTrue(); // uploaded without
																		// a card
		assertThat(c.at("/championFigures/psi").isNull()).isFalse();
		assertThat(c.get("agreement").size()).isEqualTo(25);
		int sum = 0;
		for (JsonNode cell : c.get("agreement")) {
			sum += cell.get("customers").asInt();
		}
		assertThat(sum).isEqualTo(c.get("rows").asInt());
		assertThat(LocalDate.parse(c.get("asOf").asString()).getDayOfMonth()).isEqualTo(1);

		HttpResponse<String> html = RiskHttp.send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/api/models/comparison.html?name=compare-lr"))
			.header("Authorization", RiskHttp.basic("datasci"))
			.build());
		assertThat(html.statusCode()).isEqualTo(200);
		assertThat(html.body()).contains("<h1>Champion credit-risk")
			.contains("compare-lr version")
			.contains("ROC-AUC")
			.contains("Grade agreement");
		HttpResponse<String> unknown = RiskHttp.send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/api/models/comparison.html?name=nope"))
			.header("Authorization", RiskHttp.basic("datasci"))
			.build());
		// The JSON every /api/ refusal has, in the caller's language (before: text/plain
		// "MODEL_NOT_FOUND: ..." in English).
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
		JsonNode refusal = JsonMapper.builder().build().readTree(unknown.body());
		assertThat(refusal.get("code").asString()).isEqualTo("MODEL_NOT_FOUND");
		assertThat(refusal.get("message").asString()).contains("nope");
	}

}
