package io.creditdesk.security;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.creditdesk.common.GraphQlErrorAnswer;
import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.common.RequestLanguage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * The answer to a sign-in attempt the {@link LoginThrottle} holds back: HTTP 429 with
 * {@code Retry-After} in whole seconds and a GraphQL error {@code LOGIN_THROTTLED} (a
 * wait between attempts) or {@code LOGIN_LOCKED} (a lockout). The credential was not
 * checked.
 */
public final class ThrottledAnswer {

	private ThrottledAnswer() {
	}

	/** The wait of a held-back attempt in whole seconds, rounded up, at least 1. */
	public static long seconds(LoginThrottle.Verdict verdict) {
		return Math.max(1, verdict.retryAfter().toSeconds() + ((verdict.retryAfter().toNanosPart() > 0) ? 1 : 0));
	}

	/** The answer in English (a caller that sent no language). */
	public static void write(HttpServletResponse response, LoginThrottle.Verdict verdict) throws IOException {
		write(response, verdict, null);
	}

	/**
	 * The answer with its message in the language {@code request} asks for
	 * ({@code Accept-Language}; English without it).
	 */
	public static void write(HttpServletRequest request, HttpServletResponse response, LoginThrottle.Verdict verdict)
			throws IOException {
		write(response, verdict, RequestLanguage.of(request));
	}

	private static void write(HttpServletResponse response, LoginThrottle.Verdict verdict, Locale language)
			throws IOException {
		long seconds = seconds(verdict);
		String code = verdict.locked() ? "LOGIN_LOCKED" : "LOGIN_THROTTLED";
		String message = MessageCatalogue.render(language, verdict.locked() ? "signIn.locked" : "signIn.throttled",
				List.of(Long.toString(seconds)));
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		GraphQlErrorAnswer.write(response, HttpStatus.TOO_MANY_REQUESTS,
				GraphQlErrorAnswer.body(code, message, Map.of("retryAfterSeconds", seconds)));
	}

}
