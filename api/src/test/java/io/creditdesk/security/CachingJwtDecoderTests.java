package io.creditdesk.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JWT cache answers only for the exact token it verified, and only before its expiry.
 */
class CachingJwtDecoderTests {

	private Instant now = Instant.parse("2026-11-22T10:00:00Z");

	private final Clock clock = new Clock() {
		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return CachingJwtDecoderTests.this.now;
		}
	};

	private final AtomicInteger calls = new AtomicInteger();

	/**
	 * "subject.expirySeconds" is valid (expiring that many seconds after issue); "bad..."
	 * is rejected.
	 */
	private final JwtDecoder delegate = token -> {
		this.calls.incrementAndGet();
		if (token.startsWith("bad")) {
			throw new BadJwtException("rejected");
		}
		String[] parts = token.split("\\.");
		Jwt.Builder jwt = Jwt.withTokenValue(token).header("alg", "RS256").subject(parts[0]).issuedAt(this.now);
		if (!parts[1].equals("none")) {
			jwt.expiresAt(this.now.plusSeconds(Long.parseLong(parts[1])));
		}
		return jwt.build();
	};

	private final CachingJwtDecoder decoder = new CachingJwtDecoder(this.delegate, this.clock);

	@Test
	void theSameTokenIsVerifiedOnceUntilItExpires() {
		Jwt first = this.decoder.decode("sales.60");
		assertThat(this.decoder.decode("sales.60")).isSameAs(first);
		assertThat(this.calls).hasValue(1);
		this.now = this.now.plusSeconds(59);
		assertThat(this.decoder.decode("sales.60")).isSameAs(first);
		assertThat(this.calls).hasValue(1);
		// At its expiry the delegate decides again (it may still allow its clock skew).
		this.now = this.now.plusSeconds(1);
		this.decoder.decode("sales.60");
		assertThat(this.calls).hasValue(2);
	}

	@Test
	void longLivedTokensAreVerifiedAgainAfterTheMaximumAge() {
		this.decoder.decode("sales.86400");
		this.now = this.now.plus(CachingJwtDecoder.MAX_AGE).minusSeconds(1);
		this.decoder.decode("sales.86400");
		assertThat(this.calls).hasValue(1);
		this.now = this.now.plus(Duration.ofSeconds(1));
		this.decoder.decode("sales.86400");
		assertThat(this.calls).hasValue(2);
	}

	@Test
	void otherTokensRejectionsAndTokensWithoutExpiryAlwaysReachTheDelegate() {
		this.decoder.decode("sales.60");
		this.decoder.decode("manager.60");
		assertThat(this.calls).hasValue(2);
		assertThatThrownBy(() -> this.decoder.decode("bad.60")).isInstanceOf(BadJwtException.class);
		assertThatThrownBy(() -> this.decoder.decode("bad.60")).isInstanceOf(BadJwtException.class);
		assertThat(this.calls).hasValue(4);
		this.decoder.decode("sales.none");
		this.decoder.decode("sales.none");
		assertThat(this.calls).hasValue(6);
		assertThat(this.decoder.size()).isEqualTo(2);
	}

	@Test
	void theWrapperWrapsJwtDecodersOnce() {
		CachingJwtDecoder.Wrapper wrapper = new CachingJwtDecoder.Wrapper();
		Object wrapped = wrapper.postProcessAfterInitialization(this.delegate, "jwtDecoder");
		assertThat(wrapped).isInstanceOf(CachingJwtDecoder.class);
		assertThat(wrapper.postProcessAfterInitialization(wrapped, "jwtDecoder")).isSameAs(wrapped);
		assertThat(wrapper.postProcessAfterInitialization("other", "other")).isEqualTo("other");
	}

}
