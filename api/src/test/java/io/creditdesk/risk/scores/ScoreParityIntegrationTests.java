package io.creditdesk.risk.scores;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.GraphQlClients;
import io.creditdesk.TestCustomers;
import io.creditdesk.risk.ActiveModels;
import io.creditdesk.risk.CustomerScores;
import io.creditdesk.scoring.cli.ScoringCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Training-serving parity: the score the service stores for a customer, from its ledger,
 * equals what {@code scoring-cli score} computes from the same invoices written as the
 * generic invoice CSV, with the same model file and as-of date, to 1e-9. The two build
 * the history on different paths (the ledger's documents through {@code LedgerHistory},
 * the CSV through {@code InvoiceAggregator}).
 */
@CreditDeskIntegrationTest
class ScoreParityIntegrationTests {

	@Autowired
	private HttpGraphQlTester graphQl;

	@Autowired
	private ActiveModels models;

	@Autowired
	private CustomerScores scores;

	@Autowired
	private LiveScoring scoring;

	@Test
	void theServicesScoreEqualsTheCliScoreOfTheSameInvoices(@TempDir Path dir) throws Exception {
		String id = TestCustomers.create(as("admin"), "PARITY", "SILVER", "RETAIL", "EUR");
		mutation("admin", "setCreditLimit", "SetCreditLimitInput",
				Map.of("customerId", id, "amount", "30000", "reason", "test"), "userErrors { code }")
			.path("setCreditLimit.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		String ref = TestCustomers.uniqueRef();
		List<String> csv = new ArrayList<>(List
			.of("customer_id,invoice_id,invoice_date,due_date,amount,settled_date," + "paid_amount,credit_limit"));
		for (int m = 11; m >= 0; m--) {
			LocalDate date = (m == 0) ? today : today.minusMonths(m).withDayOfMonth(1 + (m * 7) % 27);
			String amount = String.valueOf(1000 + 250 * (m % 5)) + ".00";
			String invoiceId = ref + "-" + m;
			String due = mutation("integration", "issueInvoice", "IssueInvoiceInput",
					Map.of("invoiceId", invoiceId, "customerId", id, "amount", amount, "currency", "EUR", "invoiceDate",
							date.toString()),
					"invoice { dueDate } userErrors { code message }")
				.path("issueInvoice.invoice.dueDate")
				.entity(String.class)
				.get();
			LocalDate paid = date.plusDays((m % 4 == 0) ? 75 : 12 + m);
			boolean settled = m > 1 && !paid.isAfter(today);
			if (settled) {
				mutation("integration", "recordPayment", "RecordPaymentInput",
						Map.of("paymentId", invoiceId + "-P", "invoiceId", invoiceId, "amount", amount, "paymentDate",
								paid.toString()),
						"userErrors { code message }")
					.path("recordPayment.userErrors")
					.entityList(Object.class)
					.hasSize(0);
			}
			// The limit took effect today: only the month that ends today knows it, as
			// the invoice issued today says in the CSV.
			csv.add(String.join(",", id, invoiceId, date.toString(), due, amount, settled ? paid.toString() : "",
					settled ? amount : "", (m == 0) ? "30000.00" : ""));
		}
		Path invoices = Files.write(dir.resolve("invoices.csv"), csv);
		Path model = dir.resolve("champion.tribuo");
		this.models.champion().model().save(model);
		// Scored now, from everything booked above (the debounced refresh would do the
		// same a moment later).
		this.scoring.refresh(List.of(id));
		CustomerScores.Current current = this.scores.current(id).orElseThrow();
		assertThat(current.insufficientHistory()).as("scored from 12 months").isFalse();
		double service = current.probabilityOfDefault();

		Path out = dir.resolve("scores.csv");
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit = ScoringCli.run(
				new String[] { "score", "--model", model.toString(), "--input", invoices.toString(), "--format",
						"invoices", "--as-of", today.plusDays(1).toString(), "--output", out.toString() },
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
		String line = Files.readAllLines(out).stream().filter(l -> l.startsWith(id + ",")).findFirst().orElseThrow();
		double cli = Double.parseDouble(line.split(",")[1]);
		assertThat(service).isCloseTo(cli, within(1e-9));
	}

	private HttpGraphQlTester as(String user) {
		return GraphQlClients.as(this.graphQl, user);
	}

	private GraphQlTester.Response mutation(String user, String name, String inputType, Map<String, Object> input,
			String selection) {
		return as(user)
			.document("mutation($input: " + inputType + "!) { " + name + "(input: $input) { " + selection + " } }")
			.variable("input", input)
			.execute();
	}

}
