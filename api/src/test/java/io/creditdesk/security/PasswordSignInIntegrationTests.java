package io.creditdesk.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.RawHttp;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP Basic sign-in through the running service: a verified credential is remembered
 * (keyed by an HMAC, see {@link VerifiedCredentials}), and guesses are throttled from the
 * sixth on. Each test sends from a loopback address of its own and guesses a user name of
 * its own, so no other test is throttled.
 */
@CreditDeskIntegrationTest
class PasswordSignInIntegrationTests {

	private static final String QUERY = "{\"query\":\"{ __typename }\"}";

	@LocalServerPort
	private int port;

	@Autowired
	private VerifiedCredentials verified;

	private RawHttp.Answer post(String from, String user, String password) throws Exception {
		return RawHttp.post(this.port, from, "/graphql",
				Map.of("Content-Type", "application/json", "Authorization", "Basic "
						+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))),
				QUERY);
	}

	@Test
	void aVerifiedCredentialIsRemembered() throws Exception {
		assertThat(post("127.0.0.41", "datasci", "demo").status()).isEqualTo(200);
		assertThat(this.verified.knows("datasci", "demo")).isTrue();
		assertThat(this.verified.knows("datasci", "wrong")).isFalse();
	}

	@Test
	void theSixthGuessForAUserNameIsThrottled() throws Exception {
		String user = "intruder-" + System.nanoTime();
		for (int i = 0; i < 5; i++) {
			assertThat(post("127.0.0.42", user, "guess" + i).status()).isEqualTo(401);
		}
		RawHttp.Answer throttled = post("127.0.0.42", user, "guess5");
		assertThat(throttled.status()).isEqualTo(429);
		// The first wait is 30 s in the tests' settings (1 s by default).
		assertThat(Integer.parseInt(throttled.headers().get("retry-after"))).isBetween(1, 30);
		assertThat(throttled.body()).contains("\"code\":\"LOGIN_THROTTLED\"");
	}

}
