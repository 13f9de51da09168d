package io.creditdesk.ratelimit;

import java.util.ArrayList;
import java.util.List;

import io.creditdesk.ratelimit.RateLimitProperties.Limit;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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

	@Test
	void requestsWithoutACallerPass() throws Exception {
		SecurityContextHolder.clearContext();
		this.limiter.admit("flooder", List.of("SALES"));
		this.limiter.charge("flooder", List.of("SALES"), 1000);
		assertThat(request(true, new MockHttpServletRequest()).getStatus()).isEqualTo(200);
	}

}
