package io.creditdesk.risk.imports;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.GraphQlClients;
import io.creditdesk.TestCustomers;
import io.creditdesk.risk.CustomerLedgers;
import io.creditdesk.risk.PortfolioScoring;
import io.creditdesk.scoring.ledger.LedgerInvoice;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/** The history imports over HTTP, against the whole service. */
@CreditDeskIntegrationTest
class HistoryImportIntegrationTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private HttpGraphQlTester graphQl;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private CustomerLedgers ledgers;

	@Autowired
	private PortfolioScoring scoring;

	@Autowired
	private JsonMapper json;

	@Test
	void twelveImportedMonthsScoreACustomerTheLedgerHasJustMetAndAReimportChangesNothing() throws Exception {
		String ref = TestCustomers.uniqueRef();
		String id = customer(ref);
		StringBuilder csv = new StringBuilder(
				"customer_id,segment,month,credit_limit,billed,paid,delay_status,label\n");
		for (int m = 1; m <= 12; m++) {
			csv.append(ref)
				.append(",SMB,")
				.append(m)
				.append(",20000,")
				.append(4000 + 100 * m)
				.append(",3500,")
				.append((m % 4 == 0) ? 1 : 0)
				.append(",0\n");
		}
		YearMonth month1 = YearMonth.from(LocalDate.now(ZoneOffset.UTC)).minusMonths(1);
		JsonNode first = post("/api/imports/statements?asOf=" + month1, "datasci", "text/csv", csv.toString(), 200);
		assertThat(first.get("rows").asLong()).isEqualTo(12);
		assertThat(first.get("imported").asLong()).isEqualTo(12);
		assertThat(first.get("errors")).isEmpty();
		List<ImportedStatement> stored = statementsOf(id);
		assertThat(stored).hasSize(12);
		assertThat(stored).anySatisfy(s -> {
			assertThat(s.month()).isEqualTo(month1.toString());
			assertThat(s.billed()).isEqualTo(4100.0);
		});

		post("/api/imports/statements?asOf=" + month1, "integration", "text/csv; charset=utf-8", csv.toString(), 200);
		assertThat(statementsOf(id)).containsExactlyInAnyOrderElementsOf(stored);

		this.scoring.rescore(Optional.of("IMPORTS"), done -> {
		});
		as("analyst")
			.document("query($id: ID!) { customer(id: $id) { score { status importedMonths historyMonths asOf } } }")
			.variable("id", id)
			.execute()
			.path("customer.score.status")
			.entity(String.class)
			.isEqualTo("SCORED")
			.path("customer.score.importedMonths")
			.entity(Integer.class)
			.satisfies(n -> assertThat(n).isGreaterThanOrEqualTo(11))
			.path("customer.score.asOf")
			.entity(String.class)
			.isEqualTo(month1.plusMonths(1).atDay(1).toString());
	}

	@Test
	void aFileWithAnyErrorImportsNothingAndSaysWhereEachErrorIs() throws Exception {
		String ref = TestCustomers.uniqueRef();
		String id = customer(ref);
		String csv = "customer_id,month,credit_limit,billed,paid,delay_status\n" + ref + ",1,1000,200,200,0\n"
				+ "NOBODY-" + ref + ",1,1000,200,200,0\n" + ref + ",2,1000,lots,200,0\n" + ref + ",3,1000,200,200,12\n"
				+ ref + ",1,1000,200,200,0\n";
		JsonNode report = post("/api/imports/statements", "admin", "text/csv", csv, 400);
		assertThat(report.get("rows").asLong()).isEqualTo(5);
		assertThat(report.get("imported").asLong()).isZero();
		assertThat(errors(report)).containsExactly("3 customer_id UNKNOWN_CUSTOMER", "4 billed NOT_A_NUMBER",
				"5 delay_status OUT_OF_RANGE", "6 null DUPLICATE_ROW");
		assertThat(statementsOf(id)).isEmpty();
	}

	@Test
	void amountsAreHeldToTheBoundOfMoneyInTheCustomersCurrency() throws Exception {
		// Beyond what a Decimal128 holds (an exponent of 7000, 42 digits), beyond every
		// amount (10^15) or finer than the credit currency (EUR: 2 decimals): each a row
		// error, never an internal error and never imported.
		String ref = TestCustomers.uniqueRef();
		String id = customer(ref);
		LocalDate d = LocalDate.now(ZoneOffset.UTC).minusMonths(3);
		String row = ref + ",%s," + d + "," + d.plusDays(30) + ",%s,,,%s\n";
		String csv = "customer_id,invoice_id,invoice_date,due_date,amount,settled_date,paid_amount,credit_limit\n"
				+ row.formatted("B-1", "1e7000", "1000")
				+ row.formatted("B-2", "1.00000000000000000000000000000000000001", "")
				+ row.formatted("B-3", "1e15", "") + row.formatted("B-4", "100.005", "")
				+ row.formatted("B-5", "100", "1e400") + row.formatted("B-6", "100.10", "999999999999999.99");
		JsonNode report = post("/api/imports/invoices", "integration", "text/csv", csv, 400);
		assertThat(errors(report)).containsExactly("2 amount OUT_OF_RANGE", "3 amount TOO_MANY_DECIMALS",
				"4 amount OUT_OF_RANGE", "5 amount TOO_MANY_DECIMALS", "6 credit_limit OUT_OF_RANGE");
		assertThat(this.ledgers.of(id).map(l -> l.ledger().invoices()).orElse(List.of())).isEmpty();

		String statements = "customer_id,month,credit_limit,billed,paid,delay_status\n" + ref + ",1,1e400,200,200,0\n"
				+ ref + ",2,1000,200.001,200,0\n" + ref + ",3,1000,200,1e7000,0\n" + ref + ",4,1000,200.50,200,0\n";
		assertThat(errors(post("/api/imports/statements", "admin", "text/csv", statements, 400)))
			.containsExactly("2 credit_limit OUT_OF_RANGE", "3 billed TOO_MANY_DECIMALS", "4 paid OUT_OF_RANGE");
		assertThat(statementsOf(id)).isEmpty();
	}

	@Test
	void importedInvoicesBecomeLedgerFactsOfTheirCustomer() throws Exception {
		String ref = TestCustomers.uniqueRef();
		String id = customer(ref);
		LocalDate d = LocalDate.now(ZoneOffset.UTC).minusMonths(3);
		String csv = "customer_id,invoice_id,invoice_date,due_date,amount,settled_date,paid_amount,credit_limit\n" + ref
				+ ",A-1," + d + "," + d.plusDays(30) + ",1000.00," + d.plusDays(40) + ",800.00,15000\n" + ref + ",A-2,"
				+ d.plusDays(5) + "," + d.plusDays(35) + ",500.00,,,\n";
		JsonNode report = post("/api/imports/invoices", "integration", "text/csv", csv, 200);
		assertThat(report.get("imported").asLong()).isEqualTo(2);
		List<LedgerInvoice> invoices = this.ledgers.of(id).orElseThrow().ledger().invoices();
		assertThat(invoices).extracting(LedgerInvoice::id).containsExactlyInAnyOrder("A-1", "A-2");
		LedgerInvoice paid = invoices.stream().filter(i -> i.id().equals("A-1")).findFirst().orElseThrow();
		assertThat(paid.applications())
			.extracting(a -> a.kind().name() + " " + a.amount().stripTrailingZeros().toPlainString())
			.containsExactly("PAYMENT 800", "WRITE_OFF 200");
		assertThat(this.ledgers.of(id).orElseThrow().ledger().limitChanges())
			.anySatisfy(l -> assertThat(l.amount()).isEqualByComparingTo("15000"));
	}

	/**
	 * An invoice dated before its customer's {@code customerSince} is a row problem
	 * naming both dates, in the caller's language, and nothing is imported; one dated on
	 * that day is imported. Before, the import took it: a ledger fact from before the
	 * customer was one (the ledger refuses such an invoice as DATE_BEFORE_CUSTOMER).
	 */
	@Test
	void anInvoiceBeforeTheCustomerBeganIsARowProblem() throws Exception {
		String ref = TestCustomers.uniqueRef();
		LocalDate since = LocalDate.now(ZoneOffset.UTC).minusMonths(6);
		String id = customer(ref, since.toString());
		LocalDate before = since.minusDays(1);
		String header = "customer_id,invoice_id,invoice_date,due_date,amount\n";
		String csv = header + ref + ",E-1," + before + "," + since.plusDays(29) + ",100.00\n" + ref + ",E-2," + since
				+ "," + since.plusDays(30) + ",200.00\n";
		JsonNode report = post("/api/imports/invoices", "integration", "text/csv", csv, 400);
		assertThat(report.get("imported").asLong()).isZero();
		assertThat(errors(report)).containsExactly("2 invoice_date DATE_BEFORE_CUSTOMER");
		assertThat(reason(report))
			.startsWith("The invoice date " + before + " is before the customer relationship began (" + since + ")");
		assertThat(reason(post("/api/imports/invoices", "integration", "text/csv", "de", bytes(csv), 400)))
			.startsWith("Das Rechnungsdatum " + before + " liegt vor dem Beginn der Kundenbeziehung (" + since + ")");
		assertThat(this.ledgers.of(id).map(l -> l.ledger().invoices()).orElse(List.of())).isEmpty();

		String onTheDay = header + ref + ",E-2," + since + "," + since.plusDays(30) + ",200.00\n";
		assertThat(post("/api/imports/invoices", "integration", "text/csv", onTheDay, 200).get("imported").asLong())
			.isEqualTo(1);
		assertThat(this.ledgers.of(id).orElseThrow().ledger().invoices()).extracting(LedgerInvoice::id)
			.containsExactly("E-2");
	}

	@Test
	void theWrongContentTypeRoleOrMonthIsRefusedWithJson() throws Exception {
		String csv = "customer_id,invoice_date,due_date,amount\n";
		assertThat(errors(post("/api/imports/invoices", "admin", "application/json", "{}", 415)))
			.containsExactly("0 null UNSUPPORTED_MEDIA_TYPE");
		assertThat(errors(post("/api/imports/invoices", "sales", "text/csv", csv, 403)))
			.containsExactly("0 null FORBIDDEN");
		assertThat(errors(post("/api/imports/statements?asOf=June", "admin", "text/csv", csv, 400)))
			.containsExactly("0 asOf INVALID_AS_OF");
		assertThat(errors(post("/api/imports/invoices", "admin", "text/csv", "customer_id,amount\n", 400)))
			.containsExactly("1 invoice_date MISSING_COLUMN", "1 due_date MISSING_COLUMN");
		assertThat(errors(post("/api/imports/invoices", "admin", "text/csv", csv, 400)))
			.containsExactly("0 null EMPTY_FILE");
	}

	/**
	 * The refusals of the request as a whole speak the caller's language
	 * ({@code Accept-Language}), from the message catalogue, as {@code /api/models} does;
	 * English without the header. They were English only.
	 */
	@Test
	void refusalsOfTheRequestAreInTheCallersLanguage() throws Exception {
		String csv = "customer_id,invoice_date,due_date,amount\n";
		byte[] latin1 = "customer_id,invoice_date,due_date,amount\nK\u00f6ln,2025-01-01,2025-02-01,1\n"
			.getBytes(StandardCharsets.ISO_8859_1);
		String future = YearMonth.from(LocalDate.now(ZoneOffset.UTC)).plusMonths(1).toString();

		assertThat(reason(post("/api/imports/invoices", "admin", "application/json", "de", bytes("{}"), 415)))
			.isEqualTo(
					"Bitte die Datei als Rumpf der Anfrage mit Content-Type: text/csv senden, nicht 'application/json'.");
		assertThat(reason(post("/api/imports/invoices", "admin", "application/json", "en", bytes("{}"), 415)))
			.isEqualTo("Send the file as the request body with Content-Type: text/csv, not 'application/json'.");
		assertThat(reason(post("/api/imports/invoices", "sales", "text/csv", "de-DE,de;q=0.9", bytes(csv), 403)))
			.isEqualTo("Importe sind den Rollen ADMIN, DATA_SCIENTIST und INTEGRATION vorbehalten.");
		assertThat(reason(post("/api/imports/invoices", "sales", "text/csv", null, bytes(csv), 403)))
			.isEqualTo("Imports are for the roles ADMIN, DATA_SCIENTIST and INTEGRATION.");
		assertThat(reason(post("/api/imports/statements?asOf=June", "admin", "text/csv", "de", bytes(csv), 400)))
			.isEqualTo("asOf muss ein Monat wie 2025-06 sein, erhalten: 'June'.");
		assertThat(reason(post("/api/imports/statements?asOf=June", "admin", "text/csv", "en", bytes(csv), 400)))
			.isEqualTo("asOf must be a month like 2025-06, got 'June'.");
		assertThat(reason(post("/api/imports/statements?asOf=" + future, "admin", "text/csv", "de", bytes(csv), 400)))
			.startsWith("asOf muss ein abgeschlossener Monat vor ")
			.endsWith(", erhalten: " + future + ".");
		assertThat(reason(post("/api/imports/statements?asOf=" + future, "admin", "text/csv", "en", bytes(csv), 400)))
			.startsWith("asOf must be a complete month before ")
			.endsWith(", got " + future + ".");
		assertThat(reason(post("/api/imports/invoices", "admin", "text/csv", "de", latin1, 400)))
			.isEqualTo("Die Datei ist kein UTF-8-Text.");
		assertThat(reason(post("/api/imports/invoices", "admin", "text/csv", "en", latin1, 400)))
			.isEqualTo("The file is not UTF-8 text.");
	}

	/**
	 * The problems of a file, and a file refused as a whole, speak the caller's language
	 * too. They were English only.
	 */
	@Test
	void problemsOfTheFileAreInTheCallersLanguage() throws Exception {
		String nobody = "NOBODY-" + TestCustomers.uniqueRef();
		String csv = "customer_id,invoice_id,invoice_date,due_date,amount\n" + nobody + ",A-1,no-date,2025-01-01,-5\n";
		assertThat(reasons(post("/api/imports/invoices", "admin", "text/csv", "de", bytes(csv), 400))).containsExactly(
				"2 customer_id Kein Kunde hat die externe Referenz '" + nobody
						+ "': Bitte zuerst den Kunden anlegen (Importe legen nie Kunden an).",
				"2 invoice_date Kein Datum wie 2025-06-30: 'no-date'.",
				"2 amount amount muss größer als null sein, erhalten: -5.");
		assertThat(reasons(post("/api/imports/invoices", "admin", "text/csv", "en", bytes(csv), 400))).containsExactly(
				"2 customer_id No customer has the external reference '" + nobody
						+ "': create the customer first (imports never create customers).",
				"2 invoice_date Not a date like 2025-06-30: 'no-date'.",
				"2 amount amount must be more than zero, was -5.");
		assertThat(
				reasons(post("/api/imports/invoices", "admin", "text/csv", "de", bytes("customer_id,amount\n"), 400)))
			.first()
			.asString()
			.startsWith("1 invoice_date Der Kopfzeile fehlt die Spalte 'invoice_date' (erforderlich: customer_id, ");
		assertThat(reasons(post("/api/imports/invoices", "admin", "text/csv", "de",
				bytes("customer_id,invoice_date,due_date,amount\n"), 400)))
			.containsExactly("0 null Die Datei hat eine Kopfzeile, aber keine Datenzeilen.");
		assertThat(reasons(post("/api/imports/invoices", "admin", "text/csv", null,
				bytes("customer_id,invoice_date,due_date,amount\n"), 400)))
			.containsExactly("0 null The file has a header but no data rows.");
	}

	private static List<String> reasons(JsonNode report) {
		return report.get("errors")
			.valueStream()
			.map(e -> e.get("line").asLong() + " " + (e.get("column").isNull() ? "null" : e.get("column").asString())
					+ " " + e.get("reason").asString())
			.toList();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** The reason of the report's one error. */
	private static String reason(JsonNode report) {
		assertThat(report.get("errors")).hasSize(1);
		return report.get("errors").get(0).get("reason").asString();
	}

	private String customer(String ref) {
		return customer(ref, TestCustomers.SINCE);
	}

	private String customer(String ref, String since) {
		return TestCustomers.create(as("admin"),
				Map.of("externalRef", ref, "name", "Imported " + ref, "taxId", TestCustomers.uniqueGermanTaxId(),
						"countryCode", "DE", "segment", "IMPORTS", "tier", "SILVER", "industry", "RETAIL",
						"creditCurrency", "EUR", "customerSince", since));
	}

	private List<ImportedStatement> statementsOf(String customerId) {
		return this.mongo.find(Query.query(Criteria.where("customerId").is(customerId)), ImportedStatement.class);
	}

	private static List<String> errors(JsonNode report) {
		return report.get("errors")
			.valueStream()
			.map(e -> e.get("line").asLong() + " " + (e.get("column").isNull() ? "null" : e.get("column").asString())
					+ " " + e.get("code").asString())
			.toList();
	}

	private JsonNode post(String path, String user, String contentType, String body, int status) throws Exception {
		return post(path, user, contentType, null, body.getBytes(StandardCharsets.UTF_8), status);
	}

	/** {@code language}: the Accept-Language header, none when null. */
	private JsonNode post(String path, String user, String contentType, String language, byte[] body, int status)
			throws Exception {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Content-Type", contentType)
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
		if (language != null) {
			builder.header("Accept-Language", language);
		}
		HttpRequest request = builder.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
		HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
		return this.json.readTree(response.body());
	}

	private HttpGraphQlTester as(String user) {
		return GraphQlClients.as(this.graphQl, user);
	}

}
