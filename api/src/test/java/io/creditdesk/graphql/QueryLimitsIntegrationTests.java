package io.creditdesk.graphql;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.creditdesk.CreditDeskIntegrationTest;
import graphql.introspection.IntrospectionQuery;
import io.creditdesk.RawHttp;
import io.creditdesk.TestCustomers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attacks observed on the API, each refused before any data is read with a
 * spec-conforming error response and a stable {@code extensions.code}: 30 levels deep,
 * the 3-level fan-out of connections, 1,000 aliases of {@code exposureReconciliation},
 * and 19 distinct 10 MB queries.
 */
@CreditDeskIntegrationTest
class QueryLimitsIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private JsonMapper json;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private ParsedDocumentCache documents;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private HttpResponse<String> post(String user, String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/graphql"))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json")
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private JsonNode query(String user, String document) throws Exception {
		HttpResponse<String> response = post(user, this.json.writeValueAsString(Map.of("query", document)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	/**
	 * A request error: one error with the code, no {@code data} entry at all (nothing
	 * ran).
	 */
	private static void refusedBeforeExecution(JsonNode answer, String code) {
		assertThat(answer.has("data")).as(answer.toString()).isFalse();
		assertThat(answer.path("errors")).hasSize(1);
		JsonNode error = answer.path("errors").get(0);
		assertThat(error.path("extensions").path("code").asText()).as(answer.toString()).isEqualTo(code);
		assertThat(error.path("message").asText()).isNotBlank().hasSizeLessThan(300);
	}

	@Test
	void aQueryThirtyLevelsDeepIsRefused() throws Exception {
		String document = "{ customer(id: \"x\") { " + "parent { ".repeat(29) + "id" + " }".repeat(29) + " } }";
		refusedBeforeExecution(query("sales", document), "QUERY_TOO_DEEP");
	}

	@Test
	void fifteenLevelsAreAllowed() throws Exception {
		String document = "{ customer(id: \"x\") { " + "parent { ".repeat(13) + "id" + " }".repeat(13) + " } }";
		JsonNode answer = query("sales", document);
		assertThat(answer.has("errors")).as(answer.toString()).isFalse();
		assertThat(answer.path("data").has("customer")).isTrue();
	}

	@Test
	void theThreeLevelFanOutOfConnectionsIsRefusedWithItsCost() throws Exception {
		String fanOut = "{ customers(first: 200) { edges { node { orders(first: 200) { edges { node { customer {"
				+ " orders(first: 200) { edges { node { customer { orders(first: 200) { edges { node { id } } } } } } } } } } } } } } }";
		JsonNode answer = query("sales", fanOut);
		refusedBeforeExecution(answer, "QUERY_TOO_COSTLY");
		JsonNode cost = answer.path("errors").get(0).path("extensions").path("cost");
		assertThat(cost.path("requestedQueryCost").asLong()).isGreaterThan(1_000_000_000L);
		assertThat(cost.path("maximumQueryCost").asLong()).isEqualTo(1000);
		assertThat(answer.path("extensions").path("cost").path("requestedQueryCost").asLong())
			.isEqualTo(cost.path("requestedQueryCost").asLong());
	}

	@Test
	void aThousandAliasesOfTheReconciliationAreRefused() throws Exception {
		StringBuilder document = new StringBuilder("{");
		for (int i = 0; i < 1000; i++) {
			document.append(" r").append(i).append(": exposureReconciliation(customerId: \"x\") { drifted }");
		}
		refusedBeforeExecution(query("manager", document.append(" }").toString()), "QUERY_TOO_MANY_ALIASES");
	}

	@Test
	void aRefusedMutationChangesNothing() throws Exception {
		String ref = TestCustomers.uniqueRef();
		String document = "mutation { createCustomer(input: {externalRef: \"" + ref + "\", name: \"N\", taxId: \""
				+ TestCustomers.uniqueGermanTaxId()
				+ "\", countryCode: \"DE\", segment: \"S\", tier: \"T\", industry: \"I\","
				+ " creditCurrency: \"EUR\"}) { customer { orders(first: 200) { edges { node { customer {"
				+ " orders(first: 200) { edges { node { id } } } } } } } } userErrors { code } } }";
		refusedBeforeExecution(query("admin", document), "QUERY_TOO_COSTLY");
		assertThat(this.mongo.count(Query.query(Criteria.where("externalRef").is(ref)), "customers")).isZero();
	}

	@Test
	void everyAnswerCarriesItsCost() throws Exception {
		JsonNode answer = query("sales", "{ customers(first: 10) { edges { node { id creditLimit { amount } } } } }");
		assertThat(answer.has("errors")).as(answer.toString()).isFalse();
		// 2 for the connection, 10 nodes, 10 creditLimit objects.
		assertThat(answer.path("extensions").path("cost").path("requestedQueryCost").asLong()).isEqualTo(22);
		assertThat(answer.path("extensions").path("cost").path("maximumQueryCost").asLong()).isEqualTo(1000);
	}

	/**
	 * Sent over a plain socket: the headers and the first 64 KB of each 10 MB body, then
	 * the answer is read. The server answers 413 from the declared length, without
	 * waiting for the rest.
	 */
	@Test
	void nineteenDistinctTenMegabyteQueriesAreRefusedUnreadAndNeverCached() throws Exception {
		long cached = this.documents.size();
		for (int i = 0; i < 19; i++) {
			// {"query":"{ customers(first: 1) { totalCount } } # <i><10 MB of spaces>"},
			// of which only the start is sent.
			byte[] start = ("{\"query\":\"{ customers(first: 1) { totalCount } } # " + i + " ".repeat(64 * 1024))
				.getBytes(StandardCharsets.UTF_8);
			long length = start.length - 64 * 1024 + 10 * 1024 * 1024 + "\"}".length();
			try (Socket socket = new Socket("localhost", this.port)) {
				socket.setSoTimeout(30_000);
				OutputStream out = socket.getOutputStream();
				out.write(("POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
						+ "Authorization: Basic "
						+ Base64.getEncoder().encodeToString("sales:demo".getBytes(StandardCharsets.UTF_8))
						+ "\r\nContent-Length: " + length + "\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				out.write(start);
				out.flush();
				RawHttp.Answer answer = RawHttp.read(socket.getInputStream());
				assertThat(answer.status()).isEqualTo(413);
				JsonNode error = this.json.readTree(answer.body());
				assertThat(error.path("errors").get(0).path("extensions").path("code").asText())
					.isEqualTo("REQUEST_TOO_LARGE");
				assertThat(error.has("data")).isFalse();
			}
		}
		assertThat(this.documents.size()).isLessThanOrEqualTo(cached + 1);
	}

	@Test
	void aChunkedBodyOverTheLimitIsRefusedToo() throws Exception {
		byte[] body = this.json.writeValueAsString(Map.of("query", "{ __typename }" + " ".repeat(300 * 1024)))
			.getBytes(StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/graphql"))
			.header("Content-Type", "application/json")
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString("sales:demo".getBytes(StandardCharsets.UTF_8)))
			// No length known in advance: sent chunked.
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).contains("REQUEST_TOO_LARGE");
	}

	/**
	 * A body that is no GraphQL request gets a GraphQL error with a code and a sentence
	 * in the caller's language; it got Spring's default error page (no code, English).
	 */
	@Test
	void aBodyThatIsNoGraphQlRequestIsRefusedWithACodeInTheCallersLanguage() throws Exception {
		Map<String, String> sentences = Map.of("en",
				"The request body is not a GraphQL request: send a JSON object with the field query (and variables, if any) as application/json.",
				"de",
				"Der Anfragetext ist keine GraphQL-Anfrage: Bitte ein JSON-Objekt mit dem Feld query (und gegebenenfalls variables) als application/json senden.");
		for (String body : List.of("not json", "{\"query\": ", "[1, 2]", "{}")) {
			for (Map.Entry<String, String> language : sentences.entrySet()) {
				HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/graphql"))
					.header("Content-Type", "application/json")
					.header("Accept-Language", language.getKey())
					.header("Authorization",
							"Basic " + Base64.getEncoder()
								.encodeToString("sales:demo".getBytes(StandardCharsets.UTF_8)))
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build();
				HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
				assertThat(response.statusCode()).as(body).isEqualTo(400);
				assertThat(response.body()).as(body).contains("INVALID_REQUEST");
				JsonNode error = this.json.readTree(response.body()).path("errors").get(0);
				assertThat(error.path("extensions").path("code").asText()).as(body).isEqualTo("INVALID_REQUEST");
				assertThat(error.path("message").asText()).as(body).isEqualTo(language.getValue());
			}
		}
	}

	/**
	 * A query or operation name that is no JSON string is refused as a request that is
	 * none, naming the field; a number or boolean was coerced to its text and ran as the
	 * document {@code 1} (INVALID_SYNTAX).
	 */
	@Test
	void aQueryOrOperationNameThatIsNoStringIsAnInvalidRequestNamingTheField() throws Exception {
		Map<String, String> bodies = new java.util.LinkedHashMap<>();
		for (String value : List.of("1", "1.5", "true", "{\"a\": 1}", "[\"{ __typename }\"]")) {
			bodies.put("{\"query\": " + value + "}", "query");
			bodies.put("{\"query\": \"{ __typename }\", \"operationName\": " + value + "}", "operationName");
		}
		for (Map.Entry<String, String> body : bodies.entrySet()) {
			for (String language : List.of("en", "de")) {
				HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/graphql"))
					.header("Content-Type", "application/json")
					.header("Accept-Language", language)
					.header("Authorization",
							"Basic " + Base64.getEncoder()
								.encodeToString("sales:demo".getBytes(StandardCharsets.UTF_8)))
					.POST(HttpRequest.BodyPublishers.ofString(body.getKey()))
					.build();
				HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
				assertThat(response.statusCode()).as(body.getKey()).isEqualTo(400);
				JsonNode error = this.json.readTree(response.body()).path("errors").get(0);
				assertThat(error.path("extensions").path("code").asText()).as(body.getKey())
					.isEqualTo("INVALID_REQUEST");
				assertThat(error.path("extensions").path("field").asText()).as(body.getKey())
					.isEqualTo(body.getValue());
				assertThat(error.path("message").asText()).as(body.getKey())
					.isEqualTo(language.equals("en")
							? "The field " + body.getValue() + " of a GraphQL request must be a JSON string."
							: "Das Feld " + body.getValue()
									+ " einer GraphQL-Anfrage muss eine JSON-Zeichenkette sein.");
			}
		}
	}

	@Test
	void theRefusalOfABodyTooLargeReadsInTheCallersLanguage() throws Exception {
		byte[] body = this.json.writeValueAsString(Map.of("query", "{ __typename }" + " ".repeat(300 * 1024)))
			.getBytes(StandardCharsets.UTF_8);
		Map<String, String> sentences = Map.of("en",
				"The request body is larger than 262,144 bytes, the most this service accepts. Send a smaller query, and values as variables.",
				"de",
				"Der Anfragetext ist größer als 262.144 Bytes, mehr nimmt dieser Dienst nicht an. Bitte eine kleinere Abfrage senden, Werte als Variablen.");
		for (Map.Entry<String, String> language : sentences.entrySet()) {
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/graphql"))
				.header("Content-Type", "application/json")
				.header("Accept-Language", language.getKey())
				.header("Authorization",
						"Basic " + Base64.getEncoder().encodeToString("sales:demo".getBytes(StandardCharsets.UTF_8)))
				.POST(HttpRequest.BodyPublishers.ofByteArray(body))
				.build();
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(413);
			JsonNode error = this.json.readTree(response.body()).path("errors").get(0);
			assertThat(error.path("extensions").path("code").asText()).isEqualTo("REQUEST_TOO_LARGE");
			assertThat(error.path("message").asText()).isEqualTo(language.getValue());
		}
	}

	@Test
	void aChunkedBodyWithinTheLimitIsServed() throws Exception {
		byte[] body = this.json.writeValueAsString(Map.of("query", "{ __typename }" + " ".repeat(100 * 1024)))
			.getBytes(StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/graphql"))
			.header("Content-Type", "application/json")
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString("sales:demo".getBytes(StandardCharsets.UTF_8)))
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(this.json.readTree(response.body()).path("data").path("__typename").asText()).isEqualTo("Query");
	}

	@Test
	void theIntrospectionQueryOfGraphiqlPassesTheLimits() throws Exception {
		JsonNode answer = query("sales", IntrospectionQuery.INTROSPECTION_QUERY);
		assertThat(answer.has("errors")).as(answer.path("errors").toString()).isFalse();
		assertThat(answer.path("data").path("__schema").path("types").size()).isGreaterThan(50);
	}

}
