package io.creditdesk.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 429 of a held-back sign-in reads in the caller's language (before: English whatever
 * {@code Accept-Language} asked for), its code and wait unchanged.
 */
class ThrottledAnswerTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "-",
			textBlock = """
					-     | false | LOGIN_THROTTLED | Too many failed sign-ins: wait 2 s before the next attempt.
					de-DE | false | LOGIN_THROTTLED | Zu viele fehlgeschlagene Anmeldungen: Warten Sie 2 s bis zum nächsten Versuch.
					fr    | true  | LOGIN_LOCKED    | Too many failed sign-ins: signing in is locked for 2 s.
					de    | true  | LOGIN_LOCKED    | Zu viele fehlgeschlagene Anmeldungen: Die Anmeldung ist für 2 s gesperrt.
					""")
	void theMessageReadsInTheCallersLanguage(String language, boolean locked, String code, String message)
			throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/graphql");
		if (language != null) {
			request.addHeader("Accept-Language", language);
		}
		MockHttpServletResponse response = new MockHttpServletResponse();
		ThrottledAnswer.write(request, response, new LoginThrottle.Verdict(false, Duration.ofMillis(1500), locked));
		assertThat(response.getStatus()).isEqualTo(429);
		assertThat(response.getHeader("Retry-After")).isEqualTo("2");
		assertThat(response.getContentAsString(StandardCharsets.UTF_8)).isEqualTo("{\"errors\":[{\"message\":\""
				+ message + "\",\"extensions\":{\"code\":\"" + code + "\",\"retryAfterSeconds\":2}}]}");
	}

}
