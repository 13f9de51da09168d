package io.creditdesk.graphiql;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
		Map<String, String> values = new HashMap<>();
		values.put("base", request.getContextPath());
		values.put("message", message(request));
		values.put("csrfParameter", csrf.getParameterName());
		values.put("csrfToken", csrf.getToken());
		values.put("users",
				DemoUsers.ALL.stream()
					.map(user -> "<option value=\"" + HtmlUtils.htmlEscape(user.username()) + "\">"
							+ HtmlUtils.htmlEscape(user.username() + " (" + user.role() + ")") + "</option>")
					.collect(Collectors.joining("\n          ")));
		return page(this.login.render(values));
	}

	private static String message(HttpServletRequest request) {
		String locked = request.getParameter(FormLoginThrottleFilter.LOCKED);
		if (locked != null) {
			return "Too many failed sign-ins: signing in is locked" + forSeconds(locked)
					+ ". Try again later, with the demo password.";
		}
		String throttled = request.getParameter(FormLoginThrottleFilter.THROTTLED);
		if (throttled != null) {
			return "Too many failed sign-ins: wait" + forSeconds(throttled) + " before the next attempt.";
		}
		if (request.getParameter("error") != null) {
			return "That user name and password did not match. Pick a demo user and enter the demo password.";
		}
		if (request.getParameter("signedOut") != null) {
			return "You are signed out. Sign in again, as the same or another user.";
		}
		return "Sign in to explore the API. Programs need no sign-in: they send HTTP Basic or a bearer token with each request.";
	}

	/**
	 * " for N s" of a wait the throttle filter put in the address; nothing for what is no
	 * such number (the address is the person's to change).
	 */
	private static String forSeconds(String seconds) {
		try {
			long value = Long.parseLong(seconds);
			return (value > 0 && value <= MAX_WAIT_SHOWN) ? " for " + ((value == 1) ? "1 second" : value + " seconds")
					: "";
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
