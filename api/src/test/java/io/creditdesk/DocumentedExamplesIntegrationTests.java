package io.creditdesk;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import graphql.ExecutionInput;
import graphql.ParseAndValidate;
import graphql.validation.ValidationError;
import io.creditdesk.DocumentedExamples.Example;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.tester.AutoConfigureHttpGraphQlTester;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README walkthrough and the examples of docs/*.md run as written, in order, against
 * the service on its embedded defaults with the demo portfolio: every GraphQL block (and
 * every marked {@code curl}) through HTTP as the user its marker names, failing on any
 * error the text does not announce and on any value it promises but the answer does not
 * give. The convention is in {@link DocumentedExamples} and README, "Example operations".
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "creditdesk.demo.enabled=true", "creditdesk.demo.customers=40" })
@AutoConfigureHttpGraphQlTester
@ActiveProfiles("test")
class DocumentedExamplesIntegrationTests {

	private static final Path ROOT = Path.of("..");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private GraphQlSource graphQlSource;

	@Test
	void everyDocumentedExampleRunsInOrderAndGivesWhatTheTextSays() throws Exception {
		List<Path> files = new ArrayList<>();
		files.add(ROOT.resolve("README.md"));
		try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
			docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
		}
		List<Example> examples = DocumentedExamples.read(files.toArray(Path[]::new));
		assertThat(examples).as("the README walkthrough's examples").hasSizeGreaterThan(20);
		Map<String, String> captured = new HashMap<>();
		List<String> problems = new ArrayList<>();
		for (Example example : examples) {
			try {
				runWaiting(example, captured);
			}
			catch (AssertionError ex) {
				problems.add(ex.getMessage());
				// Later examples build on this one: what follows would only repeat the
				// failure.
				break;
			}
		}
		assertThat(problems).as("examples that do not work as written").isEmpty();
	}

	/**
	 * Runs the example; one marked {@code wait=} (a query about background work, such as
	 * scores) is repeated until it gives what the text says or its time is up.
	 */
	private void runWaiting(Example example, Map<String, String> captured) throws Exception {
		long deadline = System.nanoTime() + example.marker().waitSeconds() * 1_000_000_000L;
		while (true) {
			try {
				run(example, captured);
				return;
			}
			catch (AssertionError ex) {
				if (System.nanoTime() >= deadline) {
					throw ex;
				}
				Thread.sleep(500);
			}
		}
	}

	private void run(Example example, Map<String, String> captured) throws Exception {
		String body = DocumentedExamples.substitute(example.body(),
				example.marker().schemaOnly() ? withDummies(example, captured) : captured, example.where());
		if (example.language().equals("bash")) {
			for (String command : DocumentedExamples.commands(body)) {
				curl(example, command);
			}
			return;
		}
		if (!example.language().equals("graphql")) {
			throw new AssertionError(example.where() + ": cannot run a " + example.language() + " example");
		}
		List<String> operations = DocumentedExamples.operations(body);
		if (operations.isEmpty()) {
			throw new AssertionError(example.where() + ": no operation in the block");
		}
		Map<String, JsonNode> data = new LinkedHashMap<>();
		List<String> codes = new ArrayList<>();
		for (String operation : operations) {
			if (example.marker().schemaOnly()) {
				validate(example, operation);
				continue;
			}
			JsonNode answer = post(example, operation);
			List<String> errors = errors(answer);
			for (String code : errors) {
				if (!example.marker().expected().contains(code)) {
					throw new AssertionError(example.where() + ": " + firstLine(operation) + " answered " + code
							+ ", which the text does not announce: " + answer);
				}
			}
			codes.addAll(errors);
			answer.path("data").properties().forEach(field -> data.put(field.getKey(), field.getValue()));
		}
		for (String code : example.marker().expected()) {
			if (!codes.contains(code)) {
				throw new AssertionError(
						example.where() + ": the text announces " + code + " but the answer has " + codes);
			}
		}
		example.marker().captures().forEach((name, path) -> {
			JsonNode value = at(data, path, example);
			if (value.isNull() || value.isMissingNode() || value.asString().isEmpty()) {
				throw new AssertionError(
						example.where() + ": nothing to capture as " + name + " at " + path + ", the answer: " + data);
			}
			captured.put(name, value.asString());
		});
		example.marker().asserts().forEach((path, expected) -> {
			JsonNode value = at(data, path, example);
			if (!value.asString().equals(expected)) {
				throw new AssertionError(
						example.where() + ": the text says " + path + " is " + expected + ", the answer " + value);
			}
		});
	}

	/**
	 * Schema-only examples may use placeholders nothing captured: any id validates the
	 * same.
	 */
	private static Map<String, String> withDummies(Example example, Map<String, String> captured) {
		Map<String, String> values = new HashMap<>(captured);
		DocumentedExamples.placeholders(example.body()).forEach(name -> values.putIfAbsent(name, "placeholder"));
		return values;
	}

	private void validate(Example example, String operation) {
		List<ValidationError> errors = ParseAndValidate
			.parseAndValidate(this.graphQlSource.schema(), ExecutionInput.newExecutionInput(operation).build())
			.getValidationErrors();
		if (errors != null && !errors.isEmpty()) {
			throw new AssertionError(example.where() + ": not valid against the schema: " + errors);
		}
	}

	private JsonNode post(Example example, String operation) throws Exception {
		String user = example.marker().user();
		if (user == null) {
			throw new AssertionError(example.where() + ": the marker names no user (as=...)");
		}
		String payload = this.json.writeValueAsString(Map.of("query", operation));
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/graphql"))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json")
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
			.POST(HttpRequest.BodyPublishers.ofString(payload))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new AssertionError(example.where() + ": HTTP " + response.statusCode() + " for "
					+ firstLine(operation) + ": " + response.body());
		}
		return this.json.readTree(response.body());
	}

	/**
	 * Runs a plain {@code curl} against the service: its URL, headers and body; anything
	 * else is not an example.
	 */
	private void curl(Example example, String command) throws Exception {
		List<String> words = DocumentedExamples.shellWords(command);
		if (words.isEmpty() || !words.get(0).equals("curl")) {
			throw new AssertionError(example.where() + ": only curl commands can be run, not " + firstLine(command));
		}
		String url = null;
		String data = null;
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < words.size(); i++) {
			String word = words.get(i);
			switch (word) {
				case "-s", "-S", "-sS" -> {
				}
				case "-H" -> {
					String header = words.get(++i);
					int colon = header.indexOf(':');
					headers.put(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
				}
				case "-d", "--data" -> data = words.get(++i);
				default -> {
					if (word.startsWith("-")) {
						throw new AssertionError(
								example.where() + ": curl option " + word + " is not supported by the test");
					}
					url = word;
				}
			}
		}
		if (url == null || !url.matches("(https?://)?localhost:8080/.*")) {
			throw new AssertionError(
					example.where() + ": a curl example calls the service at localhost:8080, not " + url);
		}
		URI uri = URI.create(url.replaceFirst("^(https?://)?localhost:8080", "http://localhost:" + this.port));
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
		headers.forEach(request::header);
		request.method((data != null) ? "POST" : "GET",
				(data != null) ? HttpRequest.BodyPublishers.ofString(data) : HttpRequest.BodyPublishers.noBody());
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new AssertionError(example.where() + ": HTTP " + response.statusCode() + ": " + response.body());
		}
		List<String> errors = errors(this.json.readTree(response.body()));
		if (!errors.isEmpty()) {
			throw new AssertionError(
					example.where() + ": the curl example answered " + errors + ": " + response.body());
		}
	}

	/**
	 * The codes of every error of an answer: request and field errors, and user errors
	 * anywhere in the data.
	 */
	private static List<String> errors(JsonNode answer) {
		List<String> codes = new ArrayList<>();
		for (JsonNode error : answer.path("errors")) {
			JsonNode code = error.path("extensions").path("code");
			codes.add(code.isMissingNode() ? error.path("extensions").path("classification").asString("ERROR")
					: code.asString());
		}
		collectUserErrors(answer.path("data"), codes);
		return codes;
	}

	private static void collectUserErrors(JsonNode node, List<String> codes) {
		if (node.isObject()) {
			node.properties().forEach(field -> {
				if (field.getKey().equals("userErrors")) {
					field.getValue().forEach(error -> codes.add(error.path("code").asString()));
				}
				else {
					collectUserErrors(field.getValue(), codes);
				}
			});
		}
		else if (node.isArray()) {
			node.forEach(element -> collectUserErrors(element, codes));
		}
	}

	private static JsonNode at(Map<String, JsonNode> data, String path, Example example) {
		String[] steps = path.split("\\.");
		JsonNode node = data.get(steps[0]);
		for (int i = 1; node != null && i < steps.length; i++) {
			node = steps[i].matches("\\d+") ? node.get(Integer.parseInt(steps[i])) : node.get(steps[i]);
		}
		if (node == null || node.isNull() || node.isMissingNode()) {
			throw new AssertionError(example.where() + ": the answer has no " + path + ": " + data);
		}
		return node;
	}

	private static String firstLine(String text) {
		String line = text.strip().lines().findFirst().orElse("");
		return (line.length() > 100) ? line.substring(0, 100) + "..." : line;
	}

}
