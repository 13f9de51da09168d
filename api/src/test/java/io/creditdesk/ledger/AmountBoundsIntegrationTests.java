package io.creditdesk.ledger;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.RawHttp;
import io.creditdesk.TestCustomers;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every money input of the GraphQL API is held to the one bound of amounts, as strings,
 * as JSON numbers and as literals: a violation is a user error naming the field, never an
 * internal error, never HTTP 500 and never a stored value.
 */
@CreditDeskIntegrationTest
class AmountBoundsIntegrationTests {

	private static final String FORTY_DIGITS = "1234567890123456789012345678901234567890";

	private static final String ERRORS = "userErrors { field code message }";

	@Autowired
	private HttpGraphQlTester graphQl;

	@Autowired
	private MongoTemplate mongo;

	@LocalServerPort
	private int port;

	private LedgerFixtures f;

	@BeforeEach
	void fixtures() {
		this.f = new LedgerFixtures(this.graphQl);
	}

	private static String id(String prefix) {
		return prefix + "-" + TestCustomers.uniqueRef();
	}

	private static void refused(GraphQlTester.Response response, String mutation, String code, String field) {
		response.errors().verify();
		response.path(mutation + ".userErrors[*].code").entityList(String.class).containsExactly(code);
		response.path(mutation + ".userErrors[0].field").entity(String.class).isEqualTo(field);
		response.path(mutation + ".userErrors[0].message")
			.entity(String.class)
			.satisfies(message -> assertThat(message).isNotBlank().hasSizeLessThan(300));
	}

	private GraphQlTester.Response setLimit(String customer, Object amount) {
		return this.f.mutate("admin", "setCreditLimit", "SetCreditLimitInput",
				Map.of("customerId", customer, "amount", amount, "reason", "bounds"),
				"customer { creditLimit { amount } } " + ERRORS);
	}

	private String limitOf(String customer) {
		return this.f.as("manager")
			.document("{ customer(id: \"" + customer + "\") { creditLimit { amount } } }")
			.execute()
			.path("customer.creditLimit.amount")
			.entity(String.class)
			.get();
	}

	@Test
	void aLimitOf1e400IsAUserErrorAndTheCustomersOrdersStillWork() {
		String customer = this.f.activeCustomer("10000");
		refused(setLimit(customer, "1e400"), "setCreditLimit", "AMOUNT_OUT_OF_RANGE", "amount");
		refused(setLimit(customer, FORTY_DIGITS), "setCreditLimit", "AMOUNT_OUT_OF_RANGE", "amount");
		refused(setLimit(customer, "1E+15"), "setCreditLimit", "AMOUNT_OUT_OF_RANGE", "amount");
		assertThat(limitOf(customer)).isEqualTo("10000.00");

		GraphQlTester.Response order = this.f.place("sales", id("o"), customer, "100", "EUR");
		order.errors().verify();
		order.path("placeOrder.decision.status").entity(String.class).isEqualTo("APPROVED");
	}

	@Test
	void trailingZerosAreNormalisedToTheCurrencyScaleAndSoStored() {
		String customer = this.f.activeCustomer("10000");
		setLimit(customer, "10.5000").path("setCreditLimit.customer.creditLimit.amount")
			.entity(String.class)
			.isEqualTo("10.50");
		Document stored = this.mongo.findOne(Query.query(Criteria.where("_id").is(customer)), Document.class,
				"customers");
		Decimal128 amount = stored.get("creditLimit", Document.class)
			.get("amount", Document.class)
			.get("amount", Decimal128.class);
		assertThat(amount.bigDecimalValue().scale()).as("stored scale").isEqualTo(2);
		assertThat(amount.bigDecimalValue().toPlainString()).isEqualTo("10.50");

		refused(setLimit(customer, "10.505"), "setCreditLimit", "TOO_MANY_DECIMALS", "amount");
		setLimit(customer, "1.5e3").path("setCreditLimit.customer.creditLimit.amount")
			.entity(String.class)
			.isEqualTo("1500.00");

		String order = id("o");
		this.f.place("sales", order, customer, "100.1000", "EUR")
			.path("placeOrder.order.open.amount")
			.entity(String.class)
			.isEqualTo("100.10");
		Document placed = this.mongo.findOne(Query.query(Criteria.where("_id").is(order)), Document.class, "orders");
		assertThat(placed.get("amount", Document.class).get("amount", Decimal128.class).bigDecimalValue().scale())
			.isEqualTo(2);
	}

	@Test
	void fortyDigitAmountsAreUserErrorsOfEveryMoneyInput() {
		String customer = this.f.activeCustomer("100000");
		String order = id("o");
		this.f.place("sales", order, customer, "1000", "EUR")
			.path("placeOrder.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		String invoice = id("inv");
		this.f
			.mutate("integration", "issueInvoice", "IssueInvoiceInput",
					Map.of("invoiceId", invoice, "customerId", customer, "amount", "500", "currency", "EUR"), ERRORS)
			.path("issueInvoice.userErrors")
			.entityList(Object.class)
			.hasSize(0);

		refused(this.f.place("sales", id("o"), customer, FORTY_DIGITS, "EUR"), "placeOrder", "AMOUNT_OUT_OF_RANGE",
				"amount");
		refused(this.f.mutate("sales", "amendOrder", "AmendOrderInput",
				Map.of("orderId", order, "amount", FORTY_DIGITS), ERRORS), "amendOrder", "AMOUNT_OUT_OF_RANGE",
				"amount");
		refused(this.f.mutate("integration", "shipOrder", "ShipOrderInput",
				Map.of("orderId", order, "shipmentId", id("s"), "amount", "1e400"), ERRORS), "shipOrder",
				"AMOUNT_OUT_OF_RANGE", "amount");
		refused(this.f.mutate("integration", "issueInvoice", "IssueInvoiceInput",
				Map.of("invoiceId", id("inv"), "customerId", customer, "amount", FORTY_DIGITS, "currency", "EUR"),
				ERRORS), "issueInvoice", "AMOUNT_OUT_OF_RANGE", "amount");
		refused(this.f.mutate("integration", "recordPayment", "RecordPaymentInput",
				Map.of("paymentId", id("p"), "invoiceId", invoice, "amount", FORTY_DIGITS), ERRORS), "recordPayment",
				"AMOUNT_OUT_OF_RANGE", "amount");
		refused(this.f.mutate("integration", "issueCreditNote", "IssueCreditNoteInput",
				Map.of("creditNoteId", id("cn"), "invoiceId", invoice, "amount", "1e400", "reason", "bounds"), ERRORS),
				"issueCreditNote", "AMOUNT_OUT_OF_RANGE", "amount");
		refused(this.f.mutate("manager", "setGroupCreditLimit", "SetGroupCreditLimitInput",
				Map.of("parentId", customer, "amount", FORTY_DIGITS, "reason", "bounds"), ERRORS),
				"setGroupCreditLimit", "AMOUNT_OUT_OF_RANGE", "amount");
		refused(this.f.mutate("manager", "addCreditSecurity", "AddCreditSecurityInput",
				Map.of("customerId", customer, "type", "GUARANTEE", "reference", "G-1", "amount",
						Map.of("amount", "1e400", "currency", "EUR")),
				"security { id } " + ERRORS), "addCreditSecurity", "AMOUNT_OUT_OF_RANGE", "amount.amount");
		refused(this.f.mutate("manager", "addCreditSecurity", "AddCreditSecurityInput",
				Map.of("customerId", customer, "type", "CREDIT_INSURANCE", "reference", "CI-1", "amount",
						Map.of("amount", "1000", "currency", "EUR"), "coverPercent", "1e-400"),
				"security { id } " + ERRORS), "addCreditSecurity", "TOO_MANY_DECIMALS", "coverPercent");

		for (String money : List.of("defaultLimit", "hardCap", "maxOverdueAmount", "maxOrderAmount")) {
			refused(policy(customer, Map.of(money, Map.of("amount", "1e400", "currency", "EUR"))), "upsertCreditPolicy",
					"AMOUNT_OUT_OF_RANGE", money + ".amount");
		}
		refused(policy(customer,
				Map.of("paymentTerms", Map.of("netDays", 30, "discountPercent", "1e-400", "discountDays", 10))),
				"upsertCreditPolicy", "TOO_MANY_DECIMALS", "paymentTerms.discountPercent");

		refused(this.f.mutate("cfo", "setFxRate", "SetFxRateInput",
				Map.of("base", "MNT", "quote", "EUR", "rate", "1e400"), "rate { rate } " + ERRORS), "setFxRate",
				"AMOUNT_OUT_OF_RANGE", "rate");
		refused(this.f.mutate("cfo", "setFxRate", "SetFxRateInput",
				Map.of("base", "MNT", "quote", "EUR", "rate", "1e-400"), "rate { rate } " + ERRORS), "setFxRate",
				"TOO_MANY_DECIMALS", "rate");

		// Nothing of it was stored: the exposure is the one order and the one invoice.
		assertThat(this.f.counter(customer, "openOrders")).isEqualTo("1000.00");
		assertThat(this.f.counter(customer, "receivables")).isEqualTo("500.00");
		assertThat(this.mongo.count(Query.query(Criteria.where("customerId").is(customer)), "credit_securities"))
			.isZero();
	}

	private GraphQlTester.Response policy(String customer, Map<String, Object> settings) {
		Map<String, Object> input = new HashMap<>(settings);
		input.put("level", "CUSTOMER");
		input.put("code", customer);
		input.put("reason", "bounds");
		return this.f.mutate("cfo", "upsertCreditPolicy", "UpsertCreditPolicyInput", input, ERRORS);
	}

	@Test
	void aConvertedAmountIsHeldToTheSameBound() {
		String customer = this.f.activeCustomer("10000");
		this.f
			.mutate("cfo", "setFxRate", "SetFxRateInput",
					Map.of("base", "MNT", "quote", "EUR", "rate", "900000000", "validOn",
							LocalDate.now().minusDays(1).toString()),
					"rate { rate } " + ERRORS)
			.path("setFxRate.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		refused(this.f.place("sales", id("o"), customer, "10000000", "MNT"), "placeOrder", "AMOUNT_OUT_OF_RANGE",
				"currency");
		assertThat(this.f.counter(customer, "openOrders")).isEqualTo("0.00");
	}

	@Test
	void aJsonNumberBeyondADoubleIsAUserErrorNotAServerError() throws Exception {
		String customer = this.f.activeCustomer("10000");
		String mutation = "mutation($input: SetCreditLimitInput!) { setCreditLimit(input: $input) { customer { creditLimit { amount } } "
				+ ERRORS + " } }";
		HttpResponse<String> huge = post(mutation,
				"{\"customerId\": \"" + customer + "\", \"amount\": 1e400, \"reason\": \"x\"}", "admin");
		assertThat(huge.statusCode()).isEqualTo(200);
		assertThat(huge.body()).contains("\"code\":\"AMOUNT_OUT_OF_RANGE\"").contains("\"field\":\"amount\"");

		HttpResponse<String> hugeInt = post(mutation,
				"{\"customerId\": \"" + customer + "\", \"amount\": " + FORTY_DIGITS + ", \"reason\": \"x\"}", "admin");
		assertThat(hugeInt.statusCode()).isEqualTo(200);
		assertThat(hugeInt.body()).contains("\"code\":\"AMOUNT_OUT_OF_RANGE\"");
		assertThat(limitOf(customer)).isEqualTo("10000.00");

		// 17 significant digits: a double would have made it 1.0E15, out of range; read
		// exactly it is the largest limit.
		HttpResponse<String> exact = post(mutation,
				"{\"customerId\": \"" + customer + "\", \"amount\": 999999999999999.99, \"reason\": \"x\"}", "admin");
		assertThat(exact.statusCode()).isEqualTo(200);
		assertThat(exact.body()).contains("\"amount\":\"999999999999999.99\"").contains("\"userErrors\":[]");

		HttpResponse<String> literal = post("mutation { setCreditLimit(input: {customerId: \"" + customer
				+ "\", amount: 1e400, reason: \"x\"}) { " + ERRORS + " } }", null, "admin");
		assertThat(literal.statusCode()).isEqualTo(200);
		assertThat(literal.body()).contains("\"code\":\"AMOUNT_OUT_OF_RANGE\"");
		assertThat(limitOf(customer)).isEqualTo("999999999999999.99");
	}

	@Test
	void aHugeSegmentCodeIsRefusedWithoutEchoingIt() throws Exception {
		String mutation = "mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } "
				+ ERRORS + " } }";
		// 200 KB: as large as a request body may be (256 KB); a 10 MB body is refused
		// before it is read.
		String huge = "X".repeat(200 * 1024);
		HttpResponse<String> response = post(mutation, createCustomerWithSegment(huge), "admin");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"code\":\"INVALID_CODE\"").contains("(204800 characters)");
		assertThat(response.body()).hasSizeLessThan(2000);
		// The 10 MB body is declared and only its start sent (over a plain socket): the
		// server answers from the
		// declared length without reading on, so a client still writing the rest could
		// see the connection close.
		String start = "{\"query\": \"" + mutation.replace("\"", "\\\"")
				+ "\", \"variables\": {\"input\": {\"segment\": \"" + "X".repeat(64 * 1024);
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(
					("POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nAuthorization: Basic "
							+ Base64.getEncoder().encodeToString("admin:demo".getBytes(StandardCharsets.UTF_8))
							+ "\r\nContent-Length: " + (10 * 1024 * 1024) + "\r\n\r\n")
						.getBytes(StandardCharsets.US_ASCII));
			out.write(start.getBytes(StandardCharsets.UTF_8));
			out.flush();
			RawHttp.Answer tenMegabytes = RawHttp.read(socket.getInputStream());
			assertThat(tenMegabytes.status()).isEqualTo(413);
			assertThat(tenMegabytes.body()).contains("\"code\":\"REQUEST_TOO_LARGE\"").hasSizeLessThan(2000);
		}
	}

	private static String createCustomerWithSegment(String segment) {
		return "{\"externalRef\": \"" + TestCustomers.uniqueRef() + "\", \"name\": \"Bounds\", \"taxId\": \""
				+ TestCustomers.uniqueGermanTaxId() + "\", \"countryCode\": \"DE\", \"segment\": \"" + segment
				+ "\", \"tier\": \"GOLD\", \"industry\": \"RETAIL\", \"creditCurrency\": \"EUR\"}";
	}

	private HttpResponse<String> post(String query, String input) throws Exception {
		return post(query, input, "manager");
	}

	private HttpResponse<String> post(String query, String input, String user) throws Exception {
		String body = "{\"query\": \"" + query.replace("\"", "\\\"") + "\""
				+ ((input != null) ? ", \"variables\": {\"input\": " + input + "}" : "") + "}";
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/graphql"))
			.header("Content-Type", "application/json")
			.header("Accept", "application/graphql-response+json")
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

}
