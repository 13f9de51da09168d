package io.creditdesk.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

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

	public static void write(HttpServletResponse response, LoginThrottle.Verdict verdict) throws IOException {
		long seconds = seconds(verdict);
		String code = verdict.locked() ? "LOGIN_LOCKED" : "LOGIN_THROTTLED";
		String message = verdict.locked() ? "Too many failed sign-ins: signing in is locked for " + seconds + " s."
				: "Too many failed sign-ins: wait " + seconds + " s before the next attempt.";
		byte[] body = ("{\"errors\":[{\"message\":\"" + message + "\",\"extensions\":{\"code\":\"" + code
				+ "\",\"retryAfterSeconds\":" + seconds + "}}]}")
			.getBytes(StandardCharsets.UTF_8);
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

}
