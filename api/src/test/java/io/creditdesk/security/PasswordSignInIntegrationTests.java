package io.creditdesk.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.RawHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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

	private RawHttp.Answer post(String from, String user, String password, String language) throws Exception {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Type", "application/json");
		if (user != null) {
			headers.put("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
		}
		if (language != null) {
			headers.put("Accept-Language", language);
		}
		return RawHttp.post(this.port, from, "/graphql", headers, QUERY);
	}

	/** The one error of a JSON error answer: its code and message. */
	private static List<String> codeAndMessage(RawHttp.Answer answer) {
		assertThat(answer.headers().get("content-type")).startsWith("application/json");
		JsonNode error = JSON.readTree(answer.body()).get("errors").get(0);
		return List.of(error.get("extensions").get("code").asString(), error.get("message").asString());
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * A wrong password is a 401 that says so: {@code WWW-Authenticate} as before, and a
	 * JSON error {@code INVALID_CREDENTIALS} with the catalogue's sentence in the
	 * caller's language. A user name that does not exist gets the very same answer, so
	 * the answer does not tell which names exist. Before, the 401 had an empty body.
	 */
	@Test
	void wrongCredentialsAreA401ThatSaysSoInTheCallersLanguage() throws Exception {
		String from = "127.0.0.46";
		String english = "The user name or password is not right. Sign in again with valid credentials.";
		String german = "Benutzername oder Passwort stimmen nicht. Melden Sie sich mit gültigen Zugangsdaten erneut an.";
		RawHttp.Answer wrong = post(from, "sales", "wrong", null);
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.headers().get("www-authenticate")).startsWith("Basic realm=");
		assertThat(codeAndMessage(wrong)).containsExactly("INVALID_CREDENTIALS", english);
		RawHttp.Answer wrongInGerman = post(from, "sales", "wrong", "de-DE,de;q=0.9");
		assertThat(wrongInGerman.status()).isEqualTo(401);
		assertThat(codeAndMessage(wrongInGerman)).containsExactly("INVALID_CREDENTIALS", german);
		RawHttp.Answer nobody = post(from, "nobody-" + System.nanoTime(), "wrong", null);
		assertThat(nobody.status()).isEqualTo(401);
		assertThat(nobody.headers().get("www-authenticate")).isEqualTo(wrong.headers().get("www-authenticate"));
		assertThat(nobody.body()).isEqualTo(wrong.body());
	}

	/**
	 * No credential at all is a 401 with {@code WWW-Authenticate} and a JSON error
	 * {@code UNAUTHORIZED} in the caller's language (before: an empty body).
	 */
	@Test
	void noCredentialIsA401ThatSaysSoInTheCallersLanguage() throws Exception {
		RawHttp.Answer none = post("127.0.0.47", null, null, null);
		assertThat(none.status()).isEqualTo(401);
		assertThat(none.headers().get("www-authenticate")).startsWith("Basic realm=");
		assertThat(codeAndMessage(none)).containsExactly("UNAUTHORIZED", "Sign in to read or change credit data.");
		RawHttp.Answer german = post("127.0.0.47", null, null, "de");
		assertThat(codeAndMessage(german)).containsExactly("UNAUTHORIZED",
				"Melden Sie sich an, um Kreditdaten zu lesen oder zu ändern.");
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
	 * A client address that must wait holds back the right password too, even one the
	 * service remembers as verified: a 200 among the 429s would tell which guess was
	 * right. Before, a remembered credential passed the throttle untouched.
	 */
	@Test
	void aThrottledAddressHoldsBackEvenARememberedRightPassword() throws Exception {
		String from = "127.0.0.48";
		assertThat(post(from, "datasci", "demo").status()).isEqualTo(200);
		assertThat(this.verified.knows("datasci", "demo")).isTrue();
		for (int i = 0; i < 20; i++) {
			assertThat(post(from, "address-intruder-" + i + "-" + System.nanoTime(), "guess").status()).isEqualTo(401);
		}
		RawHttp.Answer held = post(from, "datasci", "demo", "de");
		assertThat(held.status()).isEqualTo(429);
		assertThat(Integer.parseInt(held.headers().get("retry-after"))).isBetween(1, 30);
		assertThat(codeAndMessage(held).get(0)).isEqualTo("LOGIN_THROTTLED");
		assertThat(codeAndMessage(held).get(1)).startsWith("Zu viele fehlgeschlagene Anmeldungen");
	}

	/**
	 * In demo mode a bearer token the service cannot accept is a credential that is not
	 * accepted ({@code INVALID_CREDENTIALS}, in the caller's language), not a missing
	 * sign-in; an API key that is not valid stays {@code INVALID_API_KEY}. Before, the
	 * token was answered {@code UNAUTHORIZED} ("sign in"), as if nothing had been sent.
	 */
	@Test
	void aBearerTokenTheServiceCannotAcceptIsInvalidCredentials() throws Exception {
		String from = "127.0.0.49";
		RawHttp.Answer english = RawHttp.post(this.port, from, "/graphql",
				Map.of("Content-Type", "application/json", "Authorization", "Bearer garbage.abc.def"), QUERY);
		assertThat(english.status()).isEqualTo(401);
		assertThat(english.headers().get("www-authenticate")).startsWith("Basic realm=");
		assertThat(codeAndMessage(english)).containsExactly("INVALID_CREDENTIALS",
				"The bearer token is not valid: malformed, expired, or not issued for this service."
						+ " Sign in again for a fresh token.");
		RawHttp.Answer german = RawHttp.post(this.port, from, "/graphql", Map.of("Content-Type", "application/json",
				"Authorization", "Bearer garbage.abc.def", "Accept-Language", "de"), QUERY);
		assertThat(codeAndMessage(german)).containsExactly("INVALID_CREDENTIALS",
				"Das Bearer-Token ist nicht gültig: fehlerhaft, abgelaufen oder nicht für diesen Dienst ausgestellt."
						+ " Melden Sie sich erneut an, um ein frisches Token zu erhalten.");
		RawHttp.Answer apiKey = RawHttp.post(this.port, from, "/graphql",
				Map.of("Content-Type", "application/json", "Authorization", "Bearer cdk_garbage"), QUERY);
		assertThat(apiKey.status()).isEqualTo(401);
		assertThat(codeAndMessage(apiKey).get(0)).isEqualTo("INVALID_API_KEY");
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
			RawHttp.Answer wrong = signIn(from, session, csrf, (i % 2 == 0) ? user : user.toUpperCase(), "guess" + i,
					null);
			assertThat(wrong.status()).isEqualTo(302);
			assertThat(wrong.headers().get("location")).endsWith("/graphiql/login?error");
		}
		// A program posting the form (it asks for JSON) gets the JSON 429.
		RawHttp.Answer throttled = signIn(from, session, csrf, " " + user + " ", "guess5", "application/json");
		assertThat(throttled.status()).isEqualTo(429);
		assertThat(Integer.parseInt(throttled.headers().get("retry-after"))).isBetween(1, 30);
		assertThat(throttled.body()).contains("\"code\":\"LOGIN_THROTTLED\"");
		// The form's failures are the user name's failures: Basic from elsewhere waits
		// too.
		RawHttp.Answer basic = post("127.0.0.44", user, "guess6");
		assertThat(basic.status()).isEqualTo(429);
	}

	/**
	 * A person at GraphiQL's sign-in form whose attempt is held back is sent back to the
	 * sign-in page, which says how long to wait, not shown raw JSON; a program asking for
	 * JSON still gets the 429. Before, the browser showed the JSON body.
	 */
	@Test
	void aPersonAtTheFormWhoseAttemptIsHeldBackIsToldOnTheSignInPage() throws Exception {
		String from = "127.0.0.45";
		String user = "form-person-" + System.nanoTime();
		RawHttp.Answer page = RawHttp.get(this.port, from, "/graphiql/login", Map.of());
		String session = page.headers().get("set-cookie").split(";")[0];
		Matcher csrf = HIDDEN.matcher(page.body());
		assertThat(csrf.find()).isTrue();
		for (int i = 0; i < 5; i++) {
			assertThat(signIn(from, session, csrf, user, "guess" + i, BROWSER).status()).isEqualTo(302);
		}
		// As a browser posts the form: text/html first.
		RawHttp.Answer held = signIn(from, session, csrf, user, "guess5", BROWSER);
		assertThat(held.status()).isEqualTo(302);
		String location = held.headers().get("location");
		assertThat(location).matches(".*/graphiql/login\\?throttled=\\d+");
		long seconds = Long.parseLong(location.substring(location.indexOf('=') + 1));
		assertThat(seconds).isBetween(1L, 30L);
		assertThat(held.headers().get("retry-after")).isEqualTo(Long.toString(seconds));
		RawHttp.Answer shown = RawHttp.get(this.port, from, location.substring(location.indexOf("/graphiql/login")),
				Map.of("Cookie", session));
		assertThat(shown.status()).isEqualTo(200);
		assertThat(shown.headers().get("content-type")).startsWith("text/html");
		assertThat(shown.body()).contains("Too many failed sign-ins: wait for " + seconds + " seconds")
			.doesNotContain("LOGIN_THROTTLED");
		// A form post that names no type is a person's too; JSON is for those asking for
		// it.
		RawHttp.Answer plain = signIn(from, session, csrf, user, "guess6", null);
		assertThat(plain.status()).isEqualTo(302);
		assertThat(plain.headers().get("location")).contains("/graphiql/login?throttled=");
		RawHttp.Answer program = signIn(from, session, csrf, user, "guess7", "application/json");
		assertThat(program.status()).isEqualTo(429);
		assertThat(program.body()).contains("\"code\":\"LOGIN_THROTTLED\"");
	}

	private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	private RawHttp.Answer signIn(String from, String session, Matcher csrf, String user, String password,
			String accept) throws Exception {
		String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&"
				+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8) + "="
				+ URLEncoder.encode(csrf.group(2), StandardCharsets.UTF_8);
		Map<String, String> headers = new java.util.LinkedHashMap<>();
		headers.put("Content-Type", "application/x-www-form-urlencoded");
		headers.put("Cookie", session);
		if (accept != null) {
			headers.put("Accept", accept);
		}
		return RawHttp.post(this.port, from, "/graphiql/login", headers, form);
	}

}
