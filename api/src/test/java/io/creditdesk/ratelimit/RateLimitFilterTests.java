package io.creditdesk.ratelimit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.creditdesk.ratelimit.RateLimitProperties.Limit;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filter's answers on mock requests: admitted, refused at once, or refused after
 * being held (no thread held).
 */
class RateLimitFilterTests {

	private long now;

	private final TimeMeter clock = new TimeMeter() {

		@Override
		public long currentTimeNanos() {
			return RateLimitFilterTests.this.now;
		}

		@Override
		public boolean isWallClockBased() {
			return false;
		}

	};

	/** 10 points at once, 5 a second. */
	private final RateLimiter limiter = new RateLimiter(new RateLimitProperties(true, new Limit(10, 5), null).policy(),
			this.clock);

	private final List<Runnable> answers = new ArrayList<>();

	private final List<Long> holds = new ArrayList<>();

	private final RateLimitFilter filter = new RateLimitFilter(this.limiter, new SimpleMeterRegistry(),
			new HeldRefusals() {
				@Override
				void answerLater(Runnable answer, long millis) {
					RateLimitFilterTests.this.answers.add(answer);
					RateLimitFilterTests.this.holds.add(millis);
				}
			});

	@BeforeEach
	void signIn() {
		SecurityContextHolder.getContext()
			.setAuthentication(new TestingAuthenticationToken("flooder", null, "ROLE_SALES"));
	}

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	private MockHttpServletResponse request(boolean async, MockHttpServletRequest request) throws Exception {
		request.setAsyncSupported(async);
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, new MockFilterChain());
		return response;
	}

	@Test
	void requestsAreAdmittedWhileTheBucketHasPoints() throws Exception {
		for (int i = 0; i < 10; i++) {
			assertThat(request(true, new MockHttpServletRequest()).getStatus()).isEqualTo(200);
		}
		assertThat(this.answers).isEmpty();
	}

	@Test
	void aRefusalIsHeldUntilAPointIsBackAtMostASecond() throws Exception {
		this.limiter.admit("flooder", List.of("SALES"));
		this.limiter.charge("flooder", List.of("SALES"), 20);
		// 10 below zero: 11 points to wait for at 5 a second, 2.2 s.
		MockHttpServletRequest request = new MockHttpServletRequest();
		MockHttpServletResponse response = request(true, request);
		assertThat(request.isAsyncStarted()).isTrue();
		assertThat(response.isCommitted()).isFalse();
		assertThat(this.holds).containsExactly(1000L);
		this.answers.get(0).run();
		assertThat(response.getStatus()).isEqualTo(429);
		assertThat(response.getHeader("Retry-After")).isEqualTo("3");
		assertThat(response.getContentAsString()).contains("\"code\":\"RATE_LIMITED\"")
			.contains("\"retryAfterSeconds\":3");
	}

	@Test
	void withoutAsynchronousRequestsTheRefusalIsAnsweredAtOnce() throws Exception {
		this.limiter.admit("flooder", List.of("SALES"));
		this.limiter.charge("flooder", List.of("SALES"), 20);
		MockHttpServletResponse response = request(false, new MockHttpServletRequest());
		assertThat(response.getStatus()).isEqualTo(429);
		assertThat(this.answers).isEmpty();
	}

	/**
	 * The refusal reads in the caller's {@code Accept-Language}, English without one or
	 * in a language the catalogue lacks (before: English whatever was asked for); its
	 * status, header, code and wait unchanged.
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "-",
			textBlock = """
					-                | Too many requests (or too costly ones) from you: your limit is 5 points a second, up to 10 at once. Retry after 3 s.
					fr               | Too many requests (or too costly ones) from you: your limit is 5 points a second, up to 10 at once. Retry after 3 s.
					de-DE            | Zu viele (oder zu aufwendige) Anfragen von Ihnen: Ihr Limit ist 5 Punkte pro Sekunde, bis zu 10 auf einmal. Versuchen Sie es in 3 s erneut.
					de;q=0.9, fr;q=0.1 | Zu viele (oder zu aufwendige) Anfragen von Ihnen: Ihr Limit ist 5 Punkte pro Sekunde, bis zu 10 auf einmal. Versuchen Sie es in 3 s erneut.
					""")
	void theRefusalReadsInTheCallersLanguage(String language, String message) throws Exception {
		this.limiter.admit("flooder", List.of("SALES"));
		this.limiter.charge("flooder", List.of("SALES"), 20);
		MockHttpServletRequest request = new MockHttpServletRequest();
		if (language != null) {
			request.addHeader("Accept-Language", language);
		}
		MockHttpServletResponse response = request(false, request);
		assertThat(response.getStatus()).isEqualTo(429);
		assertThat(response.getHeader("Retry-After")).isEqualTo("3");
		assertThat(response.getContentAsString(StandardCharsets.UTF_8)).isEqualTo("{\"errors\":[{\"message\":\""
				+ message + "\",\"extensions\":{\"code\":\"RATE_LIMITED\",\"retryAfterSeconds\":3}}]}");
	}

	@Test
	void requestsWithoutACallerPass() throws Exception {
		SecurityContextHolder.clearContext();
		this.limiter.admit("flooder", List.of("SALES"));
		this.limiter.charge("flooder", List.of("SALES"), 1000);
		assertThat(request(true, new MockHttpServletRequest()).getStatus()).isEqualTo(200);
	}

}
