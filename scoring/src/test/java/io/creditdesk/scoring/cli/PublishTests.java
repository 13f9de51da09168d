package io.creditdesk.scoring.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.creditdesk.scoring.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code publish} against a real local HTTP server standing in for the service's
 * registry.
 */
class PublishTests {

	static final Path MODEL = Fixtures.DIR.resolve("frozen-logistic.tribuo");

	record Received(String method, String path, String query, String contentType, String authorization, byte[] body) {
	}

	HttpServer server;

	final List<Received> received = new CopyOnWriteArrayList<>();

	volatile int status = 201;

	volatile String answer = "{\"id\":\"m-1\",\"name\":\"credit\",\"version\":1,\"status\":\"CANDIDATE\"}";

	@BeforeEach
	void start() throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/", this::handle);
		server.start();
	}

	@AfterEach
	void stop() {
		if (server != null) {
			server.stop(0);
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		byte[] body = exchange.getRequestBody().readAllBytes();
		received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
				exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Content-Type"),
				exchange.getRequestHeaders().getFirst("Authorization"), body));
		byte[] out = answer.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
		try (OutputStream os = exchange.getResponseBody()) {
			os.write(out);
		}
	}

	String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	static ScoringCliTests.Run publish(Map<String, String> env, String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		String[] all = new String[args.length + 1];
		all[0] = "publish";
		System.arraycopy(args, 0, all, 1, args.length);
		int code = ScoringCli.run(all, env, new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		return new ScoringCliTests.Run(code, out.toString(StandardCharsets.UTF_8),
				err.toString(StandardCharsets.UTF_8));
	}

	@Test
	void postsTheModelFileWithBasicAuthAndPrintsTheServicesAnswer() throws IOException {
		ScoringCliTests.Run r = publish(Map.of(), "--url", url() + "/", "--user", "dana", "--password", "s3cret: x",
				"--model", MODEL.toString(), "--name", "credit risk");
		assertThat(r.code()).as(r.err()).isZero();
		assertThat(r.out().strip()).isEqualTo(answer);
		assertThat(received).hasSize(1);
		Received req = received.get(0);
		assertThat(req.method()).isEqualTo("POST");
		assertThat(req.path()).isEqualTo("/api/models");
		assertThat(req.query()).isEqualTo("name=credit+risk");
		assertThat(req.contentType()).isEqualTo("application/octet-stream");
		assertThat(req.authorization()).isEqualTo(
				"Basic " + Base64.getEncoder().encodeToString("dana:s3cret: x".getBytes(StandardCharsets.UTF_8)));
		assertThat(req.body()).isEqualTo(Files.readAllBytes(MODEL));
	}

	@Test
	void thePasswordMayComeFromTheEnvironment() {
		ScoringCliTests.Run r = publish(Map.of(Publish.PASSWORD_VARIABLE, "from-env"), "--url", url(), "--user", "dana",
				"--model", MODEL.toString(), "--name", "credit");
		assertThat(r.code()).as(r.err()).isZero();
		assertThat(received.get(0).authorization())
			.isEqualTo("Basic " + Base64.getEncoder().encodeToString("dana:from-env".getBytes(StandardCharsets.UTF_8)));
		ScoringCliTests.Run none = publish(Map.of(), "--url", url(), "--user", "dana", "--model", MODEL.toString(),
				"--name", "credit");
		assertThat(none.code()).isEqualTo(2);
		assertThat(none.err()).contains("--password", Publish.PASSWORD_VARIABLE);
	}

	@Test
	void aRefusalIsPrintedWithTheServicesReasonAndExitCodeOne() {
		status = 400;
		answer = "{\"code\":\"UNKNOWN_FEATURE\",\"message\":\"the model uses a feature that payment-history-features/1 "
				+ "does not produce: [customer_age]\"}";
		ScoringCliTests.Run r = publish(Map.of(), "--url", url(), "--user", "dana", "--password", "p", "--model",
				MODEL.toString(), "--name", "credit");
		assertThat(r.code()).isEqualTo(1);
		assertThat(r.out()).isEmpty();
		assertThat(r.err()).startsWith("error: the service refused the model (HTTP 400): ")
			.contains("UNKNOWN_FEATURE", "customer_age");
	}

	@Test
	void authenticationAndServerFailuresSaySoInWords() {
		status = 401;
		answer = "";
		ScoringCliTests.Run unauthorized = publish(Map.of(), "--url", url(), "--user", "dana", "--password", "wrong",
				"--model", MODEL.toString(), "--name", "credit");
		assertThat(unauthorized.code()).isEqualTo(1);
		assertThat(unauthorized.err().strip())
			.isEqualTo("error: the service did not accept the user name and password (HTTP 401)");
		status = 403;
		assertThat(publish(Map.of(), "--url", url(), "--user", "sam", "--password", "p", "--model", MODEL.toString(),
				"--name", "credit")
			.err()).contains("DATA_SCIENTIST or ADMIN");
		status = 503;
		answer = "{\"error\":\"unavailable\"}";
		ScoringCliTests.Run down = publish(Map.of(), "--url", url(), "--user", "dana", "--password", "p", "--model",
				MODEL.toString(), "--name", "credit");
		assertThat(down.code()).isEqualTo(1);
		assertThat(down.err()).contains("HTTP 503", "unavailable");
	}

	@Test
	void aServiceThatIsNotRunningOrABadAddressOrFileIsReportedPlainly() {
		String gone = url();
		server.stop(0);
		ScoringCliTests.Run r = publish(Map.of(), "--url", gone, "--user", "dana", "--password", "p", "--model",
				MODEL.toString(), "--name", "credit");
		assertThat(r.code()).isEqualTo(1);
		assertThat(r.err()).contains("cannot reach " + gone + "/", "is the service running?");
		ScoringCliTests.Run badUrl = publish(Map.of(), "--url", "localhost:8080", "--user", "dana", "--password", "p",
				"--model", MODEL.toString(), "--name", "credit");
		assertThat(badUrl.code()).isEqualTo(2);
		assertThat(badUrl.err()).contains("--url must be an http or https address");
		ScoringCliTests.Run missing = publish(Map.of(), "--url", gone, "--user", "dana", "--password", "p", "--model",
				"nope.tribuo", "--name", "credit");
		assertThat(missing.code()).isEqualTo(1);
		assertThat(missing.err()).contains("nope.tribuo: model file not found");
		server = null;
	}

}
