package io.creditdesk.graphiql;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.security.DemoUsers;
import io.creditdesk.security.FormLoginThrottleFilter;
import io.creditdesk.security.SecurityProperties;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Conditional;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.util.HtmlUtils;

/**
 * Serves the GraphiQL page and, in demo mode, its sign-in page. Both are rendered per
 * request because they carry the person's CSRF token; they are never cached. Each names
 * what it may load in a Content-Security-Policy: only this service, so a page that tried
 * to reach a CDN would fail in the browser as it would on an air-gapped machine.
 */
@Controller
@Conditional(GraphiQlEnabled.class)
class GraphiQlController {

	/**
	 * Scripts, styles, fonts (inlined as data: URLs in GraphiQL's style sheet) and calls:
	 * this origin only.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

	/** Marks around a name shown as code in a sentence (never typed in a sentence). */
	private static final String CODE_START = "\u2063[";

	private static final String CODE_END = "]\u2063";

	/** The longest wait the sign-in page shows (a day), in seconds. */
	private static final long MAX_WAIT_SHOWN = 86_400;

	private final HtmlTemplate console = HtmlTemplate.load("creditdesk-graphiql/console.html");

	private final HtmlTemplate login = HtmlTemplate.load("creditdesk-graphiql/login.html");

	private final boolean signIn;

	GraphiQlController(SecurityProperties security) {
		this.signIn = !security.jwt();
	}

	@GetMapping(path = GraphiQlConfiguration.PAGE, produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> console(HttpServletRequest request, Authentication authentication) {
		Map<String, String> values = new HashMap<>();
		values.put("base", request.getContextPath());
		values.put("signIn", this.signIn ? "session" : "bearer");
		values.put("user", (this.signIn && authentication != null) ? authentication.getName() : "");
		values.put("roles", (this.signIn && authentication != null) ? roles(authentication) : "");
		CsrfToken csrf = this.signIn ? (CsrfToken) request.getAttribute(CsrfToken.class.getName()) : null;
		values.put("csrfHeader", (csrf != null) ? csrf.getHeaderName() : "");
		values.put("csrfParameter", (csrf != null) ? csrf.getParameterName() : "");
		values.put("csrfToken", (csrf != null) ? csrf.getToken() : "");
		return page(this.console.render(values));
	}

	@GetMapping(path = GraphiQlConfiguration.LOGIN, produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> login(HttpServletRequest request) {
		if (!this.signIn) {
			return ResponseEntity.notFound().build();
		}
		CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
		Locale language = request.getLocale();
		Map<String, String> values = new HashMap<>();
		values.put("base", request.getContextPath());
		values.put("lang", MessageCatalogue.language(language).toLanguageTag());
		values.put("title", text(language, "graphiql.login.title"));
		values.put("userLabel", text(language, "graphiql.login.user"));
		values.put("passwordLabel", text(language, "graphiql.login.password"));
		values.put("signIn", text(language, "graphiql.login.signIn"));
		// The configuration's names as code: marked in the sentence, the marks made tags
		// once it is escaped.
		values.put("hint",
				HtmlUtils
					.htmlEscape(MessageCatalogue.render(language, "graphiql.login.hint",
							List.of(CODE_START + "demo" + CODE_END,
									CODE_START + "creditdesk.security.demo-password" + CODE_END)),
							"UTF-8")
					.replace(CODE_START, "<code>")
					.replace(CODE_END, "</code>"));
		values.put("message", message(request, language));
		values.put("csrfParameter", csrf.getParameterName());
		values.put("csrfToken", csrf.getToken());
		values.put("users",
				DemoUsers.ALL.stream()
					.map(user -> "<option value=\"" + HtmlUtils.htmlEscape(user.username()) + "\">"
							+ HtmlUtils.htmlEscape(user.username() + " (" + user.role() + ")") + "</option>")
					.collect(Collectors.joining("\n          ")));
		return page(this.login.render(values));
	}

	private static String message(HttpServletRequest request, Locale language) {
		String locked = request.getParameter(FormLoginThrottleFilter.LOCKED);
		if (locked != null) {
			return text(language, "graphiql.login.locked", forSeconds(locked, language));
		}
		String throttled = request.getParameter(FormLoginThrottleFilter.THROTTLED);
		if (throttled != null) {
			return text(language, "graphiql.login.throttled", forSeconds(throttled, language));
		}
		if (request.getParameter("error") != null) {
			return text(language, "graphiql.login.error");
		}
		if (request.getParameter("signedOut") != null) {
			return text(language, "graphiql.login.signedOut");
		}
		return text(language, "graphiql.login.welcome");
	}

	private static String text(Locale language, String key, Object... figures) {
		return MessageCatalogue.render(language, key, List.of(figures));
	}

	/**
	 * " for N s" of a wait the throttle filter put in the address, in the reader's
	 * language; nothing for what is no such number (the address is the person's to
	 * change).
	 */
	private static String forSeconds(String seconds, Locale language) {
		try {
			long value = Long.parseLong(seconds);
			return (value > 0 && value <= MAX_WAIT_SHOWN) ? text(language,
					(value == 1) ? "graphiql.login.forSeconds.one" : "graphiql.login.forSeconds", value) : "";
		}
		catch (NumberFormatException ex) {
			return "";
		}
	}

	private static String roles(Authentication authentication) {
		List<String> roles = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter(authority -> authority != null && authority.startsWith("ROLE_"))
			.map(authority -> authority.substring("ROLE_".length()))
			.sorted()
			.toList();
		return String.join(", ", roles);
	}

	private static ResponseEntity<String> page(String html) {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
			.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
			.body(html);
	}

}
