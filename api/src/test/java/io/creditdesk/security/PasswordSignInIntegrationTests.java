package io.creditdesk.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

	private static final Pattern HIDDEN = Pattern
		.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

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

	/**
	 * GraphiQL's sign-in form (demo mode) is held back like Basic: its failures count for
	 * the user name (whatever its case) and the address, and the sixth guess is answered
	 * 429 without checking the password. Before, the form was never checked: only Basic
	 * credentials were read ahead of sign-in.
	 */
	@Test
	void guessesOnGraphiQlsSignInFormAreThrottledLikeBasic() throws Exception {
		String from = "127.0.0.43";
		String user = "form-intruder-" + System.nanoTime();
		RawHttp.Answer page = RawHttp.get(this.port, from, "/graphiql/login", Map.of());
		assertThat(page.status()).isEqualTo(200);
		String session = page.headers().get("set-cookie").split(";")[0];
		Matcher csrf = HIDDEN.matcher(page.body());
		assertThat(csrf.find()).isTrue();
		for (int i = 0; i < 5; i++) {
			RawHttp.Answer wrong = signIn(from, session, csrf, (i % 2 == 0) ? user : user.toUpperCase(), "guess" + i);
			assertThat(wrong.status()).isEqualTo(302);
			assertThat(wrong.headers().get("location")).endsWith("/graphiql/login?error");
		}
		RawHttp.Answer throttled = signIn(from, session, csrf, " " + user + " ", "guess5");
		assertThat(throttled.status()).isEqualTo(429);
		assertThat(Integer.parseInt(throttled.headers().get("retry-after"))).isBetween(1, 30);
		assertThat(throttled.body()).contains("\"code\":\"LOGIN_THROTTLED\"");
		// The form's failures are the user name's failures: Basic from elsewhere waits
		// too.
		RawHttp.Answer basic = post("127.0.0.44", user, "guess6");
		assertThat(basic.status()).isEqualTo(429);
	}

	private RawHttp.Answer signIn(String from, String session, Matcher csrf, String user, String password)
			throws Exception {
		String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&"
				+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8) + "="
				+ URLEncoder.encode(csrf.group(2), StandardCharsets.UTF_8);
		return RawHttp.post(this.port, from, "/graphiql/login",
				Map.of("Content-Type", "application/x-www-form-urlencoded", "Cookie", session), form);
	}

}
