package io.creditdesk.graphiql;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.RawHttp;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GraphiQL as a browser sees it, over HTTP: the page and everything it loads come from
 * the service (nothing from another host), a person signs in on a form and gets a session
 * only the page uses, CSRF-protected, with sign-out and switch user; programs stay
 * stateless.
 */
@CreditDeskIntegrationTest
class GraphiQlIntegrationTests {

	/**
	 * src and href attributes, and url(...) and sourceMappingURL references in style
	 * sheets and scripts.
	 */
	private static final Pattern ATTRIBUTE = Pattern.compile("(?:src|href)=\"([^\"]*)\"");

	private static final Pattern CSS_URL = Pattern.compile("url\\(\\s*['\"]?([^'\")]+)['\"]?\\s*\\)");

	private static final Pattern SOURCE_MAP = Pattern.compile("sourceMappingURL=([^\\s*]+)");

	@LocalServerPort
	private int port;

	@Test
	void thePageAndEveryScriptStyleAndFontItLoadsComeFromTheService() {
		BrowserSession browser = new BrowserSession(this.port);
		assertThat(browser.signIn("sales", "demo").statusCode()).isEqualTo(302);
		HttpResponse<String> page = browser.get("/graphiql");
		assertThat(page.statusCode()).isEqualTo(200);
		String html = page.body();
		// No other host anywhere in the page: no CDN, no absolute URL, no
		// protocol-relative one.
		assertThat(html).doesNotContainPattern("(?i)https?:").doesNotContain("//cdn").doesNotContain("esm.sh");
		assertThat(page.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'")
				.contains("script-src 'self'")
				.doesNotContain("http"));

		List<String> references = references(ATTRIBUTE, html);
		assertThat(references).as("the page's scripts and styles")
			.contains("/webjars/graphiql/graphiql.min.js", "/webjars/graphiql/graphiql.min.css",
					"/webjars/react/umd/react.production.min.js", "/webjars/react-dom/umd/react-dom.production.min.js",
					"/graphiql/console.js", "/graphiql/console.css");
		Set<String> fetched = new LinkedHashSet<>();
		List<String> queue = new ArrayList<>(references);
		while (!queue.isEmpty()) {
			String reference = queue.remove(0);
			if (reference.startsWith("data:")) {
				continue; // inline (the page's empty icon): nothing to fetch
			}
			assertThat(reference).as("a reference to this service only").startsWith("/").doesNotStartWith("//");
			if (!fetched.add(reference)) {
				continue;
			}
			HttpResponse<byte[]> asset = browser.getBytes(reference);
			assertThat(asset.statusCode()).as(reference).isEqualTo(200);
			assertThat(asset.body()).as(reference).isNotEmpty();
			String folder = reference.substring(0, reference.lastIndexOf('/') + 1);
			String text = new String(asset.body(), StandardCharsets.UTF_8);
			if (reference.endsWith(".css")) {
				// Fonts and images: inlined as data: URLs or served from here, never from
				// another host.
				for (String url : references(CSS_URL, text)) {
					if (!url.startsWith("data:")) {
						queue.add(url.startsWith("/") ? url : folder + url);
					}
				}
			}
			if (reference.endsWith(".css") || reference.endsWith(".js")) {
				for (String map : references(SOURCE_MAP, text)) {
					queue.add(folder + map);
				}
			}
		}
		assertThat(fetched).as("the source maps the browser's tools load come from here too")
			.contains("/webjars/graphiql/graphiql.min.js.map");
	}

	@Test
	void theSignInPageIsInTheReadersLanguage() {
		BrowserSession browser = new BrowserSession(this.port);
		String english = browser.get("/graphiql/login").body();
		assertThat(english).contains("<html lang=\"en\">", "<title>Sign in · CreditDesk GraphiQL</title>",
				">Demo user</label>", ">Sign in</button>",
				"the demo password (<code>demo</code> unless <code>creditdesk.security.demo-password</code> says",
				"Sign in to explore the API.");
		String german = browser
			.send(browser.request("/graphiql/login").header("Accept-Language", "de-DE,de;q=0.9,en;q=0.5").GET().build())
			.body();
		assertThat(german).contains("<html lang=\"de\">", "<title>Anmelden · CreditDesk GraphiQL</title>",
				">Demo-Benutzer</label>", ">Passwort</label>", ">Anmelden</button>",
				"das Demo-Passwort (<code>demo</code>, sofern <code>creditdesk.security.demo-password</code> nichts",
				"Melden Sie sich an, um die API zu erkunden.")
			.doesNotContain("Sign in", "\u2063");
		assertThat(browser
			.send(browser.request("/graphiql/login?throttled=30").header("Accept-Language", "de").GET().build())
			.body()).contains("bitte vor dem nächsten Versuch warten (30 Sekunden).");
		assertThat(browser.get("/graphiql/login?locked=1").body())
			.contains("signing in is locked for 1 second. Try again later");
		// A language the catalogue has no file in reads English.
		assertThat(browser.send(browser.request("/graphiql/login?error").header("Accept-Language", "fr").GET().build())
			.body()).contains("<html lang=\"en\">", "did not match");
	}

	@Test
	void aPersonSignsInAndThePageCallsTheApiWithTheSessionAndItsCsrfToken() {
		BrowserSession browser = new BrowserSession(this.port);
		HttpResponse<String> anonymous = browser.get("/graphiql");
		assertThat(anonymous.statusCode()).isEqualTo(302);
		assertThat(anonymous.headers().firstValue("Location"))
			.hasValueSatisfying(l -> assertThat(l).endsWith("/graphiql/login"));
		HttpResponse<String> login = browser.get("/graphiql/login");
		assertThat(login.statusCode()).isEqualTo(200);
		assertThat(login.body()).contains("<option value=\"sales\">sales (SALES)</option>")
			.doesNotContainPattern("(?i)https?:");

		HttpResponse<String> wrong = browser.signIn("sales", "wrong");
		assertThat(wrong.headers().firstValue("Location"))
			.hasValueSatisfying(l -> assertThat(l).endsWith("/graphiql/login?error"));
		assertThat(browser.get("/graphiql/login?error").body()).contains("did not match");

		HttpResponse<String> signedIn = browser.signIn("sales", "demo");
		assertThat(signedIn.headers().firstValue("Location"))
			.hasValueSatisfying(l -> assertThat(l).endsWith("/graphiql"));
		assertThat(signedIn.headers().firstValue("Set-Cookie"))
			.hasValueSatisfying(cookie -> assertThat(cookie).startsWith("CREDITDESK_GRAPHIQL=")
				.contains("HttpOnly")
				.contains("SameSite=Strict"));
		Map<String, String> meta = BrowserSession.meta(browser.get("/graphiql").body());
		assertThat(meta).containsEntry("creditdesk-user", "sales").containsEntry("creditdesk-roles", "SALES");
		String header = meta.get("creditdesk-csrf-header");
		String token = meta.get("creditdesk-csrf-token");
		assertThat(header).isNotBlank();
		assertThat(token).isNotBlank();

		HttpResponse<String> data = browser.graphQl("{ customers(first: 1) { totalCount } }", header, token);
		assertThat(data.statusCode()).isEqualTo(200);
		assertThat(data.body()).contains("\"totalCount\"").doesNotContain("\"errors\"");
		// Without the page's CSRF token the session is worth nothing.
		HttpResponse<String> noToken = browser.graphQl("{ customers(first: 1) { totalCount } }", null, null);
		assertThat(noToken.statusCode()).isEqualTo(403);
		assertThat(noToken.body()).contains("\"code\":\"CSRF_TOKEN_INVALID\"").doesNotContain("totalCount");
		// The session carries the person's role like Basic would: sales may not read the
		// Finance worklist.
		assertThat(browser.graphQl("{ pendingOrders { totalCount } }", header, token).body()).contains("FORBIDDEN");
	}

	/**
	 * A sign-in without the form's CSRF token is refused in the caller's language, as
	 * every other refusal. Before, the sentence was English whatever was asked.
	 */
	@Test
	void aRefusedCsrfTokenIsAnsweredInTheCallersLanguage() throws Exception {
		for (String[] language : new String[][] { { "de", "Das Sicherheits-Token dieser Seite" },
				{ "en", "This page's security token is missing" } }) {
			RawHttp.Answer refused = RawHttp.post(this.port, "127.0.0.50", "/graphiql/login",
					Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept-Language", language[0]),
					"username=sales&password=wrong");
			assertThat(refused.status()).isEqualTo(403);
			assertThat(refused.headers().get("content-type")).startsWith("application/json");
			assertThat(refused.body()).contains("\"code\":\"CSRF_TOKEN_INVALID\"").contains(language[1]);
		}
	}

	/**
	 * A {@code /graphql} call from the page that is not signed in (a session that was
	 * never signed in, or no cookie at all) is the JSON 401 of the API's chain:
	 * {@code UNAUTHORIZED} and its sentence in the caller's language; with the page's
	 * session cookie without a {@code WWW-Authenticate} challenge, which would open the
	 * browser's sign-in dialog over the page. Before, a call with the page's session
	 * cookie got an empty 401.
	 */
	@Test
	void aCallThatIsNotSignedInGetsTheJson401InTheCallersLanguage() {
		String german = "Melden Sie sich an, um Kreditdaten zu lesen oder zu ändern.";
		// No cookie, no credential: the API's chain answers.
		BrowserSession none = new BrowserSession(this.port);
		HttpResponse<String> noCookie = none.send(none.request("/graphql")
			.header("Content-Type", "application/json")
			.header("Accept-Language", "de")
			.POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ customers(first: 1) { totalCount } }\"}"))
			.build());
		assertUnauthorized(noCookie, german);
		// A session that was never signed in, with its own CSRF token (the sign-in page
		// gave both): the page's chain answers.
		BrowserSession browser = new BrowserSession(this.port);
		Matcher hidden = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")
			.matcher(browser.get("/graphiql/login").body());
		assertThat(hidden.find()).isTrue();
		assertThat(browser.sessionCookie()).isNotNull();
		HttpResponse<String> anonymous = browser.send(browser.request("/graphql")
			.header("Content-Type", "application/json")
			.header("Accept-Language", "de")
			.header("X-CSRF-TOKEN", hidden.group(2))
			.POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ customers(first: 1) { totalCount } }\"}"))
			.build());
		assertUnauthorized(anonymous, german);
		assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isEmpty();
		HttpResponse<String> english = browser.send(browser.request("/graphql")
			.header("Content-Type", "application/json")
			.header("X-CSRF-TOKEN", hidden.group(2))
			.POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ customers(first: 1) { totalCount } }\"}"))
			.build());
		assertUnauthorized(english, "Sign in to read or change credit data.");
		// A session that is gone (expired, or signed out elsewhere) took its CSRF token
		// with it: the page's token is refused before anything else, and that answer says
		// to reload or sign in again.
		BrowserSession expired = new BrowserSession(this.port);
		HttpResponse<String> stale = expired.send(expired.request("/graphql")
			.header("Content-Type", "application/json")
			.header("Accept-Language", "de")
			.header("Cookie", "CREDITDESK_GRAPHIQL=" + browser.sessionCookie() + "-expired")
			.header("X-CSRF-TOKEN", hidden.group(2))
			.POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ customers(first: 1) { totalCount } }\"}"))
			.build());
		assertThat(stale.statusCode()).isEqualTo(403);
		assertThat(stale.body()).contains("\"code\":\"CSRF_TOKEN_INVALID\"", "Laden Sie GraphiQL neu");
	}

	private static void assertUnauthorized(HttpResponse<String> answer, String message) {
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
		assertThat(answer.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
		assertThat(answer.body())
			.isEqualTo("{\"errors\":[{\"message\":\"" + message + "\",\"extensions\":{\"code\":\"UNAUTHORIZED\"}}]}");
	}

	@Test
	void aPersonSwitchesUserAndSignsOut() {
		BrowserSession browser = new BrowserSession(this.port);
		browser.signIn("sales", "demo");
		String salesSession = browser.sessionCookie();
		browser.signIn("manager", "demo");
		assertThat(browser.sessionCookie()).as("a new session for the new user").isNotEqualTo(salesSession);
		Map<String, String> meta = BrowserSession.meta(browser.get("/graphiql").body());
		assertThat(meta).containsEntry("creditdesk-user", "manager")
			.containsEntry("creditdesk-roles", "CREDIT_MANAGER");
		String header = meta.get("creditdesk-csrf-header");
		String token = meta.get("creditdesk-csrf-token");
		assertThat(browser.graphQl("{ pendingOrders { totalCount } }", header, token).body()).doesNotContain("errors");

		HttpResponse<String> signedOut = browser.postForm("/graphiql/logout",
				Map.of(meta.get("creditdesk-csrf-parameter"), token));
		assertThat(signedOut.headers().firstValue("Location"))
			.hasValueSatisfying(l -> assertThat(l).endsWith("/graphiql/login?signedOut"));
		assertThat(browser.get("/graphiql").statusCode()).isEqualTo(302);
		// The old session and its token are gone: the page's next call is refused and
		// says to sign in again.
		HttpResponse<String> after = browser.graphQl("{ customers(first: 1) { totalCount } }", header, token);
		assertThat(after.statusCode()).isEqualTo(403);
		assertThat(after.body()).contains("CSRF_TOKEN_INVALID").doesNotContain("totalCount");
	}

	@Test
	void programsStayStatelessAndACookieFromAnotherOriginCountsForNothing() {
		BrowserSession machine = new BrowserSession(this.port);
		HttpResponse<String> basic = machine.send(machine.request("/graphql")
			.header("Content-Type", "application/json")
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString("sales:demo".getBytes(StandardCharsets.UTF_8)))
			.POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ customers(first: 1) { totalCount } }\"}"))
			.build());
		assertThat(basic.statusCode()).isEqualTo(200);
		assertThat(basic.headers().allValues("Set-Cookie")).as("no session for a program").isEmpty();
		assertThat(machine.sessionCookie()).isNull();

		BrowserSession browser = new BrowserSession(this.port);
		browser.signIn("admin", "demo");
		Map<String, String> meta = BrowserSession.meta(browser.get("/graphiql").body());
		// Even an origin CORS lets in (another port on localhost, in demo mode) cannot
		// use the person's
		// session: its call goes to the API's chain, which wants credentials of its own.
		HttpResponse<String> otherPort = fromOrigin(browser, "http://localhost:3000", meta);
		assertThat(otherPort.statusCode()).isEqualTo(401);
		assertThat(otherPort.body()).doesNotContain("totalCount");
		HttpResponse<String> foreign = fromOrigin(browser, "http://evil.example", meta);
		assertThat(foreign.statusCode()).as("an origin CORS does not allow is refused outright").isEqualTo(403);
		assertThat(foreign.body()).doesNotContain("totalCount");
		assertThat(fromOrigin(browser, browser.base(), meta).body()).as("the page's own origin").contains("totalCount");
	}

	private static HttpResponse<String> fromOrigin(BrowserSession browser, String origin, Map<String, String> meta) {
		return browser.send(browser.request("/graphql")
			.header("Content-Type", "application/json")
			.header("Origin", origin)
			.header(meta.get("creditdesk-csrf-header"), meta.get("creditdesk-csrf-token"))
			.POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ customers(first: 1) { totalCount } }\"}"))
			.build());
	}

	private static List<String> references(Pattern pattern, String text) {
		List<String> found = new ArrayList<>();
		Matcher matcher = pattern.matcher(text);
		while (matcher.find()) {
			found.add(matcher.group(1));
		}
		return found;
	}

}
