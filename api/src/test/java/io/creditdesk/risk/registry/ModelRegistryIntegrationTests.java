package io.creditdesk.risk.registry;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.risk.ActiveModels;
import io.creditdesk.risk.ModelInUse;
import io.creditdesk.risk.RecordingPortfolioScoring;
import io.creditdesk.risk.RiskHttp;
import io.creditdesk.risk.RiskTestBeans;
import io.creditdesk.risk.TestModels;
import io.creditdesk.scoring.intake.ModelIntake;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The registry end to end on the whole service: the build's champion registered at the
 * first start, uploads checked by the intake (refusals as JSON with 400/415, never a
 * stack trace), four-eyes promotion, the switch of the models in use, the re-score it
 * queues, audit records, rollback, and two approvals of one promotion racing.
 */
@CreditDeskIntegrationTest
@Import(RiskTestBeans.class)
class ModelRegistryIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private ActiveModels activeModels;

	@Autowired
	private RecordingPortfolioScoring portfolio;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private ModelRegistry registry;

	@LocalServerPort
	private int port;

	private final HttpClient http = HttpClient.newHttpClient();

	private HttpResponse<String> upload(String user, String query, String contentType, byte[] body) throws Exception {
		return upload(user, query, contentType, body, null);
	}

	private HttpResponse<String> upload(String user, String query, String contentType, byte[] body, String language)
			throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/api/models" + query))
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (language != null) {
			request.header("Accept-Language", language);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private JsonNode graphQl(String user, String document) {
		return RiskHttp.graphQl(this.port, user, document);
	}

	@Test
	void theBuildsChampionIsTheFirstChampion() {
		assertThat(this.activeModels.champion().name()).isEqualTo(ModelRegistry.BUILD_MODEL_NAME);
		JsonNode champions = graphQl("analyst",
				"{ models(status: CHAMPION) { edges { node { id name version status source sha256 metrics { auc } card cardMarkdown } } } }")
			.at("/models/edges");
		assertThat(champions).hasSize(1);
		JsonNode champion = champions.get(0).get("node");
		assertThat(champion.get("source").asString()).isEqualTo("build");
		assertThat(champion.get("sha256").asString()).isEqualTo(this.activeModels.champion().sha256());
		assertThat(champion.at("/metrics/auc").asDouble()).isGreaterThan(0.8);
		assertThat(champion.get("card").asString()).contains("\"baseline\"");
		assertThat(champion.get("cardMarkdown").asString()).contains("# Model card: credit-risk version");
		assertThat(this.activeModels.champion().baseline()).isNotNull();
	}

	@Test
	void uploadsThatAreNoAcceptableModelAreRefusedWithAJsonReason() throws Exception {
		byte[] model = TestModels.logistic().model();
		HttpResponse<String> random = upload("datasci", "?name=x", "application/octet-stream",
				"not a model at all".getBytes(StandardCharsets.UTF_8));
		assertThat(random.statusCode()).isEqualTo(415);
		assertThat(JSON.readTree(random.body()).get("code").asString()).isEqualTo("NOT_A_TRIBUO_MODEL");

		HttpResponse<String> truncated = upload("datasci", "?name=x", "application/octet-stream",
				Arrays.copyOf(model, model.length / 2));
		assertThat(truncated.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(truncated.body()).get("code").asString()).isEqualTo("TRUNCATED");
		assertThat(JSON.readTree(truncated.body()).get("message").asString())
			.isEqualTo("The model file ends too early: it is incomplete.");
		assertThat(JSON.readTree(truncated.body()).get("detail").asString()).contains("ends too early");

		HttpResponse<String> damaged = upload("datasci", "?name=x&sha256=" + "0".repeat(64), "application/octet-stream",
				model);
		assertThat(damaged.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(damaged.body()).get("code").asString()).isEqualTo("CHECKSUM_MISMATCH");

		HttpResponse<String> text = upload("datasci", "?name=x", "text/plain", model);
		assertThat(text.statusCode()).isEqualTo(415);
		assertThat(JSON.readTree(text.body()).get("code").asString()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");

		HttpResponse<String> nameless = upload("datasci", "", "application/octet-stream", model);
		assertThat(nameless.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(nameless.body()).get("code").asString()).isEqualTo("REQUIRED");
		assertThat(JSON.readTree(nameless.body()).get("field").asString()).isEqualTo("name");

		assertThat(upload("sales", "?name=x", "application/octet-stream", model).statusCode()).isEqualTo(403);
		assertThat(upload("manager", "?name=x", "application/octet-stream", model).statusCode()).isEqualTo(403);
		for (HttpResponse<String> refused : List.of(random, truncated, damaged, text, nameless)) {
			assertThat(refused.body()).doesNotContain("Exception").doesNotContain("\tat ");
		}
		assertThat(this.mongo.exists(Query.query(Criteria.where("name").is("x")), RegisteredModel.class)).isFalse();
	}

	/**
	 * A role that may not upload is refused as {@code /api/imports} refuses it: a code
	 * and a message (it was the servlet container's bare 403), and every refusal reads in
	 * the caller's language.
	 */
	@Test
	void refusalsCarryACodeAndAMessageInTheCallersLanguage() throws Exception {
		byte[] model = TestModels.logistic().model();
		HttpResponse<String> sales = upload("sales", "?name=x", "application/octet-stream", model);
		assertThat(sales.statusCode()).isEqualTo(403);
		assertThat(JSON.readTree(sales.body()).get("code").asString()).isEqualTo("FORBIDDEN");
		assertThat(JSON.readTree(sales.body()).get("message").asString())
			.isEqualTo("Model files are uploaded by the roles DATA_SCIENTIST and ADMIN.");
		HttpResponse<String> salesDe = upload("sales", "?name=x", "application/octet-stream", model, "de");
		assertThat(JSON.readTree(salesDe.body()).get("message").asString())
			.isEqualTo("Modelldateien laden die Rollen DATA_SCIENTIST und ADMIN hoch.");
		HttpResponse<String> truncated = upload("datasci", "?name=x", "application/octet-stream",
				Arrays.copyOf(model, model.length / 2), "de-DE,de;q=0.9");
		assertThat(JSON.readTree(truncated.body()).get("code").asString()).isEqualTo("TRUNCATED");
		assertThat(JSON.readTree(truncated.body()).get("message").asString())
			.isEqualTo("Die Modelldatei endet zu früh: sie ist unvollständig.");
		HttpResponse<String> nameless = upload("datasci", "", "application/octet-stream", model, "de");
		assertThat(JSON.readTree(nameless.body()).get("code").asString()).isEqualTo("REQUIRED");
		assertThat(JSON.readTree(nameless.body()).get("message").asString())
			.isEqualTo(CreditDeskException.refuse(CommonErrorCode.REQUIRED.variant("modelName"), "name")
				.errors()
				.get(0)
				.message(Locale.GERMAN));
		HttpResponse<String> text = upload("datasci", "?name=x", "text/plain", model, "de");
		assertThat(JSON.readTree(text.body()).get("message").asString()).startsWith("Bitte die Modelldatei als");
		assertThat(this.mongo.exists(Query.query(Criteria.where("name").is("x")), RegisteredModel.class)).isFalse();
	}

	/**
	 * A {@code sha256} that cannot be a SHA-256 is a malformed parameter
	 * ({@code INVALID_CHECKSUM} on {@code sha256}), not a file damaged on the way: it was
	 * {@code CHECKSUM_MISMATCH}, "Send it again", which no resend would cure.
	 */
	@Test
	void aMalformedChecksumIsRefusedAsAParameterNotAsADamagedFile() throws Exception {
		byte[] model = TestModels.logistic().model();
		HttpResponse<String> abc = upload("datasci", "?name=x&sha256=abc", "application/octet-stream", model);
		assertThat(abc.statusCode()).isEqualTo(400);
		JsonNode refused = JSON.readTree(abc.body());
		assertThat(refused.get("code").asString()).isEqualTo("INVALID_CHECKSUM");
		assertThat(refused.get("field").asString()).isEqualTo("sha256");
		assertThat(refused.get("message").asString()).isEqualTo("sha256 must be 64 hexadecimal characters, got 'abc'.");
		HttpResponse<String> german = upload("datasci", "?name=x&sha256=" + "g".repeat(64), "application/octet-stream",
				model, "de");
		assertThat(JSON.readTree(german.body()).get("code").asString()).isEqualTo("INVALID_CHECKSUM");
		assertThat(JSON.readTree(german.body()).get("message").asString())
			.isEqualTo("sha256 muss aus 64 Hexadezimalzeichen bestehen, erhalten: '" + "g".repeat(64) + "'.");
		// A well-formed hash of other bytes is still a damaged file.
		assertThat(JSON
			.readTree(upload("datasci", "?name=x&sha256=" + "0".repeat(64), "application/octet-stream", model).body())
			.get("code")
			.asString()).isEqualTo("CHECKSUM_MISMATCH");
		assertThat(this.mongo.exists(Query.query(Criteria.where("name").is("x")), RegisteredModel.class)).isFalse();
	}

	/**
	 * A card sent with an upload whose text holds raw HTML is refused (400
	 * {@code MARKUP_NOT_ALLOWED} on {@code card}, naming the entry, the tag and its line,
	 * in the caller's language) and nothing is registered; a card of ordinary markdown
	 * ({@code <} in text, an autolink, a tag in a code span) is accepted. Before, the
	 * card was stored as sent and {@code cardMarkdown} returned its
	 * {@code <img onerror>}.
	 */
	@Test
	void aCardWithRawHtmlIsRefusedAndNothingIsRegistered() throws Exception {
		byte[] model = TestModels.logistic().model();
		String boundary = "creditdesk-card-boundary";
		String type = "multipart/form-data; boundary=" + boundary;
		byte[] html = withCard(boundary, model,
				"{\"intendedUse\": \"Monthly scores.\\n<img src=x onerror=alert(1)>\"}");
		HttpResponse<String> refused = upload("datasci", "?name=card-markup", type, html);
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
		JsonNode body = JSON.readTree(refused.body());
		assertThat(body.get("code").asString()).isEqualTo("MARKUP_NOT_ALLOWED");
		assertThat(body.get("field").asString()).isEqualTo("card");
		assertThat(body.get("message").asString())
			.startsWith("The model card's 'intendedUse' holds the HTML tag <img> on line 2");
		assertThat(JSON.readTree(upload("datasci", "?name=card-markup", type, html, "de").body())
			.get("message")
			.asString()).startsWith("Der Eintrag 'intendedUse' der Modellkarte enthält in Zeile 2 das HTML-Tag <img>");
		byte[] link = withCard(boundary, model, "{\"data\": {\"licence\": \"[terms](javascript:alert(1))\"}}");
		assertThat(JSON.readTree(upload("datasci", "?name=card-markup", type, link).body()).get("message").asString())
			.startsWith("The model card's 'data.licence' links to a javascript: address on line 1");
		assertThat(this.mongo.exists(Query.query(Criteria.where("name").is("card-markup")), RegisteredModel.class))
			.isFalse();

		byte[] markdown = withCard(boundary, model,
				"{\"intendedUse\": \"Scores < 0.05 are grade A; see <https://example.com> and `<b>`.\"}");
		HttpResponse<String> accepted = upload("datasci", "?name=card-markup", type, markdown);
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
	}

	/** A multipart form with the parts {@code model} and {@code card}. */
	private static byte[] withCard(String boundary, byte[] model, String card) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(
				("--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"; filename=\"m.tribuo\"\r\n"
						+ "Content-Type: application/octet-stream\r\n\r\n")
					.getBytes(StandardCharsets.UTF_8));
		out.writeBytes(model);
		out.writeBytes(
				("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"card\"; filename=\"m.card.json\"\r\n"
						+ "Content-Type: application/json\r\n\r\n" + card + "\r\n--" + boundary + "--\r\n")
					.getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

	/**
	 * A name with a bidi override (U+202E, which shows {@code x<U+202E>gpj.exe} as
	 * {@code xexe.jpg} on screen) is refused naming the character, never echoing it: the
	 * malformed name's refusal ({@code INVALID_CODE}) quoted it raw.
	 */
	@Test
	void aNameWithABidiOverrideIsRefusedWithoutEchoingIt() throws Exception {
		byte[] model = TestModels.logistic().model();
		HttpResponse<String> bidi = upload("datasci", "?name=x%E2%80%AEgpj.exe", "application/octet-stream", model);
		assertThat(bidi.statusCode()).isEqualTo(400);
		JsonNode refused = JSON.readTree(bidi.body());
		assertThat(refused.get("code").asString()).isEqualTo("CONTROL_CHARACTERS");
		assertThat(refused.get("field").asString()).isEqualTo("name");
		assertThat(refused.get("message").asString()).contains("U+202E").doesNotContain("\u202E");
		HttpResponse<String> control = upload("datasci", "?name=x%07y", "application/octet-stream", model, "de");
		assertThat(JSON.readTree(control.body()).get("code").asString()).isEqualTo("CONTROL_CHARACTERS");
		assertThat(JSON.readTree(control.body()).get("message").asString()).contains("U+0007").doesNotContain("\u0007");
		assertThat(this.mongo.exists(Query.query(Criteria.where("name").regex("^x")), RegisteredModel.class)).isFalse();
	}

	/**
	 * {@code GET} of the upload endpoint (POST only) is refused in the same JSON shape,
	 * with the {@code Allow} header: it was Spring's bare 405 body.
	 */
	@Test
	void aMethodTheEndpointDoesNotTakeIsRefusedAsJson() throws Exception {
		for (String language : new String[] { null, "de" }) {
			HttpRequest.Builder get = HttpRequest
				.newBuilder(URI.create("http://localhost:" + this.port + "/api/models"))
				.header("Authorization",
						"Basic " + Base64.getEncoder().encodeToString("datasci:demo".getBytes(StandardCharsets.UTF_8)));
			if (language != null) {
				get.header("Accept-Language", language);
			}
			HttpResponse<String> answer = this.http.send(get.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(answer.statusCode()).isEqualTo(405);
			assertThat(answer.headers().firstValue("Allow")).hasValue("POST");
			assertThat(answer.headers().firstValue("Content-Type"))
				.hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
			JsonNode refused = JSON.readTree(answer.body());
			assertThat(refused.get("code").asString()).isEqualTo("METHOD_NOT_ALLOWED");
			assertThat(refused.get("message").asString())
				.isEqualTo((language == null) ? "This address does not take 'GET'; it takes POST."
						: "Diese Adresse nimmt kein 'GET' an, sondern POST.");
			assertThat(answer.body()).doesNotContain("timestamp");
		}
	}

	/**
	 * The same file uploaded twice under one name (a publish retried after its answer was
	 * lost) is one version: the second upload answers it (200, existing) and registers
	 * nothing. Under another name it is a version of that name.
	 */
	@Test
	void theSameFileUploadedTwiceIsOneVersion() throws Exception {
		byte[] model = TestModels.logistic().model();
		HttpResponse<String> first = upload("datasci", "?name=twice", "application/octet-stream", model);
		assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
		JsonNode registered = JSON.readTree(first.body());
		assertThat(registered.get("existing").asBoolean()).isFalse();
		HttpResponse<String> again = upload("datasci", "?name=twice", "application/octet-stream", model);
		assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
		JsonNode answered = JSON.readTree(again.body());
		assertThat(answered.get("id").asString()).isEqualTo(registered.get("id").asString());
		assertThat(answered.get("version").asInt()).isEqualTo(1);
		assertThat(answered.get("status").asString()).isEqualTo("CANDIDATE");
		assertThat(answered.get("existing").asBoolean()).isTrue();
		assertThat(this.mongo.count(Query.query(Criteria.where("name").is("twice")), RegisteredModel.class))
			.isEqualTo(1);
		HttpResponse<String> elsewhere = upload("datasci", "?name=twice-b", "application/octet-stream", model);
		assertThat(elsewhere.statusCode()).isEqualTo(201);
	}

	@Test
	void aCandidateIsPromotedByFourEyesServedAtOnceRescoredAndRolledBack() throws Exception {
		String previousChampion = this.activeModels.champion().sha256();
		HttpResponse<String> uploaded = upload("datasci", "?name=challenger-lr", "application/octet-stream",
				TestModels.logistic().model());
		assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
		JsonNode registered = JSON.readTree(uploaded.body());
		assertThat(registered.get("status").asString()).isEqualTo("CANDIDATE");
		assertThat(registered.get("version").asInt()).isEqualTo(1);
		String id = registered.get("id").asString();

		JsonNode proposed = graphQl("datasci", "mutation { proposeModelPromotion(input: {modelId: \"" + id
				+ "\", target: CHAMPION, justification: \"higher AUC on the holdout\"}) { promotion { id status proposedBy model { name } } userErrors { code } } }")
			.get("proposeModelPromotion");
		assertThat(proposed.get("userErrors")).isEmpty();
		String promotionId = proposed.at("/promotion/id").asString();
		assertThat(proposed.at("/promotion/status").asString()).isEqualTo("PENDING");

		// The proposer cannot approve (admin may do both, but not for the same
		// promotion).
		JsonNode adminProposed = graphQl("admin", "mutation { proposeModelPromotion(input: {modelId: \"" + id
				+ "\", target: CHALLENGER, justification: \"shadow\"}) { promotion { id } userErrors { code } } }")
			.get("proposeModelPromotion");
		JsonNode self = graphQl("admin", "mutation { approveModelPromotion(input: {promotionId: \""
				+ adminProposed.at("/promotion/id").asString() + "\"}) { promotion { id } userErrors { code } } }")
			.get("approveModelPromotion");
		assertThat(self.at("/userErrors/0/code").asString()).isEqualTo("PROPOSER_CANNOT_APPROVE");
		assertThat(this.activeModels.challenger().map(ModelInUse::name)).isNotEqualTo(Optional.of("challenger-lr"));

		int rescoresBefore = this.portfolio.calls().size();
		JsonNode approved = graphQl("manager", "mutation { approveModelPromotion(input: {promotionId: \"" + promotionId
				+ "\"}) { promotion { status approvedBy } model { id status } job { id kind status } userErrors { code } } }")
			.get("approveModelPromotion");
		assertThat(approved.get("userErrors")).isEmpty();
		assertThat(approved.at("/promotion/approvedBy").asString()).isEqualTo("manager");
		assertThat(approved.at("/model/status").asString()).isEqualTo("CHAMPION");
		assertThat(approved.at("/job/kind").asString()).isEqualTo("rescorePortfolio");
		String jobId = approved.at("/job/id").asString();

		// Served within seconds (the poll), and the re-score ran with the new champion.
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.activeModels.champion().sha256().equals(TestModels.logistic().sha256()));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> graphQl("datasci", "{ job(id: \"" + jobId + "\") { status } }").at("/job/status")
				.asString()
				.equals("SUCCEEDED"));
		assertThat(this.portfolio.calls().subList(rescoresBefore, this.portfolio.calls().size()))
			.anySatisfy(call -> assertThat(call.champion()).isEqualTo("challenger-lr"));
		JsonNode job = graphQl("datasci", "{ job(id: \"" + jobId + "\") { progress result requestedBy } }").get("job");
		assertThat(job.get("progress").asDouble()).isEqualTo(100.0);
		assertThat(JSON.readTree(job.get("result").asString()).get("customers").asInt()).isEqualTo(40);
		assertThat(job.get("requestedBy").asString()).isEqualTo("manager");

		List<AuditRecord> trail = this.mongo.find(Query.query(Criteria.where("entityId").is(id)), AuditRecord.class);
		assertThat(trail).extracting(AuditRecord::action)
			.contains("MODEL_REGISTERED", "MODEL_PROMOTION_PROPOSED", "MODEL_PROMOTED");
		assertThat(trail).filteredOn(r -> r.action().equals("MODEL_PROMOTED"))
			.singleElement()
			.satisfies(r -> assertThat(r.actor()).isEqualTo("manager"));

		JsonNode back = graphQl("cfo",
				"mutation { rollbackModel(input: {justification: \"grades drifted\"}) { model { status source } job { id } userErrors { code } } }")
			.get("rollbackModel");
		assertThat(back.get("userErrors")).isEmpty();
		assertThat(back.at("/model/status").asString()).isEqualTo("CHAMPION");
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.activeModels.champion().sha256().equals(previousChampion));
		JsonNode retired = graphQl("analyst", "{ model(id: \"" + id + "\") { status } }");
		assertThat(retired.at("/model/status").asString()).isEqualTo("RETIRED");
	}

	/**
	 * Approvals straight on the service, four threads released together per promotion,
	 * twenty promotions: the conditional update lets exactly one through each time.
	 */
	@Test
	void approvalsRacingOnTheServiceApplyEachPromotionExactlyOnce() throws Exception {
		byte[] model = TestModels.logistic().model();
		String a = as("datasci", "ROLE_DATA_SCIENTIST",
				() -> this.registry.register("race-a", model, null, "datasci", "upload").id());
		String b = as("datasci", "ROLE_DATA_SCIENTIST",
				() -> this.registry.register("race-b", model, null, "datasci", "upload").id());
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			for (int round = 0; round < 20; round++) {
				String modelId = (round % 2 == 0) ? a : b;
				String promotion = as("datasci", "ROLE_DATA_SCIENTIST",
						() -> this.registry.propose(modelId, PromotionTarget.CHALLENGER, "round").id());
				CyclicBarrier together = new CyclicBarrier(4);
				List<Callable<String>> approvals = new ArrayList<>();
				for (String user : List.of("manager", "cfo", "admin", "carla")) {
					approvals.add(() -> as(user, "ROLE_CREDIT_MANAGER", () -> {
						together.await();
						try {
							this.registry.approve(promotion);
							return "APPLIED";
						}
						catch (CreditDeskException ex) {
							return ex.code();
						}
					}));
				}
				List<String> outcomes = new ArrayList<>();
				for (Future<String> f : pool.invokeAll(approvals)) {
					outcomes.add(f.get());
				}
				assertThat(outcomes).as("round " + round).containsOnlyOnce("APPLIED");
				assertThat(this.mongo.findById(RegistryState.ID, RegistryState.class).challengerId())
					.isEqualTo(modelId);
			}
		}
		finally {
			pool.shutdown();
		}
	}

	private static <T> T as(String user, String role, Callable<T> work) throws Exception {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, "n/a",
					AuthorityUtils.createAuthorityList(role)));
		try {
			return work.call();
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	@Test
	void twoApprovalsOfOnePromotionAtOnceApplyItOnce() throws Exception {
		HttpResponse<String> uploaded = upload("datasci", "?name=race", "application/octet-stream",
				TestModels.logistic().model());
		String id = JSON.readTree(uploaded.body()).get("id").asString();
		String promotionId = graphQl("datasci",
				"mutation { proposeModelPromotion(input: {modelId: \"" + id
						+ "\", target: CHALLENGER, justification: \"shadow it\"}) { promotion { id } } }")
			.at("/proposeModelPromotion/promotion/id")
			.asString();
		long generation = this.mongo.findById(RegistryState.ID, RegistryState.class).generation();
		ExecutorService pool = Executors.newFixedThreadPool(4);
		List<Callable<JsonNode>> approvals = new ArrayList<>();
		for (String user : List.of("manager", "cfo", "admin", "manager")) {
			approvals.add(
					() -> graphQl(user,
							"mutation { approveModelPromotion(input: {promotionId: \"" + promotionId
									+ "\"}) { promotion { status } userErrors { code } } }")
						.get("approveModelPromotion"));
		}
		List<String> outcomes = new ArrayList<>();
		for (Future<JsonNode> f : pool.invokeAll(approvals)) {
			JsonNode r = f.get();
			outcomes.add(r.get("userErrors").isEmpty() ? "APPLIED" : r.at("/userErrors/0/code").asString());
		}
		pool.shutdown();
		assertThat(outcomes).containsOnlyOnce("APPLIED");
		assertThat(outcomes).filteredOn(o -> !o.equals("APPLIED"))
			.hasSize(3)
			.isSubsetOf("PROMOTION_ALREADY_DECIDED", "MODEL_ALREADY_IN_ROLE");
		RegistryState state = this.mongo.findById(RegistryState.ID, RegistryState.class);
		assertThat(state.challengerId()).isEqualTo(id);
		assertThat(state.generation()).isEqualTo(generation + 1);
		assertThat(ModelIntake.sha256(TestModels.logistic().model())).isEqualTo(TestModels.logistic().sha256());
	}

}
