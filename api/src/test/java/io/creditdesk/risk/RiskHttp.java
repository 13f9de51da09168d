package io.creditdesk.risk;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Plain HTTP calls of the risk tests, as the demo users. */
public final class RiskHttp {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private RiskHttp() {
	}

	public static String basic(String user) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
	}

	/** The {@code data} of a GraphQL call that must answer without errors. */
	public static JsonNode graphQl(int port, String user, String document) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
				.header("Authorization", basic(user))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", document))))
				.build();
			HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
			JsonNode body = JSON.readTree(response.body());
			assertThat(body.path("errors").isMissingNode() || body.path("errors").isEmpty()).as(response.body())
				.isTrue();
			return body.get("data");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
