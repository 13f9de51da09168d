package io.creditdesk.notification;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import io.creditdesk.notification.WebhookSecretCipher.Cause;
import io.creditdesk.notification.WebhookSecretCipher.Unreadable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Sealing a signing secret: it opens under the key and for the subscription it was sealed
 * for, and for nothing else; a previous key still opens; a plaintext secret from before
 * encryption reads as it is.
 */
class WebhookSecretCipherTests {

	private static final String SECRET = WebhookSignature.newSecret();

	private final byte[] key = key();

	private final WebhookSecretCipher cipher = new WebhookSecretCipher(this.key, List.of());

	@Test
	void aSealedSecretOpensForItsSubscriptionAndDoesNotShowTheSecret() throws Unreadable {
		String sealed = this.cipher.seal("sub-1", SECRET);
		assertThat(sealed).startsWith("v1:" + WebhookSecretCipher.keyId(this.key) + ":")
			.doesNotContain(SECRET)
			.doesNotContain(SECRET.substring("whsec_".length()));
		assertThat(this.cipher.open("sub-1", sealed)).isEqualTo(SECRET);
		assertThat(this.cipher.isCurrent(sealed)).isTrue();
		// A fresh nonce every time: the same secret never seals to the same value.
		assertThat(this.cipher.seal("sub-1", SECRET)).isNotEqualTo(sealed);
	}

	@Test
	void aStoredValueNamesTheKeyItIsSealedUnderAndAPlaintextOneNone() {
		assertThat(WebhookSecretCipher.sealedUnder(this.cipher.seal("sub-1", SECRET)))
			.isEqualTo(WebhookSecretCipher.keyId(this.key));
		assertThat(WebhookSecretCipher.sealedUnder(SECRET)).isNull();
		assertThat(WebhookSecretCipher.sealedUnder("v1:")).isNull();
		assertThat(WebhookSecretCipher.sealedUnder(null)).isNull();
	}

	@Test
	void aTamperedValueIsRefused() {
		String sealed = this.cipher.seal("sub-1", SECRET);
		byte[] body = Base64.getDecoder().decode(sealed.substring(sealed.lastIndexOf(':') + 1));
		body[body.length / 2] ^= 1;
		String tampered = sealed.substring(0, sealed.lastIndexOf(':') + 1) + Base64.getEncoder().encodeToString(body);
		assertThatExceptionOfType(Unreadable.class).isThrownBy(() -> this.cipher.open("sub-1", tampered))
			.satisfies(ex -> assertThat(ex.reason()).isEqualTo(Cause.NOT_AUTHENTIC));
		assertThatExceptionOfType(Unreadable.class)
			.isThrownBy(() -> this.cipher.open("sub-1", sealed.substring(0, sealed.length() - 8)));
		assertThatExceptionOfType(Unreadable.class).isThrownBy(() -> this.cipher.open("sub-1", "v1:garbage"))
			.satisfies(ex -> assertThat(ex.reason()).isEqualTo(Cause.MALFORMED));
	}

	@Test
	void anotherSubscriptionsValueIsRefused() {
		String sealed = this.cipher.seal("sub-1", SECRET);
		assertThatExceptionOfType(Unreadable.class).isThrownBy(() -> this.cipher.open("sub-2", sealed))
			.satisfies(ex -> assertThat(ex.reason()).isEqualTo(Cause.NOT_AUTHENTIC));
	}

	@Test
	void aValueUnderAnotherKeyIsRefused() {
		String sealed = new WebhookSecretCipher(key(), List.of()).seal("sub-1", SECRET);
		assertThatExceptionOfType(Unreadable.class).isThrownBy(() -> this.cipher.open("sub-1", sealed))
			.satisfies(ex -> assertThat(ex.reason()).isEqualTo(Cause.UNKNOWN_KEY));
		// Another key that claims this key's id: the tag still refuses it.
		String forged = "v1:" + WebhookSecretCipher.keyId(this.key) + sealed.substring(sealed.lastIndexOf(':'));
		assertThatExceptionOfType(Unreadable.class).isThrownBy(() -> this.cipher.open("sub-1", forged))
			.satisfies(ex -> assertThat(ex.reason()).isEqualTo(Cause.NOT_AUTHENTIC));
	}

	@Test
	void aPreviousKeyStillOpensAndNewValuesUseTheCurrentKey() throws Unreadable {
		String underOld = this.cipher.seal("sub-1", SECRET);
		byte[] next = key();
		WebhookSecretCipher rotated = new WebhookSecretCipher(next, List.of(this.key));
		assertThat(rotated.open("sub-1", underOld)).isEqualTo(SECRET);
		assertThat(rotated.isCurrent(underOld)).isFalse();
		String rewritten = rotated.seal("sub-1", rotated.open("sub-1", underOld));
		assertThat(rewritten).startsWith("v1:" + WebhookSecretCipher.keyId(next) + ":");
		assertThat(rotated.isCurrent(rewritten)).isTrue();
		// Once the old key is dropped, the rewritten value still opens; the old one does
		// not.
		WebhookSecretCipher afterRotation = new WebhookSecretCipher(next, List.of());
		assertThat(afterRotation.open("sub-1", rewritten)).isEqualTo(SECRET);
		assertThatExceptionOfType(Unreadable.class).isThrownBy(() -> afterRotation.open("sub-1", underOld));
	}

	@Test
	void aPlaintextSecretFromBeforeEncryptionReadsAsItIsAndWantsSealing() throws Unreadable {
		assertThat(this.cipher.open("sub-1", SECRET)).isEqualTo(SECRET);
		assertThat(this.cipher.isCurrent(SECRET)).isFalse();
		assertThatExceptionOfType(Unreadable.class).isThrownBy(() -> this.cipher.open("sub-1", "not a secret"))
			.satisfies(ex -> assertThat(ex.reason()).isEqualTo(Cause.MALFORMED));
	}

	private static byte[] key() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return key;
	}

}
