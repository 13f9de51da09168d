package io.creditdesk.security;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedCredentialsTests {

	private final VerifiedCredentials credentials = new VerifiedCredentials(Duration.ofMinutes(5));

	@Test
	void aVerifiedPairMatchesTheHashItWasVerifiedAgainst() {
		this.credentials.remember("sales", "demo", "{bcrypt}hash-1");
		assertThat(this.credentials.matches("sales", "demo", "{bcrypt}hash-1")).isTrue();
		assertThat(this.credentials.knows("sales", "demo")).isTrue();
		assertThat(this.credentials.matches("sales", "wrong", "{bcrypt}hash-1")).isFalse();
		assertThat(this.credentials.matches("admin", "demo", "{bcrypt}hash-1")).isFalse();
		// The user name and password are hashed apart: "sa" + "lesdemo" is another
		// credential.
		assertThat(this.credentials.knows("sa", "lesdemo")).isFalse();
	}

	@Test
	void aChangedPasswordEvictsTheEntry() {
		this.credentials.remember("sales", "demo", "{bcrypt}hash-1");
		assertThat(this.credentials.matches("sales", "demo", "{bcrypt}hash-2")).isFalse();
		assertThat(this.credentials.knows("sales", "demo")).isFalse();
		assertThat(this.credentials.size()).isZero();
	}

	@Test
	void twoInstancesShareNoKey() {
		VerifiedCredentials other = new VerifiedCredentials(Duration.ofMinutes(5));
		this.credentials.remember("sales", "demo", "h");
		assertThat(other.knows("sales", "demo")).isFalse();
	}

}
