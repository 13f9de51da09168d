package io.creditdesk.security;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The {@link SignInThrottleFilter} ahead of a sign-in form (GraphiQL's in demo mode):
 * reads the user name and password the form posts to its processing URL, as Spring
 * Security's {@link UsernamePasswordAuthenticationFilter} does, so that guesses through
 * the form wait and are locked out exactly as guesses through HTTP Basic (the same
 * {@link LoginThrottle}, the same counts). Add it before that filter.
 * <p>
 * A person at the form is sent back to the sign-in page with the wait
 * ({@code ?throttled=<seconds>} or {@code ?locked=<seconds>}, which the page shows, and
 * {@code Retry-After}); a program gets the JSON 429 of {@link ThrottledAnswer}. A person
 * is a request that accepts {@code text/html}, or one that names neither HTML nor JSON
 * and posts the form's content type; one that accepts JSON and not HTML is a program.
 */
public final class FormLoginThrottleFilter extends SignInThrottleFilter {

	/** The query parameter of a wait between attempts, in seconds. */
	public static final String THROTTLED = "throttled";

	/** The query parameter of a lockout, in seconds. */
	public static final String LOCKED = "locked";

	private final RequestMatcher signIn;

	private final String loginPage;

	/**
	 * @param throttle the throttle of failed sign-ins
	 * @param signIn the form's processing requests (its POSTs)
	 * @param loginPage the sign-in page a person is sent back to (a path in the
	 * application, e.g. {@code /graphiql/login})
	 */
	public FormLoginThrottleFilter(LoginThrottle throttle, RequestMatcher signIn, String loginPage) {
		super(throttle);
		this.signIn = signIn;
		this.loginPage = loginPage;
	}

	@Override
	UsernamePasswordAuthenticationToken attempt(HttpServletRequest request) {
		if (!this.signIn.matches(request)) {
			return null;
		}
		String user = request.getParameter(UsernamePasswordAuthenticationFilter.SPRING_SECURITY_FORM_USERNAME_KEY);
		String password = request.getParameter(UsernamePasswordAuthenticationFilter.SPRING_SECURITY_FORM_PASSWORD_KEY);
		// As the form filter signs in: a missing field is empty, the name is trimmed (the
		// throttle counts it in lower case).
		return UsernamePasswordAuthenticationToken.unauthenticated((user != null) ? user.trim() : "",
				(password != null) ? password : "");
	}

	@Override
	void refuse(HttpServletRequest request, HttpServletResponse response, LoginThrottle.Verdict verdict)
			throws IOException {
		if (!fromAPerson(request)) {
			ThrottledAnswer.write(request, response, verdict);
			return;
		}
		long seconds = ThrottledAnswer.seconds(verdict);
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.sendRedirect(request.getContextPath() + this.loginPage + "?" + (verdict.locked() ? LOCKED : THROTTLED)
				+ "=" + seconds);
	}

	/** Whether the sign-in comes from a person at the form rather than a program. */
	static boolean fromAPerson(HttpServletRequest request) {
		List<MediaType> accepted = mediaTypes(request.getHeader(HttpHeaders.ACCEPT));
		if (accepted.stream()
			.anyMatch(type -> type.getQualityValue() > 0 && (MediaType.TEXT_HTML.equalsTypeAndSubtype(type)
					|| MediaType.APPLICATION_XHTML_XML.equalsTypeAndSubtype(type)))) {
			return true;
		}
		if (accepted.stream()
			.anyMatch(type -> type.getQualityValue() > 0 && (MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)
					|| "json".equals(type.getSubtypeSuffix())))) {
			return false;
		}
		List<MediaType> posted = mediaTypes(request.getContentType());
		return posted.stream()
			.anyMatch(type -> MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(type)
					|| MediaType.MULTIPART_FORM_DATA.isCompatibleWith(type));
	}

	private static List<MediaType> mediaTypes(String header) {
		if (header == null || header.isBlank()) {
			return List.of();
		}
		try {
			return MediaType.parseMediaTypes(header);
		}
		catch (InvalidMediaTypeException ex) {
			return List.of();
		}
	}

}
