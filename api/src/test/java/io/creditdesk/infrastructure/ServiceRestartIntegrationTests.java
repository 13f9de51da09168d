package io.creditdesk.infrastructure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.creditdesk.CreditDeskApplication;
import io.creditdesk.TestCustomers;
import io.creditdesk.embedded.EmbeddedKafkaBroker;
import io.creditdesk.embedded.EmbeddedProperties;
import io.creditdesk.intake.RecordingOrderGateway;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A restart on the embedded defaults: the service reports started while its broker is
 * still recovering the log of the previous run. Until Kafka is ready the health says so,
 * the intake and the outbox relay wait, and nothing in the log warns; once it is, the
 * intake takes the order sent before the restart and the relay publishes the event that
 * waited in the outbox.
 */
class ServiceRestartIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration WAIT = Duration.ofSeconds(90);

	@TempDir
	Path dataDir;

	private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

	@AfterEach
	void detachLog() {
		root().detachAppender(this.logs);
	}

	@Test
	void untilKafkaIsReadyTheServiceSaysSoAndWaitsQuietlyThenConsumesAndPublishes() throws Exception {
		String ref = "ERP-RESTART-" + System.nanoTime() % 100_000;
		String number = "WS-RESTART-1";
		// The broker's previous run: an order arrived and nobody read it before the stop.
		try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(embedded())) {
			broker.awaitReady(WAIT);
			try (AdminClient admin = AdminClient
				.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
				admin.createTopics(List.of(new NewTopic("orders.raw.webshop", 6, (short) 1))).all().get();
			}
			try (KafkaProducer<String, String> producer = new KafkaProducer<>(
					Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
							ProducerConfig.ACKS_CONFIG, "all"),
					new StringSerializer(), new StringSerializer())) {
				producer.send(new ProducerRecord<>("orders.raw.webshop", ref, order(number, ref))).get();
			}
		}

		HeldBackStartup startup = new HeldBackStartup();
		GatedBroker.startup = startup;
		try (ConfigurableApplicationContext service = new SpringApplicationBuilder(CreditDeskApplication.class,
				GatedBroker.class)
			.profiles("test")
			.properties("spring.main.allow-bean-definition-overriding=true", "server.port=0")
			.listeners((ApplicationListener<ApplicationPreparedEvent>) prepared -> attachLog())
			.run("--creditdesk.embedded.data-dir=" + this.dataDir)) {
			String base = "http://localhost:" + service.getEnvironment().getProperty("local.server.port");
			assertThat(service.getBean(EmbeddedProperties.class).dataDir()).isEqualTo(this.dataDir);

			// Started, but the broker is still starting: health says so, the intake and
			// the relay wait.
			HttpResponse<String> starting = get(base + "/actuator/health");
			assertThat(starting.statusCode()).isEqualTo(503);
			JsonNode components = JSON.readTree(starting.body()).get("components");
			assertThat(components.get("kafka").get("status").asString()).isEqualTo("DOWN");
			assertThat(components.get("kafka").get("details").get("ready").asBoolean()).isFalse();
			assertThat(components.get("kafka").get("details").get("reason").asString()).contains("still starting");
			assertThat(components.get("intake").get("status").asString()).isEqualTo("DOWN");
			assertThat(components.get("intake").get("details").get("state").asString()).startsWith("waiting for Kafka");

			// What needs only the store goes on: the customer is registered, its limit
			// event waits in the outbox.
			String customerId = createCustomer(base, ref);
			assertThat(graphQl(base, "admin",
					"mutation { setCreditLimit(input: {customerId: \"" + customerId
							+ "\", amount: \"50000\", reason: \"restart test\"}) { userErrors { code } } }")
				.get("data")
				.get("setCreditLimit")
				.get("userErrors")).isEmpty();
			assertNoWarnings();

			startup.release();
			await().atMost(WAIT).until(() -> get(base + "/actuator/health").statusCode() == 200);
			RecordingOrderGateway gateway = service.getBean(RecordingOrderGateway.class);
			await().atMost(WAIT).until(() -> gateway.placed("webshop:" + number).isPresent());
			assertThat(gateway.placed("webshop:" + number).orElseThrow().customerId()).isEqualTo(customerId);
			awaitEventOf(service.getBean(EmbeddedKafkaBroker.class), customerId);
			assertNoWarnings();
		}
	}

	/**
	 * Replaces the service's embedded broker by one whose start-up waits for the test.
	 */
	static class GatedBroker {

		static volatile HeldBackStartup startup;

		@Bean(destroyMethod = "close")
		EmbeddedKafkaBroker embeddedKafkaBroker(EmbeddedProperties properties) {
			return new EmbeddedKafkaBroker(properties, startup);
		}

	}

	private EmbeddedProperties embedded() {
		return new EmbeddedProperties(this.dataDir, true, 0, 0, "creditdesk", 16);
	}

	private static String order(String number, String ref) {
		return "{\"orderNumber\": \"" + number + "\", \"customer\": {\"externalRef\": \"" + ref
				+ "\"}, \"currency\": \"EUR\", \"lines\": [{\"sku\": \"STEEL-PLATE-10\", \"quantity\": 2, \"unitPrice\": \"149.90\"}]}";
	}

	private static String createCustomer(String base, String ref) throws Exception {
		JsonNode created = graphQl(base, "admin", "mutation { createCustomer(input: {externalRef: \"" + ref
				+ "\", name: \"Restart Test GmbH\", taxId: \"" + TestCustomers.uniqueGermanTaxId()
				+ "\", countryCode: \"DE\", segment: \"SMB\", tier: \"SILVER\","
				+ " industry: \"RETAIL\", creditCurrency: \"EUR\"}) { customer { id } userErrors { code message } } }");
		assertThat(created.get("data").get("createCustomer").get("userErrors")).isEmpty();
		return created.get("data").get("createCustomer").get("customer").get("id").asString();
	}

	private static JsonNode graphQl(String base, String user, String query) throws Exception {
		String body = JSON.writeValueAsString(Map.of("query", query));
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base + "/graphql"))
				.header("Content-Type", "application/json")
				.header("Authorization",
						"Basic " + Base64.getEncoder()
							.encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode json = JSON.readTree(response.body());
		assertThat(json.get("errors")).as(response.body()).isNull();
		return json;
	}

	/** Signed in, since only signed-in callers see the components' details. */
	private static HttpResponse<String> get(String url) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url))
				.header("Authorization",
						"Basic " + Base64.getEncoder().encodeToString("datasci:demo".getBytes(StandardCharsets.UTF_8)))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static void awaitEventOf(EmbeddedKafkaBroker broker, String customerId) {
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, "restart-test", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
						"earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of("creditdesk.credit-events"));
			await().atMost(WAIT).until(() -> {
				for (var record : consumer.poll(Duration.ofMillis(500))) {
					if (customerId.equals(record.key()) && record.value().contains("CreditLimitChanged")) {
						return true;
					}
				}
				return false;
			});
		}
	}

	/**
	 * Logging is set up by the application: attach once it is, before the context starts.
	 */
	private void attachLog() {
		this.logs.list.clear();
		this.logs.start();
		root().addAppender(this.logs);
	}

	/** No warning or error, but the one a demo set-up gives on purpose at every start. */
	private void assertNoWarnings() {
		List<String> noise = List.copyOf(this.logs.list)
			.stream()
			.filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
			.filter(e -> !e.getFormattedMessage().startsWith("SECURITY: demo users are enabled"))
			.map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage())
			.toList();
		assertThat(noise).isEmpty();
	}

	private static Logger root() {
		return (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
	}

}
