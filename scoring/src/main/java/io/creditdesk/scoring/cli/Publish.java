package io.creditdesk.scoring.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * The {@code publish} command: posts a model file to the service's registry,
 * {@code POST URL/api/models?name=NAME} with
 * {@code Content-Type: application/octet-stream} and HTTP Basic credentials, and prints
 * the service's JSON answer. The service validates the file and registers it as a
 * candidate; any refusal is printed as the service gave it, with a sentence for the usual
 * statuses, and exit code 1.
 */
final class Publish {

	/**
	 * Where the password is read from when {@code --password} is not given (so it stays
	 * out of the process list).
	 */
	static final String PASSWORD_VARIABLE = "CREDITDESK_PASSWORD";

	private static final Map<Integer, String> MEANING = Map.of(400, "the service refused the model", 401,
			"the service did not accept the user name and password", 403,
			"this user may not publish models (that needs the DATA_SCIENTIST or ADMIN role)", 404,
			"the service has no model registry at this address (check --url)", 413,
			"the model file is too large for the service", 415, "the service does not take this file as a model");

	private Publish() {
	}

	static void run(Args a, Map<String, String> environment, PrintStream out) throws IOException {
		URI base = baseUri(a.required("url"));
		String user = a.required("user");
		String password = a.optional("password", environment.get(PASSWORD_VARIABLE));
		if (password == null || password.isEmpty()) {
			throw new Args.UsageException(
					"missing required option --password (or the " + PASSWORD_VARIABLE + " environment variable)");
		}
		Path model = Path.of(a.required("model"));
		String name = a.required("name");
		a.rejectUnknown();
		if (!Files.isRegularFile(model)) {
			throw new IllegalArgumentException(model + ": model file not found");
		}
		URI target = base.resolve("api/models?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
		String credentials = Base64.getEncoder()
			.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(target)
			.timeout(Duration.ofMinutes(5))
			.header("Content-Type", "application/octet-stream")
			.header("Accept", "application/json")
			.header("Authorization", "Basic " + credentials)
			.POST(HttpRequest.BodyPublishers.ofFile(model))
			.build();
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		HttpResponse<String> response;
		try {
			response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (ConnectException e) {
			throw new IOException("cannot reach " + base + ": the connection was refused (is the service running?)", e);
		}
		catch (HttpTimeoutException e) {
			throw new IOException("no answer from " + base + " in time: " + e.getMessage(), e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while publishing", e);
		}
		int status = response.statusCode();
		String body = response.body() == null ? "" : response.body().strip();
		if (status >= 200 && status < 300) {
			out.println(body);
			return;
		}
		String meaning = MEANING.getOrDefault(status, status >= 500 ? "the service failed while registering the model"
				: "the service did not register the model");
		throw new IOException(meaning + " (HTTP " + status + ")" + (body.isEmpty() ? "" : ": " + abbreviate(body)));
	}

	/**
	 * The service's base address, ending with "/" so that {@code api/models} resolves
	 * under it.
	 */
	static URI baseUri(String url) {
		try {
			URI uri = new URI(url.endsWith("/") ? url : url + "/");
			if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
				throw new Args.UsageException(
						"--url must be an http or https address like http://localhost:8080, was '" + url + "'");
			}
			return uri;
		}
		catch (URISyntaxException e) {
			throw new Args.UsageException("--url is not a valid address: '" + url + "'");
		}
	}

	private static String abbreviate(String body) {
		return body.length() <= 2000 ? body : body.substring(0, 2000) + " ...";
	}

}
