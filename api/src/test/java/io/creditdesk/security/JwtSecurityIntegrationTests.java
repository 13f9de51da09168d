package io.creditdesk.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.tester.AutoConfigureHttpGraphQlTester;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The production security mode: bearer JWTs, roles from the configured claim, demo users
 * off. A test decoder stands in for the identity provider's keys.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "creditdesk.security.mode=jwt", "creditdesk.security.roles-claim=groups" })
@AutoConfigureHttpGraphQlTester
@ActiveProfiles("test")
class JwtSecurityIntegrationTests {

	@Autowired
	private HttpGraphQlTester graphQl;

	@LocalServerPort
	private int port;

	@TestConfiguration
	static class Tokens {

		/**
		 * Token text "user.ROLE1~ROLE2" becomes a JWT with that subject and groups claim.
		 */
		@Bean
		JwtDecoder jwtDecoder() {
			return token -> {
				String[] parts = token.split("\\.");
				if (parts.length != 2) {
					throw new BadJwtException("malformed test token");
				}
				return Jwt.withTokenValue(token)
					.header("alg", "none")
					.subject(parts[0])
					.claim("groups", List.of(parts[1].split("~")))
					.issuedAt(Instant.now())
					.expiresAt(Instant.now().plusSeconds(300))
					.build();
			};
		}

	}

	private HttpGraphQlTester bearer(String token) {
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
					.header("Authorization", "Bearer ada.ADMIN")
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
		assertThatThrownBy(() -> bearer("garbage").document("{ customers { totalCount } }").execute())
			.satisfies(ex -> assertThat(ex.getMessage()).contains("401"));
	}

}
