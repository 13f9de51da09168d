package io.creditdesk.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import io.creditdesk.GraphQlClients;
import io.creditdesk.customer.Customer;
import io.creditdesk.customer.CustomerStatus;
import io.creditdesk.events.CreditEventsProperties;
import io.creditdesk.infrastructure.SharedKafkaAdminClient;
import io.creditdesk.ledger.Invoice;
import io.creditdesk.ledger.Order;
import io.creditdesk.risk.PortfolioScoring;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.graphql.test.autoconfigure.tester.AutoConfigureHttpGraphQlTester;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo portfolio as a newcomer meets it: seeded at start (a small one here), with
 * exchange rates for every currency its customers use, so the Finance KPIs in EUR answer
 * in full.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "creditdesk.demo.enabled=true", "creditdesk.demo.customers=40" })
@AutoConfigureHttpGraphQlTester
@ActiveProfiles("test")
class DemoPortfolioIntegrationTests {

	@Autowired
	private HttpGraphQlTester graphQl;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private PortfolioScoring scoring;

	@Autowired
	private SharedKafkaAdminClient admin;

	@Autowired
	private CreditEventsProperties events;

	@Value("${creditdesk.alerts.group-id:creditdesk-alerts}")
	private String alertsGroup;

	/**
	 * Demo history in the past and consistent (it once settled 107 of 470 invoices after
	 * today): no invoice, payment or order after today, no payment before its invoice,
	 * nothing before the customer began; and at least 12 months of it for every customer
	 * that may buy on credit (scoring needs 12 monthly statements), from a first invoice
	 * 12 or more months back.
	 */
	@Test
	void theDemoHistoryIsInThePastConsistentAndAtLeastTwelveMonthsLong() {
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		Instant now = Instant.now();
		Map<String, Customer> customers = new HashMap<>();
		this.mongo.findAll(Customer.class).forEach(c -> customers.put(c.id(), c));
		List<Invoice> invoices = this.mongo.findAll(Invoice.class);
		assertThat(invoices).as("demo invoices").hasSizeGreaterThan(200);
		List<String> wrong = new ArrayList<>();
		Map<String, Set<YearMonth>> months = new HashMap<>();
		for (Invoice invoice : invoices) {
			if (invoice.invoiceDate().isAfter(today)) {
				wrong.add(invoice.id() + " dated " + invoice.invoiceDate());
			}
			Customer customer = customers.get(invoice.customerId());
			if (customer != null && invoice.invoiceDate().isBefore(customer.customerSince())) {
				wrong.add(invoice.id() + " dated " + invoice.invoiceDate() + " before its customer began "
						+ customer.customerSince());
			}
			if (invoice.settledOn() != null && invoice.settledOn().isAfter(today)) {
				wrong.add(invoice.id() + " settled on " + invoice.settledOn());
			}
			for (Invoice.Application application : invoice.applications()) {
				if (application.date().isAfter(today) || application.date().isBefore(invoice.invoiceDate())) {
					wrong.add(invoice.id() + " " + application.type() + " on " + application.date()
							+ " for an invoice of " + invoice.invoiceDate());
				}
			}
			months.computeIfAbsent(invoice.customerId(), id -> new TreeSet<>())
				.add(YearMonth.from(invoice.invoiceDate()));
		}
		for (Order order : this.mongo.findAll(Order.class)) {
			if (order.placedAt().isAfter(now)) {
				wrong.add(order.id() + " placed at " + order.placedAt());
			}
		}
		assertThat(wrong).as("demo documents dated after today or out of order").isEmpty();

		List<String> shortHistories = new ArrayList<>();
		int buying = 0;
		for (Customer customer : customers.values()) {
			if (customer.externalRef().startsWith("DEMO-") && customer.status() == CustomerStatus.ACTIVE
					&& customer.creditLimit() != null && customer.flags().isEmpty()) {
				buying++;
				Set<YearMonth> history = months.getOrDefault(customer.id(), Set.of());
				YearMonth first = history.stream().min(YearMonth::compareTo).orElse(YearMonth.from(today));
				// A history runs from the first invoice: months without an invoice (the
				// generator's quiet months, a blocked defaulter) are months of it too.
				if (history.size() < 6 || first.isAfter(YearMonth.from(today).minusMonths(12))) {
					shortHistories.add(customer.externalRef() + ": " + history.size() + " months from " + first);
				}
			}
		}
		assertThat(buying).as("demo customers that may buy on credit").isGreaterThan(20);
		assertThat(shortHistories).as("demo customers with less than 12 months of history").isEmpty();
	}

	@Test
	void everyCurrencyOfTheDemoHasARateIntoEuro() {
		HttpGraphQlTester cfo = GraphQlClients.as(this.graphQl, "cfo");
		List<Map<String, Object>> customers = cfo
			.document("{ customers(first: 200) { edges { node { creditCurrency } } } }")
			.execute()
			.path("customers.edges[*].node")
			.entityList(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
		Set<String> currencies = new TreeSet<>();
		customers.forEach(customer -> currencies.add((String) customer.get("creditCurrency")));
		assertThat(currencies).as("the demo has customers in more than one currency").contains("EUR", "GBP", "USD");
		for (String currency : currencies) {
			if (!currency.equals("EUR")) {
				cfo.document("{ fxRates(base: \"" + currency + "\", quote: \"EUR\") { rate } }")
					.execute()
					.path("fxRates")
					.entityList(Object.class)
					.hasSizeGreaterThan(0);
			}
		}
	}

	@Test
	void portfolioKpisInEuroAnswerInFullOnTheDemo() {
		GraphQlTester.Response kpis = GraphQlClients.as(this.graphQl, "cfo")
			.document("{ portfolioKpis { customersWithLimit averageUtilization receivablesAtEnd { amount currency } "
					+ "creditSales { amount currency } dso dsoMethod } }")
			.execute();
		kpis.errors().verify();
		kpis.path("portfolioKpis.receivablesAtEnd.currency").entity(String.class).isEqualTo("EUR");
		assertThat(kpis.path("portfolioKpis.creditSales.amount").entity(String.class).get()).isNotEqualTo("0.00");
		assertThat(kpis.path("portfolioKpis.customersWithLimit").entity(Integer.class).get()).isPositive();
	}

	/**
	 * The demo's history comes from the generator, so its customers are scored into
	 * several grades (not all alike, as random noise gave), each with reasons.
	 */
	@Test
	void theDemoCustomersAreScoredIntoSeveralGradesWithReasons() {
		this.scoring.rescore(Optional.empty(), done -> {
		});
		List<Map<String, Object>> edges = GraphQlClients.as(this.graphQl, "analyst")
			.document(
					"{ customers(first: 500) { edges { node { status score { status grade reasons { feature } } } } } }")
			.execute()
			.path("customers.edges[*].node")
			.entityList(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
		Set<Object> grades = new TreeSet<>();
		int scored = 0;
		for (Map<String, Object> node : edges) {
			@SuppressWarnings("unchecked")
			Map<String, Object> score = (Map<String, Object>) node.get("score");
			if (score != null && "SCORED".equals(score.get("status"))) {
				scored++;
				grades.add(score.get("grade"));
				assertThat((List<?>) score.get("reasons")).isNotEmpty();
			}
		}
		assertThat(scored).isGreaterThanOrEqualTo(30);
		assertThat(grades).hasSizeGreaterThanOrEqualTo(3);
	}

	/**
	 * The demo's history is no news: the alerts read the seeding's credit events once the
	 * portfolio is in, so an invoice of the past is not raised as overdue a moment before
	 * the history's payment resolves it (with 240 customers and a mail server the seeding
	 * raised and resolved 117 overdue alerts and sent some 755 e-mails). What is overdue
	 * now is raised, once, and stays open; nobody is told of an alert that is resolved.
	 */
	@Test
	void theAlertsReactToThePortfolioAsSeededNotToEachStepOfItsHistory() {
		// Every credit event of the seeding read by the alerts (twice in a row: the
		// relay publishes what is written a moment later).
		long[] caughtUp = { 0 };
		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			caughtUp[0] = (lag(this.alertsGroup) == 0) ? caughtUp[0] + 1 : 0;
			assertThat(caughtUp[0]).isGreaterThanOrEqualTo(3);
		});
		List<Document> overdue = this.mongo.getCollection("alerts")
			.find(new Document("type", "OVERDUE"))
			.into(new ArrayList<>());
		assertThat(overdue).as("what is overdue now is raised").isNotEmpty();
		assertThat(overdue).as("raised by the history and resolved by its payments")
			.noneMatch(alert -> "RESOLVED".equals(alert.getString("status")));
		Set<String> resolved = new TreeSet<>();
		this.mongo.getCollection("alerts")
			.find(new Document("status", "RESOLVED"))
			.forEach(alert -> resolved.add(String.valueOf(alert.get("_id"))));
		assertThat(this.mongo.getCollection("notification_inbox")
			.find(new Document("type", "ALERT_RAISED"))
			.into(new ArrayList<>()))
			.noneMatch(entry -> resolved.stream()
				.anyMatch(id -> String.valueOf(entry.getString("link")).endsWith("/alerts/" + id)));
	}

	/** Events of the credit event topics the consumer group has not committed yet. */
	private long lag(String groupId) throws Exception {
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		for (String topic : this.events.allTopics()) {
			for (int p = 0; p < this.events.partitions(); p++) {
				latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
			}
		}
		Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = this.admin.client()
			.listOffsets(latest)
			.all()
			.get(10, TimeUnit.SECONDS);
		Map<TopicPartition, OffsetAndMetadata> committed = this.admin.client()
			.listConsumerGroupOffsets(groupId)
			.partitionsToOffsetAndMetadata()
			.get(10, TimeUnit.SECONDS);
		long lag = 0;
		for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : ends.entrySet()) {
			OffsetAndMetadata at = committed.get(end.getKey());
			lag += end.getValue().offset() - ((at != null) ? at.offset() : 0);
		}
		return lag;
	}

	@Test
	void theDemoSeedsARateForEveryCurrencyItsCompaniesUse() {
		Set<String> foreign = new TreeSet<>(DemoCompany.currencies());
		foreign.remove("EUR");
		assertThat(DemoPortfolioSeeder.DEMO_RATES_TO_EUR).containsOnlyKeys(foreign);
	}

}
