package io.creditdesk.graphiql;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a browser does with the GraphiQL pages, over plain HTTP: keeps cookies, follows no
 * redirect by itself (tests look at each), reads the CSRF token the page carries.
 */
final class BrowserSession {

	private static final Pattern META = Pattern.compile("<meta name=\"([^\"]+)\" content=\"([^\"]*)\">");

	private static final Pattern HIDDEN = Pattern
		.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

	private final String base;

	private final CookieManager cookies = new CookieManager();

	private final HttpClient client;

	BrowserSession(int port) {
		this.base = "http://localhost:" + port;
		this.client = HttpClient.newBuilder()
			.cookieHandler(this.cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
	}

	String base() {
		return this.base;
	}

	HttpResponse<String> get(String path) {
		return send(request(path).GET().build());
	}

	HttpResponse<byte[]> getBytes(String path) {
		try {
			return this.client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	HttpResponse<String> postForm(String path, Map<String, String> form) {
		String body = form.entrySet()
			.stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	/**
	 * A GraphQL call as the page makes it: session cookie, CSRF header from the page, no
	 * credentials.
	 */
	HttpResponse<String> graphQl(String query, String csrfHeader, String csrfToken) {
		HttpRequest.Builder builder = request("/graphql").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"" + query.replace("\"", "\\\"") + "\"}"));
		if (csrfHeader != null) {
			builder.header(csrfHeader, csrfToken);
		}
		return send(builder.build());
	}

	HttpResponse<String> send(HttpRequest request) {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.base + path)).timeout(Duration.ofSeconds(30));
	}

	/** Signs in on the form as a demo user; returns the form's answer (a redirect). */
	HttpResponse<String> signIn(String user, String password) {
		HttpResponse<String> login = get("/graphiql/login");
		Matcher hidden = HIDDEN.matcher(login.body());
		if (!hidden.find()) {
			throw new IllegalStateException("No CSRF field on the sign-in page: " + login.body());
		}
		return postForm("/graphiql/login",
				Map.of("username", user, "password", password, hidden.group(1), hidden.group(2)));
	}

	/** The page's meta values (user, roles, CSRF header and token). */
	static Map<String, String> meta(String html) {
		Matcher matcher = META.matcher(html);
		Map<String, String> values = new HashMap<>();
		while (matcher.find()) {
			values.put(matcher.group(1), matcher.group(2).replace("&amp;", "&"));
		}
		return values;
	}

	String sessionCookie() {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter(cookie -> cookie.getName().equals("CREDITDESK_GRAPHIQL"))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElse(null);
	}

}
