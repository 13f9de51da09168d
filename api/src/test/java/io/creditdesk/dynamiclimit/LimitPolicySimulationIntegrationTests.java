package io.creditdesk.dynamiclimit;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.TestCustomers;
import io.creditdesk.risk.RiskHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code simulateLimitPolicy} through the whole service, on a hand-built ledger imported
 * as history for one customer of its own segment. Months are relative to today: A, B and
 * C are the three months before the current one. Seven months of small invoices (100 on
 * the 5th, paid on the 20th; the first names the limit, 1,000) give the customer a score
 * from A on. Then: S2 600 on A-10 (written off on C-10), S1 900 on A-15 (paid on B-10),
 * S3 700 on B-05 (paid on C-01), S4 400 on C-03 (open).
 * <p>
 * The policy sets every grade's multiplier to 0, so its target is 0 whatever the score,
 * and the only guardrail is a step down of at most 50 % a month, rounded up to 100,
 * routed: the simulated limits are 500, 300 (250 rounded up) and 200 (150 rounded up). By
 * hand:
 * <ul>
 * <li>A: simulated 500 holds S2 (600) and S1 (900); actual 1,000 approves S2 and holds S1
 * (1,000 - 600 = 400). Actual exposure at the end: 600.</li>
 * <li>B: S3 700 is held by both (simulated 300; actual 1,000 - 600).</li>
 * <li>C: S4 400 is held by the simulated 200 and approved by the actual 1,000 - 600 =
 * 400; S2 written off: a realized loss of 600 under the actual limits only. Actual
 * exposure at the end: 400 (S4).</li>
 * </ul>
 * Expected loss is the champion's PD on the point-in-time history x exposure, so the test
 * checks it is a PD (0 to 1) times the hand-computed exposure.
 */
@CreditDeskIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LimitPolicySimulationIntegrationTests {

	private static final String SEGMENT = "SIMTEST";

	private static final String POLICY = "{currency: \"EUR\", gradeMultipliers: [{grade: \"A\", multiplier: \"0\"}, "
			+ "{grade: \"B\", multiplier: \"0\"}, {grade: \"C\", multiplier: \"0\"}, {grade: \"D\", multiplier: \"0\"}, "
			+ "{grade: \"E\", multiplier: \"0\"}], deadBandPercent: \"0\", maxStepDownPercent: \"50\", "
			+ "maxStepDownAmount: \"1000000\", cooldownDays: 0, roundingUnit: \"100\", autoApplyDecreases: false, "
			+ "allowBelowExposure: true}";

	@LocalServerPort
	private int port;

	private final YearMonth now = YearMonth.now(ZoneOffset.UTC);

	private final YearMonth a = this.now.minusMonths(3);

	private final YearMonth b = this.now.minusMonths(2);

	private final YearMonth c = this.now.minusMonths(1);

	private String simulationId;

	@BeforeAll
	void importTheLedgerAndSimulate() throws Exception {
		String ref = TestCustomers.uniqueRef();
		// Over plain HTTP rather than the tester, whose 5 s read timeout a loaded machine
		// can exceed at the context's first request.
		JsonNode created = graphQl("admin",
				"mutation { createCustomer(input: {externalRef: \"" + ref + "\", name: \"Simulated " + ref
						+ "\", taxId: \"" + TestCustomers.uniqueGermanTaxId() + "\", countryCode: \"DE\", segment: \""
						+ SEGMENT + "\", tier: \"SILVER\", industry: \"RETAIL\", "
						+ "creditCurrency: \"EUR\", customerSince: \"" + TestCustomers.SINCE
						+ "\"}) { customer { id } userErrors { code } } }");
		assertThat(created.at("/createCustomer/userErrors")).as(created.toString()).isEmpty();
		StringBuilder csv = new StringBuilder(
				"customer_id,invoice_id,invoice_date,due_date,amount,settled_date,paid_amount,credit_limit\n");
		for (int m = 10; m >= 4; m--) {
			YearMonth month = this.now.minusMonths(m);
			invoice(csv, ref, "P" + m, month.atDay(5), "100.00", month.atDay(20), "100.00", (m == 10) ? "1000" : "");
		}
		invoice(csv, ref, "S2", this.a.atDay(10), "600.00", this.c.atDay(10), "0.00", "");
		invoice(csv, ref, "S1", this.a.atDay(15), "900.00", this.b.atDay(10), "900.00", "");
		invoice(csv, ref, "S3", this.b.atDay(5), "700.00", this.c.atDay(1), "700.00", "");
		invoice(csv, ref, "S4", this.c.atDay(3), "400.00", null, "", "");
		HttpResponse<String> imported = RiskHttp
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/imports/invoices"))
				.header("Authorization", RiskHttp.basic("datasci"))
				.header("Content-Type", "text/csv")
				.POST(HttpRequest.BodyPublishers.ofString(csv.toString()))
				.build());
		assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);

		JsonNode started = graphQl("manager",
				"mutation { simulateLimitPolicy(input: {policy: " + POLICY + ", lastMonths: 3, segment: \"" + SEGMENT
						+ "\"}) { job { id kind status } userErrors { code field message } } }")
			.get("simulateLimitPolicy");
		assertThat(started.get("userErrors")).as(started.toString()).isEmpty();
		assertThat(started.at("/job/kind").asString()).isEqualTo("simulateLimitPolicy");
		this.simulationId = started.at("/job/id").asString();
		await().atMost(Duration.ofSeconds(120))
			.until(() -> List.of("SUCCEEDED", "FAILED")
				.contains(graphQl("manager", "{ job(id: \"" + this.simulationId + "\") { status } }").at("/job/status")
					.asString()));
		JsonNode job = graphQl("manager",
				"{ job(id: \"" + this.simulationId + "\") { status progress message result } }")
			.get("job");
		assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
		assertThat(job.get("progress").asDouble()).isEqualTo(100.0);
		assertThat(job.get("result").asString()).contains("\"customers\":1");
	}

	private static void invoice(StringBuilder csv, String ref, String id, LocalDate date, String amount,
			LocalDate settled, String paid, String limit) {
		csv.append(String.join(",", ref, id, date.toString(), date.plusDays(30).toString(), amount,
				(settled != null) ? settled.toString() : "", paid, limit))
			.append('\n');
	}

	private JsonNode graphQl(String user, String document) {
		return RiskHttp.graphQl(this.port, user, document);
	}

	private static final String FIGURES = "{ limit { amount currency } exposure { amount } utilization "
			+ "expectedLoss { amount } realizedLoss { amount } approvedOrders approvedAmount { amount } heldOrders "
			+ "heldAmount { amount } }";

	private JsonNode simulation(String user) {
		return graphQl(user, "{ limitPolicySimulation(id: \"" + this.simulationId + "\") { id from to segment currency "
				+ "model customers skippedCustomers decisionRule csvUrl reportUrl requestedBy "
				+ "policy { currency deadBandPercent maxStepDownPercent gradeMultipliers { grade multiplier } } "
				+ "months { month scoredCustomers increases decreases routedRequests actualChanges actual " + FIGURES
				+ " simulated " + FIGURES + " } totals { increases decreases routedRequests actualChanges actual "
				+ FIGURES + " simulated " + FIGURES + " } } }")
			.get("limitPolicySimulation");
	}

	/**
	 * limit, exposure, realized loss, approved orders and amount, held orders and amount.
	 */
	private static List<String> figures(JsonNode track) {
		return List.of(track.at("/limit/amount").asString(), track.at("/exposure/amount").asString(),
				track.at("/realizedLoss/amount").asString(), track.get("approvedOrders").asString(),
				track.at("/approvedAmount/amount").asString(), track.get("heldOrders").asString(),
				track.at("/heldAmount/amount").asString());
	}

	@Test
	void theHandBuiltLedgerGivesTheHandComputedFigures() {
		JsonNode simulation = simulation("cfo");
		assertThat(simulation.get("customers").asInt()).isEqualTo(1);
		// lastMonths: 3 is the three months before the current one.
		assertThat(simulation.get("from").asString()).isEqualTo(this.a.toString());
		assertThat(simulation.get("to").asString()).isEqualTo(this.c.toString());
		assertThat(simulation.get("skippedCustomers").asInt()).isZero();
		assertThat(simulation.get("currency").asString()).isEqualTo("EUR");
		assertThat(simulation.get("segment").asString()).isEqualTo(SEGMENT);
		assertThat(simulation.get("requestedBy").asString()).isEqualTo("manager");
		assertThat(simulation.get("decisionRule").asString()).contains("limit minus the exposure at the time");
		assertThat(simulation.at("/policy/maxStepDownPercent").asString()).isEqualTo("50");
		assertThat(simulation.at("/policy/gradeMultipliers/0/multiplier").asString()).isEqualTo("0");
		JsonNode months = simulation.get("months");
		assertThat(months.valueStream().map(m -> m.get("month").asString())).containsExactly(this.a.toString(),
				this.b.toString(), this.c.toString());
		for (JsonNode month : months) {
			assertThat(month.get("scoredCustomers").asInt()).as(month.toString()).isEqualTo(1);
			assertThat(month.get("decreases").asInt()).isEqualTo(1);
			assertThat(month.get("routedRequests").asInt()).isEqualTo(1);
			assertThat(month.get("increases").asInt()).isZero();
			assertThat(month.get("actualChanges").asInt()).isZero();
		}
		assertThat(figures(months.get(0).get("simulated"))).containsExactly("500.00", "0.00", "0.00", "0", "0.00", "2",
				"1500.00");
		assertThat(figures(months.get(0).get("actual"))).containsExactly("1000.00", "600.00", "0.00", "1", "600.00",
				"1", "900.00");
		assertThat(figures(months.get(1).get("simulated"))).containsExactly("300.00", "0.00", "0.00", "0", "0.00", "1",
				"700.00");
		assertThat(figures(months.get(1).get("actual"))).containsExactly("1000.00", "600.00", "0.00", "0", "0.00", "1",
				"700.00");
		assertThat(figures(months.get(2).get("simulated"))).containsExactly("200.00", "0.00", "0.00", "0", "0.00", "1",
				"400.00");
		assertThat(figures(months.get(2).get("actual"))).containsExactly("1000.00", "400.00", "600.00", "1", "400.00",
				"0", "0.00");
		// Expected loss: PD x exposure; nothing where nothing is exposed.
		for (int m = 0; m < 3; m++) {
			assertThat(months.get(m).at("/simulated/expectedLoss/amount").asString()).isEqualTo("0.00");
			double exposure = months.get(m).at("/actual/exposure/amount").asDouble();
			double expectedLoss = months.get(m).at("/actual/expectedLoss/amount").asDouble();
			assertThat(expectedLoss).isGreaterThan(0).isLessThanOrEqualTo(exposure);
		}
		assertThat(months.get(2).at("/actual/utilization").asString()).isEqualTo("0.4000");
		JsonNode totals = simulation.get("totals");
		assertThat(figures(totals.get("simulated"))).containsExactly("200.00", "0.00", "0.00", "0", "0.00", "4",
				"2600.00");
		assertThat(figures(totals.get("actual"))).containsExactly("1000.00", "400.00", "600.00", "2", "1000.00", "2",
				"1600.00");
		assertThat(List.of(totals.get("increases").asInt(), totals.get("decreases").asInt(),
				totals.get("routedRequests").asInt(), totals.get("actualChanges").asInt()))
			.containsExactly(0, 3, 3, 0);
	}

	@Test
	void theMonthsExportAsCsvAndAReportWithPlots() throws Exception {
		HttpResponse<String> csv = get("/api/simulations/" + this.simulationId + ".csv", "datasci", null);
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type"))
			.hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
		List<String> lines = csv.body().lines().toList();
		assertThat(lines).hasSize(5);
		assertThat(lines.get(0)).isEqualTo(SimulationReport.CSV_HEADER);
		assertThat(lines.get(1)).startsWith(this.a + ",EUR,1,1000.00,500.00,600.00,0.00,0.6000,0.0000,");
		assertThat(lines.get(3)).startsWith(this.c + ",EUR,1,1000.00,200.00,400.00,0.00,0.4000,0.0000,");
		assertThat(lines.get(3)).endsWith(",600.00,0.00,1,0,400.00,0.00,0,1,0.00,400.00,0,1,1,0");
		assertThat(lines.get(4)).startsWith("total,EUR,1,1000.00,200.00,400.00,0.00,");
		assertThat(lines.get(4)).endsWith(",600.00,0.00,2,0,1000.00,0.00,2,4,1600.00,2600.00,0,3,3,0");

		HttpResponse<String> report = get("/api/simulations/" + this.simulationId + "/report", "cfo", null);
		assertThat(report.statusCode()).isEqualTo(200);
		assertThat(report.headers().firstValue("Content-Type"))
			.hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
		assertThat(report.body()).contains("<svg", "Credit limits", "Utilization", "Expected loss",
				"1 customers replayed from " + this.a + " to " + this.c + ", segment SIMTEST");
		// Three plots, each with the actual and the simulated line; nothing loaded from
		// elsewhere.
		assertThat(report.body().split("<polyline", -1)).hasSize(7);
		assertThat(report.body()).doesNotContain("<script", "http://", "https://");

		HttpResponse<String> german = get("/api/simulations/" + this.simulationId + "/report", "cfo", "de");
		assertThat(german.body()).contains("Kreditlimits", "Auslastung", "Erwarteter Verlust", "1.000,00 EUR");
	}

	@Test
	void theExportsKeepTheSimulationsRolesAndNameAnUnknownId() throws Exception {
		assertThat(get("/api/simulations/" + this.simulationId + ".csv", "sales", null).statusCode()).isEqualTo(403);
		assertThat(get("/api/simulations/" + this.simulationId + "/report", "analyst", null).statusCode())
			.isEqualTo(403);
		HttpResponse<String> missing = get("/api/simulations/nothing-here.csv", "manager", null);
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.body()).contains("\"code\":\"SIMULATION_NOT_FOUND\"");
	}

	@Test
	void badInputIsRefusedWithSentencesAndStartsNoJob() {
		assertThat(refused("from: \"" + this.c + "\", to: \"" + this.a + "\""))
			.containsExactly("SIMULATION_RANGE_INVALID from");
		assertThat(refused("from: \"" + this.a + "\", to: \"" + this.now + "\""))
			.containsExactly("SIMULATION_RANGE_INVALID to");
		assertThat(refused("from: \"1990-01\", to: \"1990-03\"")).containsExactly("SIMULATION_RANGE_INVALID from");
		assertThat(refused("from: \"2020-01\", to: \"" + this.c + "\""))
			.containsExactly("SIMULATION_RANGE_INVALID from");
		assertThat(refused("from: \"2026-13\", to: \"" + this.c + "\"")).containsExactly("INVALID_MONTH from");
		assertThat(refused("lastMonths: 3, to: \"" + this.c + "\""))
			.containsExactly("SIMULATION_RANGE_INVALID lastMonths");
		assertThat(refused("lastMonths: 0")).containsExactly("OUT_OF_RANGE lastMonths");
		assertThat(refused("lastMonths: 37")).containsExactly("SIMULATION_RANGE_INVALID lastMonths");
		assertThat(refused("from: \"" + this.a + "\", to: \"" + this.c + "\", segment: \"NO_SUCH_SEGMENT\""))
			.containsExactly("SIMULATION_SEGMENT_EMPTY segment");
		JsonNode badPolicy = graphQl("datasci",
				"mutation { simulateLimitPolicy(input: {policy: {currency: \"EUR\", gradeMultipliers: [{grade: \"Z\", multiplier: \"9\"}]}, from: \""
						+ this.a + "\", to: \"" + this.c + "\"}) { job { id } userErrors { code field message } } }")
			.get("simulateLimitPolicy");
		assertThat(badPolicy.get("job").isNull()).isTrue();
		assertThat(badPolicy.get("userErrors").valueStream().map(e -> e.get("code").asString()))
			.containsExactly("UNKNOWN_GRADE", "OUT_OF_RANGE");
		JsonNode notOver = graphQl("manager",
				"mutation { simulateLimitPolicy(input: {policy: {currency: \"EUR\"}, from: \"" + this.a + "\", to: \""
						+ this.now + "\"}) { userErrors { message } } }");
		assertThat(notOver.at("/simulateLimitPolicy/userErrors/0/message").asString())
			.isEqualTo("to " + this.now + " is not over yet; the latest month that can be replayed is " + this.c + ".");
	}

	private List<String> refused(String months) {
		JsonNode payload = graphQl("cfo", "mutation { simulateLimitPolicy(input: {policy: {currency: \"EUR\"}, "
				+ months + "}) { job { id } userErrors { code field message } } }")
			.get("simulateLimitPolicy");
		assertThat(payload.get("job").isNull()).as(payload.toString()).isTrue();
		payload.get("userErrors").forEach(e -> assertThat(e.get("message").asString()).isNotBlank());
		return payload.get("userErrors")
			.valueStream()
			.map(e -> e.get("code").asString() + " " + e.get("field").asString())
			.toList();
	}

	private HttpResponse<String> get(String path, String user, String language) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", RiskHttp.basic(user));
		if (language != null) {
			request.header("Accept-Language", language);
		}
		return RiskHttp.send(request.build());
	}

}
