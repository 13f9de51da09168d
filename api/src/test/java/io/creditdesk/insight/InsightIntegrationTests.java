package io.creditdesk.insight;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.TestCustomers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The read side over the whole service: figures built from orders and invoices placed
 * through the API.
 */
@CreditDeskIntegrationTest
class InsightIntegrationTests {

	private static final String KPIS = "query($segment: String, $from: Date, $to: Date) { portfolioKpis(segment: $segment, from: $from, to: $to) { "
			+ "segment from to days customersWithLimit averageUtilization utilizationTarget aboveTarget "
			+ "utilizationAlerts { threshold customers share } "
			+ "rejectionRateBySegment { segment orders refused rejected held rate } rejectionRate { segment orders refused rejected held rate } "
			+ "heldOrders rejectedOrders receivablesAtEnd { amount currency } creditSales { amount currency } dso dsoMethod } }";

	@Autowired
	private HttpGraphQlTester graphQl;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private ExposureHistory history;

	private InsightFixtures fixtures() {
		return new InsightFixtures(this.graphQl);
	}

	private static LocalDate today() {
		return LocalDate.now(ZoneOffset.UTC);
	}

	@Test
	void aMissingRateFailsOnlyTheFiguresInTheReportingCurrencyAndTheOtherKpisStillAnswer() {
		InsightFixtures f = fixtures();
		String segment = InsightFixtures.uniqueSegment();
		String ref = TestCustomers.uniqueRef();
		LocalDate to = today().minusDays(1);
		String euro = f.activeCustomer(segment, "1000");
		f.invoice(ref + "-eur", euro, "400", to.minusDays(5).toString());
		// Two customers invoicing in their own currencies, SEK and ISK, which no rate
		// converts into EUR.
		for (String currency : List.of("SEK", "ISK")) {
			String id = TestCustomers.create(f.as("admin"), segment, "SILVER", "RETAIL", currency);
			f.mutation("admin", "setCreditLimit", "SetCreditLimitInput",
					Map.of("customerId", id, "amount", "100000", "reason", "test"), "userErrors { code message }")
				.path("setCreditLimit.userErrors")
				.entityList(Object.class)
				.hasSize(0);
			f.mutation("integration", "issueInvoice", "IssueInvoiceInput",
					Map.of("invoiceId", ref + "-" + currency, "customerId", id, "amount", "5000", "currency", currency,
							"invoiceDate", to.minusDays(3).toString()),
					"userErrors { code message }")
				.path("issueInvoice.userErrors")
				.entityList(Object.class)
				.hasSize(0);
		}

		var response = f.as("cfo").document(KPIS).variable("segment", segment).variable("to", to.toString()).execute();
		response.errors().satisfy(errors -> {
			assertThat(errors).hasSize(3);
			assertThat(errors).allSatisfy(error -> {
				assertThat(error.getExtensions()).containsEntry("code", "FX_RATE_MISSING");
				assertThat(error.getMessage()).contains("ISK, SEK into EUR").contains("setFxRate");
			});
			response.path("portfolioKpis").hasValue();
			response.path("portfolioKpis.customersWithLimit").entity(Integer.class).isEqualTo(3);
			response.path("portfolioKpis.rejectionRate.orders").entity(Integer.class).isEqualTo(0);
			response.path("portfolioKpis.dsoMethod").hasValue();
			for (String field : List.of("receivablesAtEnd", "creditSales", "dso")) {
				response.path("portfolioKpis." + field).valueIsNull();
			}
			assertThat(errors).extracting(error -> error.getParsedPath().get(1).toString())
				.containsExactlyInAnyOrder("receivablesAtEnd", "creditSales", "dso");
		});

		// With the rates known, every figure is there: 400 + 5000 x 0.09 + 5000 x 0.0066
		// = 883.00 EUR.
		for (String[] rate : new String[][] { { "SEK", "0.09" }, { "ISK", "0.0066" } }) {
			f.mutation("cfo", "setFxRate", "SetFxRateInput",
					Map.of("base", rate[0], "quote", "EUR", "rate", rate[1], "validOn", to.minusDays(30).toString(),
							"reason", "test"),
					"userErrors { code }")
				.path("setFxRate.userErrors")
				.entityList(Object.class)
				.hasSize(0);
		}
		var complete = f.as("cfo").document(KPIS).variable("segment", segment).variable("to", to.toString()).execute();
		complete.errors().verify();
		complete.path("portfolioKpis.receivablesAtEnd.amount").entity(String.class).isEqualTo("883.00");
		complete.path("portfolioKpis.creditSales.amount").entity(String.class).isEqualTo("883.00");
	}

	/**
	 * The hand test's two findings, in currencies no other test sets rates for (AUD, CAD,
	 * SGD, NZD), so the rates on each day are these.
	 */
	@Test
	void anInvoiceInTheReportingCurrencyCountsAtItsOwnAmountAndOthersAreConvertedFromTheirOwnCurrency() {
		InsightFixtures f = fixtures();
		String ref = TestCustomers.uniqueRef();
		LocalDate invoiceDate = today().minusDays(10);
		for (String[] rate : new String[][] { { "AUD", "0.85" }, { "CAD", "1.10" }, { "SGD", "11.3" },
				{ "NZD", "0.93" } }) {
			setRate("EUR", rate[0], rate[1], today().minusDays(30));
		}
		// Repro 1: a CAD customer's 500.00 AUD invoice is 647.06 CAD at the invoice's
		// rate
		// (through EUR); EUR into CAD then moves to 1.09 before the period end.
		String aud = InsightFixtures.uniqueSegment();
		String cadCustomer = customerIn(f, aud, "CAD");
		issue(f, ref + "-aud", cadCustomer, "500.00", "AUD", invoiceDate);
		setRate("EUR", "CAD", "1.09", today().minusDays(9));
		// Repro 2: an NZD customer's 1000.00 SGD invoice (82.30 NZD), 333.33 SGD of it
		// paid
		// after the first period end.
		String sgd = InsightFixtures.uniqueSegment();
		String nzdCustomer = customerIn(f, sgd, "NZD");
		issue(f, ref + "-sgd", nzdCustomer, "1000.00", "SGD", invoiceDate);
		f.pay(ref + "-sgd-p", ref + "-sgd", "333.33", today().minusDays(6).toString());

		LocalDate from = today().minusDays(20);
		LocalDate end = today().minusDays(8);
		// In the document's own currency: its amount as it is, not the credit amount
		// converted back (was 504.59 AUD and 999.99 SGD).
		assertReported(f, aud, from, end, "AUD", "500.00", "500.00");
		assertReported(f, sgd, from, end, "SGD", "1000.00", "1000.00");
		// After the partial payment the open remainder is exact (was 666.70 SGD).
		assertReported(f, sgd, from, today().minusDays(2), "SGD", "666.67", "1000.00");
		// In another currency, the document's amount at the rate on the period end: 500 /
		// 0.85 = 588.24 EUR (not 647.06 CAD / 1.09 = 593.63 EUR); and in the customer's
		// credit currency likewise, 500 / 0.85 x 1.09 = 641.18 CAD.
		assertReported(f, aud, from, end, "EUR", "588.24", "588.24");
		assertReported(f, aud, from, end, "CAD", "641.18", "641.18");
	}

	private void setRate(String base, String quote, String rate, LocalDate validOn) {
		fixtures()
			.mutation("cfo", "setFxRate", "SetFxRateInput",
					Map.of("base", base, "quote", quote, "rate", rate, "validOn", validOn.toString(), "reason", "test"),
					"userErrors { code message }")
			.path("setFxRate.userErrors")
			.entityList(Object.class)
			.hasSize(0);
	}

	private static String customerIn(InsightFixtures f, String segment, String creditCurrency) {
		String id = TestCustomers.create(f.as("admin"), segment, "SILVER", "RETAIL", creditCurrency);
		f.mutation("admin", "setCreditLimit", "SetCreditLimitInput",
				Map.of("customerId", id, "amount", "100000", "reason", "test"), "userErrors { code message }")
			.path("setCreditLimit.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		return id;
	}

	private static void issue(InsightFixtures f, String invoiceId, String customerId, String amount, String currency,
			LocalDate invoiceDate) {
		f.mutation("integration", "issueInvoice", "IssueInvoiceInput",
				Map.of("invoiceId", invoiceId, "customerId", customerId, "amount", amount, "currency", currency,
						"invoiceDate", invoiceDate.toString()),
				"userErrors { code message }")
			.path("issueInvoice.userErrors")
			.entityList(Object.class)
			.hasSize(0);
	}

	private static void assertReported(InsightFixtures f, String segment, LocalDate from, LocalDate to, String currency,
			String receivables, String creditSales) {
		var response = f.as("cfo")
			.document("query($segment: String, $from: Date, $to: Date, $currency: String) { "
					+ "portfolioKpis(segment: $segment, from: $from, to: $to, currency: $currency) { "
					+ "receivablesAtEnd { amount currency } creditSales { amount currency } } }")
			.variable("segment", segment)
			.variable("from", from.toString())
			.variable("to", to.toString())
			.variable("currency", currency)
			.execute();
		response.errors().verify();
		response.path("portfolioKpis.receivablesAtEnd.currency").entity(String.class).isEqualTo(currency);
		response.path("portfolioKpis.receivablesAtEnd.amount").entity(String.class).isEqualTo(receivables);
		response.path("portfolioKpis.creditSales.currency").entity(String.class).isEqualTo(currency);
		response.path("portfolioKpis.creditSales.amount").entity(String.class).isEqualTo(creditSales);
	}

	@Test
	void portfolioKpisCountUtilizationRejectionsAndHeldOrdersOfTheSegment() {
		InsightFixtures f = fixtures();
		String segment = InsightFixtures.uniqueSegment();
		String ref = TestCustomers.uniqueRef();
		String busy = f.activeCustomer(segment, "1000");
		String calm = f.activeCustomer(segment, "1000");
		String suspended = f.activeCustomer(segment, "1000");
		f.suspend(suspended);
		assertThat(f.place(ref + "-a", busy, "800")).isEqualTo("APPROVED");
		assertThat(f.place(ref + "-b", busy, "500")).isEqualTo("PENDING_APPROVAL");
		f.release(ref + "-b", true); // held at entry, released over the limit: busy is at
										// 130 %
		assertThat(f.place(ref + "-c", busy, "400")).isEqualTo("PENDING_APPROVAL"); // stays
																					// in
																					// the
																					// worklist
		assertThat(f.place(ref + "-d", calm, "300")).isEqualTo("APPROVED");
		assertThat(f.place(ref + "-e", suspended, "100")).isEqualTo("REJECTED");

		var response = f.as("cfo").document(KPIS).variable("segment", segment.toLowerCase()).execute();
		response.path("portfolioKpis.segment").entity(String.class).isEqualTo(segment);
		response.path("portfolioKpis.days").entity(Integer.class).isEqualTo(90);
		response.path("portfolioKpis.to").entity(String.class).isEqualTo(today().toString());
		response.path("portfolioKpis.customersWithLimit").entity(Integer.class).isEqualTo(2); // the
																								// suspended
																								// one
																								// is
																								// not
																								// active
		assertThat(response.path("portfolioKpis.averageUtilization").entity(Double.class).get()).isCloseTo(0.80,
				within(1e-9));
		response.path("portfolioKpis.utilizationTarget").entity(Double.class).isEqualTo(0.70);
		response.path("portfolioKpis.aboveTarget").entity(Boolean.class).isEqualTo(true);
		response.path("portfolioKpis.utilizationAlerts[0].threshold").entity(Double.class).isEqualTo(0.80);
		response.path("portfolioKpis.utilizationAlerts[0].customers").entity(Integer.class).isEqualTo(1);
		response.path("portfolioKpis.utilizationAlerts[0].share").entity(Double.class).isEqualTo(0.5);
		response.path("portfolioKpis.utilizationAlerts[1].threshold").entity(Double.class).isEqualTo(0.95);
		response.path("portfolioKpis.utilizationAlerts[1].customers").entity(Integer.class).isEqualTo(1);
		// 5 orders: a and d approved; b held then released, c held, e rejected: 3 refused
		// at entry.
		response.path("portfolioKpis.rejectionRateBySegment").entityList(Object.class).hasSize(1);
		response.path("portfolioKpis.rejectionRateBySegment[0].segment").entity(String.class).isEqualTo(segment);
		response.path("portfolioKpis.rejectionRate.segment").valueIsNull();
		for (String path : List.of("portfolioKpis.rejectionRateBySegment[0]", "portfolioKpis.rejectionRate")) {
			response.path(path + ".orders").entity(Integer.class).isEqualTo(5);
			response.path(path + ".refused").entity(Integer.class).isEqualTo(3);
			response.path(path + ".rejected").entity(Integer.class).isEqualTo(1);
			response.path(path + ".held").entity(Integer.class).isEqualTo(2);
			assertThat(response.path(path + ".rate").entity(Double.class).get()).isCloseTo(0.6, within(1e-9));
		}
		response.path("portfolioKpis.heldOrders").entity(Integer.class).isEqualTo(1);
		response.path("portfolioKpis.rejectedOrders").entity(Integer.class).isEqualTo(1);
		response.path("portfolioKpis.dso").valueIsNull(); // nothing invoiced
		response.path("portfolioKpis.dsoMethod")
			.entity(String.class)
			.satisfies(m -> assertThat(m).startsWith("STANDARD"));

		// A period that ends before today holds none of these orders.
		var before = f.as("cfo")
			.document(KPIS)
			.variable("segment", segment)
			.variable("from", today().minusDays(30).toString())
			.variable("to", today().minusDays(1).toString())
			.execute();
		before.path("portfolioKpis.rejectionRate.orders").entity(Integer.class).isEqualTo(0);
		before.path("portfolioKpis.rejectionRate.rate").entity(Double.class).isEqualTo(0.0);
		before.path("portfolioKpis.heldOrders").entity(Integer.class).isEqualTo(1); // the
																					// worklist
																					// is
																					// a
																					// figure
																					// of
																					// now
	}

	@Test
	void dsoUsesReceivablesAtThePeriodEndAndCreditSalesInThePeriod() {
		InsightFixtures f = fixtures();
		String segment = InsightFixtures.uniqueSegment();
		String ref = TestCustomers.uniqueRef();
		String customer = f.activeCustomer(segment, "100000");
		String idle = f.activeCustomer(segment, "100000");
		LocalDate to = today().minusDays(10);
		LocalDate from = to.minusDays(29);
		f.invoice(ref + "-1", customer, "1000", to.minusDays(20).toString()); // in the
																				// period,
																				// paid
																				// before
																				// its end
		f.invoice(ref + "-2", customer, "2000", to.minusDays(10).toString()); // in the
																				// period,
																				// 1500
																				// open at
																				// its end
		f.invoice(ref + "-4", customer, "700", today().toString()); // after the period
		f.invoice(ref + "-3", customer, "600", from.minusDays(10).toString()); // before
																				// the
																				// period,
																				// still
																				// open
		f.pay(ref + "-p1", ref + "-1", "1000", to.minusDays(5).toString());
		f.pay(ref + "-p2", ref + "-2", "500", to.minusDays(3).toString());
		f.pay(ref + "-p3", ref + "-2", "1500", today().toString());

		var response = f.as("analyst")
			.document(KPIS)
			.variable("segment", segment)
			.variable("from", from.toString())
			.variable("to", to.toString())
			.execute();
		response.path("portfolioKpis.days").entity(Integer.class).isEqualTo(30);
		response.path("portfolioKpis.receivablesAtEnd.amount").entity(String.class).isEqualTo("2100.00");
		response.path("portfolioKpis.receivablesAtEnd.currency").entity(String.class).isEqualTo("EUR");
		response.path("portfolioKpis.creditSales.amount").entity(String.class).isEqualTo("3000.00");
		// 2100 / 3000 x 30
		assertThat(response.path("portfolioKpis.dso").entity(Double.class).get()).isCloseTo(21.0, within(1e-9));

		// In another reporting currency: both amounts converted at the rate on the period
		// end; the ratio stays.
		f.mutation("cfo", "setFxRate", "SetFxRateInput",
				Map.of("base", "EUR", "quote", "NOK", "rate", "11.5", "validOn", from.minusDays(60).toString(),
						"reason", "test"),
				"userErrors { code message }")
			.path("setFxRate.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		var inNok = f.as("cfo")
			.document(
					"query($segment: String, $from: Date, $to: Date) { portfolioKpis(segment: $segment, from: $from, to: $to, currency: \"NOK\") { "
							+ "receivablesAtEnd { amount currency } creditSales { amount } dso } }")
			.variable("segment", segment)
			.variable("from", from.toString())
			.variable("to", to.toString())
			.execute();
		inNok.path("portfolioKpis.receivablesAtEnd.amount").entity(String.class).isEqualTo("24150.00");
		inNok.path("portfolioKpis.receivablesAtEnd.currency").entity(String.class).isEqualTo("NOK");
		inNok.path("portfolioKpis.creditSales.amount").entity(String.class).isEqualTo("34500.00");
		assertThat(inNok.path("portfolioKpis.dso").entity(Double.class).get()).isCloseTo(21.0, within(1e-9));

		// Customer.dso: the last 90 days ending today, receivables now (1300) / sales
		// (4300) x 90.
		var customers = f.as("sales")
			.document("{ a: customer(id: \"" + customer + "\") { dso } b: customer(id: \"" + idle + "\") { dso } }")
			.execute();
		assertThat(customers.path("a.dso").entity(Double.class).get()).isCloseTo(1300.0 / 4300.0 * 90, within(1e-9));
		customers.path("b.dso").valueIsNull();
	}

	@Test
	void paymentHistoryReportsDaysToPayDaysBeyondTermsAndTheMonthlyTrend() {
		InsightFixtures f = fixtures();
		String ref = TestCustomers.uniqueRef();
		String customer = f.activeCustomer(InsightFixtures.uniqueSegment(), "100000");
		LocalDate d1 = today().minusDays(70); // Net 30 by default: due d1 + 30
		LocalDate d2 = today().minusDays(50);
		LocalDate d3 = today().minusDays(40);
		String due1 = f.invoice(ref + "-1", customer, "1000", d1.toString());
		String due2 = f.invoice(ref + "-2", customer, "300", d2.toString());
		String due3 = f.invoice(ref + "-3", customer, "200", d3.toString());
		assertThat(due1).isEqualTo(d1.plusDays(30).toString());
		f.pay(ref + "-p1", ref + "-1", "1000", d1.plusDays(20).toString()); // 10 days
																			// early: on
																			// time, 0
																			// beyond
																			// terms
		f.pay(ref + "-p2", ref + "-2", "300", d2.plusDays(42).toString()); // 12 days late
		// invoice 3 stays open: due d3 + 30 = 10 days ago

		var report = f.as("sales")
			.document(
					"query($id: ID!, $from: Date!, $to: Date!) { paymentHistoryReport(customerId: $id, from: $from, to: $to) { "
							+ "customerId asOf invoiceCount settledCount onTimeRate averageDaysBeyondTerms worstDaysBeyondTerms averageDaysToPay "
							+ "invoices { invoiceId invoiceDate dueDate settledOn status daysToPay daysBeyondTerms onTime open { amount } } "
							+ "monthlyTrend { month invoices amount { amount currency } averageDaysBeyondTerms onTimeRate } } }")
			.variable("id", customer)
			.variable("from", d1.toString())
			.variable("to", today().toString())
			.execute();
		String p = "paymentHistoryReport.";
		report.path(p + "invoiceCount").entity(Integer.class).isEqualTo(3);
		report.path(p + "settledCount").entity(Integer.class).isEqualTo(2);
		report.path(p + "invoices[0].invoiceId").entity(String.class).isEqualTo(ref + "-1");
		report.path(p + "invoices[0].daysToPay").entity(Integer.class).isEqualTo(20);
		report.path(p + "invoices[0].daysBeyondTerms").entity(Integer.class).isEqualTo(0);
		report.path(p + "invoices[0].onTime").entity(Boolean.class).isEqualTo(true);
		report.path(p + "invoices[1].dueDate").entity(String.class).isEqualTo(due2);
		report.path(p + "invoices[1].daysToPay").entity(Integer.class).isEqualTo(42);
		report.path(p + "invoices[1].daysBeyondTerms").entity(Integer.class).isEqualTo(12);
		report.path(p + "invoices[1].onTime").entity(Boolean.class).isEqualTo(false);
		report.path(p + "invoices[2].dueDate").entity(String.class).isEqualTo(due3);
		report.path(p + "invoices[2].status").entity(String.class).isEqualTo("OPEN");
		report.path(p + "invoices[2].daysToPay").valueIsNull();
		report.path(p + "invoices[2].settledOn").valueIsNull();
		report.path(p + "invoices[2].onTime").valueIsNull();
		report.path(p + "invoices[2].daysBeyondTerms").entity(Integer.class).isEqualTo(10);
		report.path(p + "invoices[2].open.amount").entity(String.class).isEqualTo("200.00");
		report.path(p + "onTimeRate").entity(Double.class).isEqualTo(0.5);
		assertThat(report.path(p + "averageDaysBeyondTerms").entity(Double.class).get()).isCloseTo(22.0 / 3,
				within(1e-9));
		report.path(p + "worstDaysBeyondTerms").entity(Integer.class).isEqualTo(12);
		report.path(p + "averageDaysToPay").entity(Double.class).isEqualTo(31.0);
		// One line per invoice month present, oldest first; amounts per month add up.
		List<Map<String, Object>> months = report.path(p + "monthlyTrend")
			.entityList(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
		assertThat(months).extracting(m -> m.get("month")).isSorted().doesNotHaveDuplicates();
		assertThat(months.stream().mapToInt(m -> ((Number) m.get("invoices")).intValue()).sum()).isEqualTo(3);
		assertThat(months.stream()
			.map(m -> new BigDecimal((String) ((Map<?, ?>) m.get("amount")).get("amount")))
			.reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("1500");
		assertThat(months.get(0).get("month")).isEqualTo(d1.toString().substring(0, 7));

		// Sales may read it; data scientists may not; an unknown customer is a stable
		// error code.
		f.as("datasci")
			.document("{ paymentHistoryReport(customerId: \"" + customer + "\", from: \"" + d1 + "\", to: \"" + today()
					+ "\") { invoiceCount } }")
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "FORBIDDEN")));
		f.as("analyst")
			.document("{ paymentHistoryReport(customerId: \"nope\", from: \"" + d1 + "\", to: \"" + today()
					+ "\") { invoiceCount } }")
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "CUSTOMER_NOT_FOUND")));
		f.as("analyst")
			.document("{ paymentHistoryReport(customerId: \"" + customer + "\", from: \"" + today() + "\", to: \"" + d1
					+ "\") { invoiceCount } }")
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "INVALID_PERIOD")));
	}

	@Test
	void portfolioKpisAreForCreditStaffNotForSales() {
		fixtures().as("sales")
			.document("{ portfolioKpis { averageUtilization } }")
			.execute()
			.errors()
			.satisfy(errors -> assertThat(errors).singleElement()
				.satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "FORBIDDEN")));
		fixtures().as("datasci")
			.document("{ portfolioKpis { utilizationTarget } }")
			.execute()
			.path("portfolioKpis.utilizationTarget")
			.entity(Double.class)
			.isEqualTo(0.70);
	}

	@Test
	void dailyExposureIsWrittenAsynchronouslyFromTheStoreAndAveragedOverTheCustomersLifetime() {
		InsightFixtures f = fixtures();
		String ref = TestCustomers.uniqueRef();
		String customer = f.activeCustomer(InsightFixtures.uniqueSegment(), "10000");
		assertThat(f.place(ref + "-1", customer, "1000")).isEqualTo("APPROVED");
		String todayId = DailyExposure.id(customer, today());
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.mongo.findById(todayId, DailyExposure.class)).isNotNull()
				.satisfies(d -> assertThat(d.net()).isEqualByComparingTo("1000.00")));

		// History: created 9 days ago (10 days of lifetime), 500 recorded 5 days ago,
		// nothing before.
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(customer)),
				new Update().set("createdAt", today().minusDays(9).atTime(12, 0).toInstant(ZoneOffset.UTC)),
				"customers");
		this.mongo.insert(new DailyExposure(DailyExposure.id(customer, today().minusDays(5)), customer,
				today().minusDays(5), new BigDecimal("500.00"), "EUR", Instant.now()));
		// 4 days x 0 + 5 days x 500 + today 1000, over 10 days
		f.as("sales")
			.document("{ customer(id: \"" + customer + "\") { averageExposure90d { amount currency } } }")
			.execute()
			.path("customer.averageExposure90d.amount")
			.entity(String.class)
			.isEqualTo("350.00")
			.path("customer.averageExposure90d.currency")
			.entity(String.class)
			.isEqualTo("EUR");

		// A value recorded before the window carries over the whole window of an older
		// customer.
		String old = f.activeCustomer(InsightFixtures.uniqueSegment(), "10000");
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(old)),
				new Update().set("createdAt", today().minusDays(400).atStartOfDay().toInstant(ZoneOffset.UTC)),
				"customers");
		this.mongo.insert(new DailyExposure(DailyExposure.id(old, today().minusDays(200)), old, today().minusDays(200),
				new BigDecimal("999.00"), "EUR", Instant.now()));
		this.mongo.insert(new DailyExposure(DailyExposure.id(old, today().minusDays(120)), old, today().minusDays(120),
				new BigDecimal("300.00"), "EUR", Instant.now()));
		this.mongo.insert(new DailyExposure(DailyExposure.id(old, today().minusDays(30)), old, today().minusDays(30),
				new BigDecimal("600.00"), "EUR", Instant.now()));
		// 59 days x 300 + 31 days x 600, over 90 days = 403.33
		f.as("analyst")
			.document("{ customer(id: \"" + old + "\") { averageExposure90d { amount } } }")
			.execute()
			.path("customer.averageExposure90d.amount")
			.entity(String.class)
			.isEqualTo("403.33");
	}

	@Test
	void theValueIsReadFromTheStoreAndPendingCustomersAreFlushedOnShutdown() {
		InsightFixtures f = fixtures();
		String ref = TestCustomers.uniqueRef();
		String customer = f.activeCustomer(InsightFixtures.uniqueSegment(), "10000");
		this.history.stop(); // no periodic flush from here on; stop flushes what is
								// pending
		try {
			assertThat(f.place(ref + "-1", customer, "700")).isEqualTo("APPROVED");
			assertThat(f.place(ref + "-2", customer, "200")).isEqualTo("APPROVED");
			assertThat(this.history.pending()).isGreaterThanOrEqualTo(1);
			assertThat(this.mongo.findById(DailyExposure.id(customer, today()), DailyExposure.class)).isNull();
			this.history.stop(); // a shutdown writes the pending customers once, from the
									// store
			assertThat(this.history.pending()).isZero();
			assertThat(this.mongo.findById(DailyExposure.id(customer, today()), DailyExposure.class).net())
				.isEqualByComparingTo("900.00");
		}
		finally {
			this.history.start();
		}
	}

}
