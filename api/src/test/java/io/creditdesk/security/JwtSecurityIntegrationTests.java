package io.creditdesk.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.tester.AutoConfigureHttpGraphQlTester;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The production security mode: bearer JWTs signed with RS256 and checked by the decoder
 * Spring Boot configures (a public key stands in for the identity provider's keys), roles
 * from the configured claim, the audience required, the subject as identity, demo users
 * off.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "creditdesk.security.mode=jwt", "creditdesk.security.roles-claim=groups",
				"creditdesk.security.jwt.audience=creditdesk" })
@AutoConfigureHttpGraphQlTester
@ActiveProfiles("test")
class JwtSecurityIntegrationTests {

	private static final KeyPair KEYS = keys();

	@Autowired
	private HttpGraphQlTester graphQl;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void identityProvider(DynamicPropertyRegistry registry) throws Exception {
		Path pem = Files.createTempFile("creditdesk-jwt-test", ".pub.pem");
		pem.toFile().deleteOnExit();
		Files.writeString(pem,
				"-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
					.encodeToString(KEYS.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
		registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + pem);
	}

	private static KeyPair keys() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Token text "user.ROLE1~ROLE2" becomes a signed JWT for this service (audience
	 * {@code creditdesk}) with that subject and groups claim.
	 */
	private static String token(String text) {
		return token(text, claims -> {
		});
	}

	/** The same, with the claims changed by {@code changes}. */
	private static String token(String text, Consumer<JWTClaimsSet.Builder> changes) {
		String[] parts = text.split("\\.");
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(parts[0])
			.audience("creditdesk")
			.claim("groups", List.of(parts[1].split("~")))
			.issueTime(new Date())
			.expirationTime(new Date(System.currentTimeMillis() + 300_000));
		changes.accept(claims);
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
			jwt.sign(new RSASSASigner(KEYS.getPrivate()));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private HttpGraphQlTester bearer(String text) {
		return bearerToken(token(text));
	}

	private HttpGraphQlTester bearerToken(String token) {
		return this.graphQl.mutate().headers(h -> h.setBearerAuth(token)).build();
	}

	@Test
	void rolesComeFromTheConfiguredClaim() {
		String limit = "mutation { setCreditLimit(input: {customerId: \"missing\", amount: \"1\", reason: \"r\"}) { userErrors { code } } }";
		bearer("carol.admin").document(limit)
			.execute()
			.path("setCreditLimit.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("CUSTOMER_NOT_FOUND");
		bearer("sam.SALES").document(limit)
			.execute()
			.errors()
			.expect(e -> "FORBIDDEN".equals(e.getExtensions().get("code")))
			.verify();
	}

	@Test
	void theAuditActorIsTheTokenSubject() {
		String created = bearer("ivy.INTEGRATION").document(
				"mutation { createCustomer(input: {externalRef: \"JWT-1\", name: \"Jwt GmbH\", taxId: \"DE136695976\", countryCode: \"DE\", segment: \"SMB\", tier: \"SILVER\", industry: \"RETAIL\", creditCurrency: \"EUR\"}) { customer { id } userErrors { code } } }")
			.execute()
			.path("createCustomer.customer.id")
			.entity(String.class)
			.get();
		bearer("alice.CREDIT_ANALYST~SALES")
			.document("{ customer(id: \"" + created + "\") { auditTrail { edges { node { actor } } } } }")
			.execute()
			.path("customer.auditTrail.edges[0].node.actor")
			.entity(String.class)
			.isEqualTo("ivy");
	}

	@Test
	void graphiQlIsOffUnlessEnabled() throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		for (String path : new String[] { "/graphiql", "/graphiql/login" }) {
			HttpResponse<String> page = client
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
					.header("Authorization", "Bearer " + token("ada.ADMIN"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(page.statusCode()).as(path).isEqualTo(404);
		}
	}

	@Test
	void demoUsersAreDisabled() {
		assertThatThrownBy(() -> this.graphQl.mutate()
			.headers(h -> h.setBasicAuth("admin", "demo"))
			.build()
			.document("{ customers { totalCount } }")
			.execute()).satisfies(ex -> assertThat(ex.getMessage()).contains("401"));
	}

	@Test
	void anInvalidTokenIsRejected() {
		assertThatThrownBy(() -> bearerToken("garbage").document("{ customers { totalCount } }").execute())
			.satisfies(ex -> assertThat(ex.getMessage()).contains("401"));
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * POSTs a query to /graphql with {@code authorization} (none when null) and
	 * {@code language} ({@code Accept-Language}, none when null).
	 */
	private HttpResponse<String> post(String authorization, String language) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/graphql"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ customers { totalCount } }\"}"));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		if (language != null) {
			request.header("Accept-Language", language);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The one error of a JSON error answer: its code and message. */
	private static List<String> codeAndMessage(HttpResponse<String> answer) {
		assertThat(answer.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
		JsonNode error = JSON.readTree(answer.body()).get("errors").get(0);
		return List.of(error.get("extensions").get("code").asString(), error.get("message").asString());
	}

	/**
	 * A bearer token that is not valid (garbage, expired, for another audience) is a 401
	 * that says so: {@code WWW-Authenticate} as before, and a JSON error
	 * {@code INVALID_CREDENTIALS} with the catalogue's sentence in the caller's language.
	 * No token at all is a 401 {@code UNAUTHORIZED}. Before, each was a 401 with an empty
	 * body.
	 */
	@Test
	void aMissingOrInvalidTokenIsA401ThatSaysSoInTheCallersLanguage() throws Exception {
		String english = "The bearer token is not valid: malformed, expired, or not issued for this service."
				+ " Sign in again for a fresh token.";
		String german = "Das Bearer-Token ist nicht gültig: fehlerhaft, abgelaufen oder nicht für diesen Dienst"
				+ " ausgestellt. Melden Sie sich erneut an, um ein frisches Token zu erhalten.";
		Instant past = Instant.now().minus(Duration.ofMinutes(10));
		String expired = token("eve.ADMIN",
				claims -> claims.issueTime(Date.from(past.minusSeconds(60))).expirationTime(Date.from(past)));
		String foreign = token("eve.ADMIN", claims -> claims.audience("payroll"));
		for (String token : new String[] { "garbage", expired, foreign }) {
			HttpResponse<String> english401 = post("Bearer " + token, null);
			assertThat(english401.statusCode()).isEqualTo(401);
			assertThat(english401.headers().firstValue("WWW-Authenticate"))
				.hasValueSatisfying(header -> assertThat(header).startsWith("Bearer error=\"invalid_token\""));
			assertThat(codeAndMessage(english401)).containsExactly("INVALID_CREDENTIALS", english);
			HttpResponse<String> german401 = post("Bearer " + token, "de");
			assertThat(german401.statusCode()).isEqualTo(401);
			assertThat(codeAndMessage(german401)).containsExactly("INVALID_CREDENTIALS", german);
		}
		HttpResponse<String> none = post(null, "de");
		assertThat(none.statusCode()).isEqualTo(401);
		assertThat(none.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying(header -> assertThat(header).startsWith("Bearer"));
		assertThat(codeAndMessage(none)).containsExactly("UNAUTHORIZED",
				"Melden Sie sich an, um Kreditdaten zu lesen oder zu ändern.");
	}

	/**
	 * A token that expires while its WebSocket is open refuses the socket's next
	 * operation in the language the socket was opened with (the handshake's
	 * {@code Accept-Language}). Before, the refusal was English whatever was asked for.
	 * The token expired a moment ago: the decoder still accepts it (its clock skew), the
	 * socket's own check does not.
	 */
	@Test
	void anExpiredTokenOnAnOpenWebSocketIsToldInTheSocketsLanguage() {
		Instant expiry = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
		String token = token("eve.ADMIN",
				claims -> claims.issueTime(Date.from(expiry.minusSeconds(60))).expirationTime(Date.from(expiry)));
		String[][] languages = {
				{ null, "The token this connection was opened with expired at " + expiry
						+ ". Open a new connection with a fresh token." },
				{ "de-DE,de;q=0.9", "Das Token, mit dem diese Verbindung geöffnet wurde, ist um " + expiry
						+ " abgelaufen. Öffnen Sie eine neue Verbindung mit einem frischen Token." } };
		for (String[] language : languages) {
			WebSocketGraphQlTester socket = WebSocketGraphQlTester
				.builder(URI.create("ws://localhost:" + this.port + "/graphql"), new StandardWebSocketClient())
				.headers(h -> {
					h.setBearerAuth(token);
					if (language[0] != null) {
						h.set("Accept-Language", language[0]);
					}
				})
				.build();
			socket.document("{ customers { totalCount } }").execute().errors().satisfy(errors -> {
				assertThat(errors).singleElement().satisfies(error -> {
					assertThat(error.getExtensions()).containsEntry("code", "UNAUTHORIZED");
					assertThat(error.getMessage()).isEqualTo(language[1]);
				});
			});
			socket.stop().block(Duration.ofSeconds(5));
		}
	}

	/**
	 * A token the same identity provider minted for another application (another
	 * audience, or none) is refused; one for this service is accepted. Before, any
	 * audience passed.
	 */
	@Test
	void aTokenForAnotherAudienceIsRejected() {
		String query = "{ customers { totalCount } }";
		assertThatThrownBy(
				() -> bearerToken(token("eve.ADMIN", claims -> claims.audience("payroll"))).document(query).execute())
			.satisfies(ex -> assertThat(ex.getMessage()).contains("401"));
		assertThatThrownBy(
				() -> bearerToken(token("eve.ADMIN", claims -> claims.audience((String) null))).document(query)
					.execute())
			.satisfies(ex -> assertThat(ex.getMessage()).contains("401"));
		bearerToken(token("eve.ADMIN", claims -> claims.audience(List.of("payroll", "creditdesk")))).document(query)
			.execute()
			.path("customers.totalCount")
			.hasValue();
	}

	/**
	 * {@code preferred_username} is a display name the person (or an administrator of
	 * another application) may set, not unique nor stable: a token naming someone else's
	 * {@code preferred_username} acts as its own subject, in audit records, four-eyes
	 * checks and rate limit buckets. Before, it acted as that other person.
	 */
	@Test
	void anotherPersonsPreferredUsernameDoesNotMakeTheCallerThatPerson() {
		String created = bearerToken(
				token("mallory-7f3e.INTEGRATION", claims -> claims.claim("preferred_username", "ivy")))
			.document(
					"mutation { createCustomer(input: {externalRef: \"JWT-2\", name: \"Spoof GmbH\", taxId: \"DE271828180\", countryCode: \"DE\", segment: \"SMB\", tier: \"SILVER\", industry: \"RETAIL\", creditCurrency: \"EUR\"}) { customer { id } userErrors { code } } }")
			.execute()
			.path("createCustomer.customer.id")
			.entity(String.class)
			.get();
		bearer("alice.CREDIT_ANALYST")
			.document("{ customer(id: \"" + created + "\") { auditTrail { edges { node { actor } } } } }")
			.execute()
			.path("customer.auditTrail.edges[0].node.actor")
			.entity(String.class)
			.isEqualTo("mallory-7f3e");
	}

}
