package io.creditdesk.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import io.creditdesk.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP Basic sign-in as the service wires it (the throttle filter ahead of Spring
 * Security's Basic filter, the caching provider, the authentication events feeding the
 * throttle), on mock requests and a clock the test moves.
 */
class PasswordSignInTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));

	/** Counts the password hash checks (bcrypt). */
	private final AtomicInteger hashChecks = new AtomicInteger();

	private final PasswordEncoder bcrypt = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	private final PasswordEncoder counting = new PasswordEncoder() {

		@Override
		public String encode(CharSequence raw) {
			return PasswordSignInTests.this.bcrypt.encode(raw);
		}

		@Override
		public boolean matches(CharSequence raw, String encoded) {
			PasswordSignInTests.this.hashChecks.incrementAndGet();
			return PasswordSignInTests.this.bcrypt.matches(raw, encoded);
		}

	};

	private final InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(user("sales", "demo", true));

	private final LoginProperties properties = new LoginProperties(Duration.ofMinutes(5), 5, 20, 20, 100,
			Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(15), Duration.ofDays(30));

	private final LoginThrottle throttle = new LoginThrottle(this.properties, this.clock, new SimpleMeterRegistry());

	private VerifiedCredentials verified = new VerifiedCredentials(Duration.ofMinutes(5));

	private UserDetails user(String name, String password, boolean enabled) {
		// bcrypt at its lowest cost, 4, so that the test runs quickly; it is checked the
		// same way.
		return User.withUsername(name)
			.password("{bcrypt}" + new BCryptPasswordEncoder(4).encode(password))
			.roles("SALES")
			.disabled(!enabled)
			.build();
	}

	/**
	 * One request through the throttle and Basic filters; the status it gets (200 when it
	 * reached the API).
	 */
	private MockHttpServletResponse request(String user, String password, String address) throws Exception {
		CachingPasswordAuthenticationProvider provider = new CachingPasswordAuthenticationProvider(this.users,
				this.verified);
		provider.setPasswordEncoder(this.counting);
		ProviderManager manager = new ProviderManager(provider);
		LoginAttempts attempts = new LoginAttempts(this.throttle);
		manager.setAuthenticationEventPublisher(new DefaultAuthenticationEventPublisher(event -> {
			if (event instanceof AuthenticationFailureBadCredentialsEvent failure) {
				attempts.failed(failure);
			}
			else if (event instanceof AuthenticationSuccessEvent success) {
				attempts.succeeded(success);
			}
		}));
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/graphql");
		request.setRemoteAddr(address);
		request.addHeader("Authorization", "Basic "
				+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
		MockHttpServletResponse response = new MockHttpServletResponse();
		HttpServlet api = new HttpServlet() {
			@Override
			protected void service(HttpServletRequest req, HttpServletResponse res) {
				res.setStatus(SecurityContextHolder.getContext().getAuthentication() != null ? 200 : 401);
			}
		};
		try {
			new MockFilterChain(api, new LoginThrottleFilter(this.throttle), new BasicAuthenticationFilter(manager))
				.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
		return response;
	}

	@Test
	void aGoodCallerPaysThePasswordHashOnce() throws Exception {
		for (int i = 0; i < 10; i++) {
			assertThat(request("sales", "demo", "10.0.0.1").getStatus()).isEqualTo(200);
		}
		assertThat(this.hashChecks).hasValue(1);
	}

	@Test
	void aChangedPasswordOrADisabledUserTakeEffectAtOnce() throws Exception {
		assertThat(request("sales", "demo", "10.0.0.1").getStatus()).isEqualTo(200);
		this.users.updateUser(user("sales", "new-secret", true));
		assertThat(request("sales", "demo", "10.0.0.1").getStatus()).isEqualTo(401);
		assertThat(request("sales", "new-secret", "10.0.0.1").getStatus()).isEqualTo(200);
		this.users.updateUser(user("sales", "new-secret", false));
		assertThat(request("sales", "new-secret", "10.0.0.1").getStatus()).isEqualTo(401);
	}

	@Test
	void guessesAreSlowedThenLockedWithoutCheckingThePassword() throws Exception {
		for (int i = 0; i < 5; i++) {
			assertThat(request("sales", "guess" + i, "203.0.113.66").getStatus()).isEqualTo(401);
		}
		int checked = this.hashChecks.get();
		MockHttpServletResponse throttled = request("sales", "guess5", "203.0.113.66");
		assertThat(throttled.getStatus()).isEqualTo(429);
		assertThat(throttled.getHeader("Retry-After")).isEqualTo("1");
		assertThat(throttled.getContentAsString()).contains("\"code\":\"LOGIN_THROTTLED\"");
		assertThat(this.hashChecks).hasValue(checked);
		for (int i = 5; i < 20; i++) {
			this.clock.advance(Duration.ofSeconds(60));
			assertThat(request("sales", "guess" + i, "203.0.113.66").getStatus()).isEqualTo(401);
		}
		MockHttpServletResponse locked = request("sales", "demo", "198.51.100.1");
		assertThat(locked.getStatus()).isEqualTo(429);
		assertThat(locked.getHeader("Retry-After")).isEqualTo("900");
		assertThat(locked.getContentAsString()).contains("\"code\":\"LOGIN_LOCKED\"");
		this.clock.advance(Duration.ofMinutes(15));
		assertThat(request("sales", "demo", "198.51.100.1").getStatus()).isEqualTo(200);
	}

	/**
	 * Once a user name must wait, the right password waits too, remembered or not: a 200
	 * among the 429s would tell an attacker which guess was right. After the wait it
	 * signs in. Before, a credential in the verified-credential cache passed the throttle
	 * untouched.
	 */
	@Test
	void aThrottledUserNameHoldsBackTheRightPasswordToo() throws Exception {
		// sales signs in: the credential is remembered.
		assertThat(request("sales", "demo", "10.0.0.1").getStatus()).isEqualTo(200);
		for (int i = 0; i < 5; i++) {
			assertThat(request("sales", "guess" + i, "203.0.113.66").getStatus()).isEqualTo(401);
		}
		int checked = this.hashChecks.get();
		MockHttpServletResponse remembered = request("sales", "demo", "203.0.113.66");
		assertThat(remembered.getStatus()).isEqualTo(429);
		assertThat(remembered.getHeader("Retry-After")).isEqualTo("1");
		assertThat(remembered.getContentAsString()).contains("\"code\":\"LOGIN_THROTTLED\"");
		// Not remembered: held back just the same, the password not checked.
		this.verified = new VerifiedCredentials(Duration.ZERO);
		MockHttpServletResponse notRemembered = request("sales", "demo", "203.0.113.67");
		assertThat(notRemembered.getStatus()).isEqualTo(429);
		assertThat(notRemembered.getHeader("Retry-After")).isEqualTo("1");
		assertThat(this.hashChecks).hasValue(checked);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(request("sales", "demo", "203.0.113.66").getStatus()).isEqualTo(200);
	}

	/**
	 * A locked user name holds back the right password too, remembered or not, except at
	 * the addresses the user signed in from; the lockout ends at its time. Before, the
	 * remembered password passed, from any address.
	 */
	@Test
	void aLockedUserNameHoldsBackTheRightPasswordExceptWhereTheUserSignsIn() throws Exception {
		assertThat(request("sales", "demo", "10.0.0.1").getStatus()).isEqualTo(200);
		for (int i = 0; i < 20; i++) {
			this.clock.advance(Duration.ofSeconds(60));
			request("sales", "guess" + i, "203.0.113.66");
		}
		assertThat(request("sales", "guess", "203.0.113.67").getStatus()).isEqualTo(429);
		MockHttpServletResponse remembered = request("sales", "demo", "10.0.0.2");
		assertThat(remembered.getStatus()).isEqualTo(429);
		assertThat(remembered.getHeader("Retry-After")).isEqualTo("900");
		assertThat(remembered.getContentAsString()).contains("\"code\":\"LOGIN_LOCKED\"");
		this.verified = new VerifiedCredentials(Duration.ZERO);
		assertThat(request("sales", "demo", "203.0.113.66").getStatus()).isEqualTo(429);
		this.clock.advance(Duration.ofMinutes(15));
		assertThat(request("sales", "demo", "10.0.0.2").getStatus()).isEqualTo(200);
	}

	/**
	 * The user keeps working where it signed in before while its name is locked
	 * elsewhere, with its remembered password: the attacker cannot lock it out.
	 */
	@Test
	void anAttackDoesNotLockOutACallerWhosePasswordWasJustVerified() throws Exception {
		assertThat(request("sales", "demo", "10.0.0.1").getStatus()).isEqualTo(200);
		for (int i = 0; i < 20; i++) {
			this.clock.advance(Duration.ofSeconds(60));
			request("sales", "guess" + i, "203.0.113.66");
		}
		assertThat(request("sales", "demo", "203.0.113.67").getStatus()).isEqualTo(429);
		int checked = this.hashChecks.get();
		assertThat(request("sales", "demo", "10.0.0.1").getStatus()).isEqualTo(200);
		assertThat(this.hashChecks).as("still remembered: no second hash check").hasValue(checked);
	}

	/**
	 * A client address that must wait holds back the right password too, remembered or
	 * not. Before, a remembered credential passed.
	 */
	@Test
	void aThrottledAddressHoldsBackTheRightPasswordToo() throws Exception {
		assertThat(request("sales", "demo", "198.51.100.7").getStatus()).isEqualTo(200);
		for (int i = 0; i < 20; i++) {
			assertThat(request("nobody" + i, "guess", "198.51.100.7").getStatus()).isEqualTo(401);
		}
		MockHttpServletResponse remembered = request("sales", "demo", "198.51.100.7");
		assertThat(remembered.getStatus()).isEqualTo(429);
		assertThat(remembered.getHeader("Retry-After")).isEqualTo("1");
		assertThat(remembered.getContentAsString()).contains("\"code\":\"LOGIN_THROTTLED\"");
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(request("sales", "demo", "198.51.100.7").getStatus()).isEqualTo(200);
	}

	/**
	 * The sign-in form is held back the same way: a remembered right password posted
	 * while its user name must wait gets the 429, not the sign-in.
	 */
	@Test
	void theSignInFormHoldsBackTheRightPasswordToo() throws Exception {
		assertThat(request("sales", "demo", "10.0.0.1").getStatus()).isEqualTo(200);
		for (int i = 0; i < 5; i++) {
			assertThat(request("sales", "guess" + i, "203.0.113.66").getStatus()).isEqualTo(401);
		}
		FormLoginThrottleFilter form = new FormLoginThrottleFilter(this.throttle, req -> "POST".equals(req.getMethod()),
				"/graphiql/login");
		MockHttpServletRequest post = new MockHttpServletRequest("POST", "/graphiql/login");
		post.setRemoteAddr("203.0.113.66");
		post.addHeader("Accept", "application/json");
		post.setParameter("username", "sales");
		post.setParameter("password", "demo");
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();
		form.doFilter(post, response, chain);
		assertThat(response.getStatus()).isEqualTo(429);
		assertThat(response.getContentAsString()).contains("\"code\":\"LOGIN_THROTTLED\"");
		assertThat(chain.getRequest()).as("the sign-in was not reached").isNull();
	}

	@Test
	void anAttackDoesNotLockOutTheAddressesTheUserSignsInFrom() throws Exception {
		// No credential is remembered here: each request is checked.
		this.verified = new VerifiedCredentials(Duration.ZERO);
		assertThat(request("sales", "demo", "10.0.0.1").getStatus()).isEqualTo(200);
		for (int i = 0; i < 20; i++) {
			this.clock.advance(Duration.ofSeconds(60));
			request("sales", "guess" + i, "203.0.113.66");
		}
		assertThat(request("sales", "demo", "203.0.113.67").getStatus()).isEqualTo(429);
		assertThat(request("sales", "demo", "10.0.0.1").getStatus()).isEqualTo(200);
	}

}
