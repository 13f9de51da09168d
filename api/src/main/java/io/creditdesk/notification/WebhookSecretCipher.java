package io.creditdesk.notification;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a webhook subscription's signing secret for the database and opens it again for
 * signing: AES-256-GCM under a key that is never in the database, a random 12-byte nonce
 * per value, and the subscription's id as associated data, so a sealed value copied to
 * another subscription does not open. A sealed value reads
 * {@code v1:<key id>:<Base64 of nonce, ciphertext and tag>}; the key id (the first 6
 * bytes of the key's SHA-256, in hex) names the key it was sealed under, so values sealed
 * under a previous key still open while the current key seals every new one. A value
 * without the {@code v1:} prefix is a plaintext secret stored before encryption, read as
 * it is until it is sealed again.
 */
final class WebhookSecretCipher {

	static final String FORMAT = "v1";

	private static final String PREFIX = FORMAT + ":";

	private static final String LEGACY_PREFIX = "whsec_";

	private static final int KEY_BYTES = 32;

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final SecureRandom RANDOM = new SecureRandom();

	/** Why a stored value does not open; logged and counted, never shown with the key. */
	enum Cause {

		/** Not a sealed value nor a plaintext {@code whsec_} secret. */
		MALFORMED,

		/** Sealed under a key that is neither the current nor a previous one. */
		UNKNOWN_KEY,

		/**
		 * The tag does not verify: changed, or moved from another subscription, or a
		 * different key with the same id.
		 */
		NOT_AUTHENTIC

	}

	/** A stored value that does not open. */
	static final class Unreadable extends Exception {

		private final Cause reason;

		Unreadable(Cause reason) {
			super(reason.name(), null, false, false);
			this.reason = reason;
		}

		Cause reason() {
			return this.reason;
		}

	}

	private final String currentId;

	private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

	/**
	 * @param current the key every value is sealed under (32 bytes)
	 * @param previous keys values sealed earlier may still be under (32 bytes each)
	 */
	WebhookSecretCipher(byte[] current, List<byte[]> previous) {
		List<byte[]> all = new ArrayList<>();
		all.add(current);
		all.addAll(previous);
		for (byte[] key : all) {
			if (key.length != KEY_BYTES) {
				throw new IllegalArgumentException("a webhook encryption key must be 32 bytes, not " + key.length);
			}
			this.keys.putIfAbsent(keyId(key), new SecretKeySpec(key, "AES"));
		}
		this.currentId = keyId(current);
	}

	/** The id of {@code key} as it appears in sealed values. */
	static String keyId(byte[] key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
			return HexFormat.of().formatHex(digest, 0, 6);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/** The id of the key new values are sealed under. */
	String currentKeyId() {
		return this.currentId;
	}

	/** {@code secret} sealed under the current key for the subscription {@code id}. */
	String seal(String id, String secret) {
		byte[] nonce = new byte[NONCE_BYTES];
		RANDOM.nextBytes(nonce);
		try {
			Cipher cipher = cipher(Cipher.ENCRYPT_MODE, this.keys.get(this.currentId), nonce, id);
			byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
			byte[] out = new byte[NONCE_BYTES + sealed.length];
			System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
			System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
			return PREFIX + this.currentId + ":" + Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-256-GCM is not available", ex);
		}
	}

	/**
	 * The secret in {@code stored} of the subscription {@code id}: opened when sealed, as
	 * it is when a plaintext secret from before encryption.
	 * @throws Unreadable when it does not open (never returns a wrong secret)
	 */
	String open(String id, String stored) throws Unreadable {
		if (stored == null) {
			throw new Unreadable(Cause.MALFORMED);
		}
		if (!isSealed(stored)) {
			if (stored.startsWith(LEGACY_PREFIX)) {
				return stored;
			}
			throw new Unreadable(Cause.MALFORMED);
		}
		String[] parts = stored.split(":", 3);
		if (parts.length != 3) {
			throw new Unreadable(Cause.MALFORMED);
		}
		SecretKeySpec key = this.keys.get(parts[1]);
		if (key == null) {
			throw new Unreadable(Cause.UNKNOWN_KEY);
		}
		byte[] in;
		try {
			in = Base64.getDecoder().decode(parts[2]);
		}
		catch (IllegalArgumentException ex) {
			throw new Unreadable(Cause.MALFORMED);
		}
		if (in.length <= NONCE_BYTES + TAG_BITS / 8) {
			throw new Unreadable(Cause.MALFORMED);
		}
		try {
			byte[] nonce = new byte[NONCE_BYTES];
			System.arraycopy(in, 0, nonce, 0, NONCE_BYTES);
			Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, nonce, id);
			return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			// AEADBadTagException: changed, another subscription's, or another key.
			throw new Unreadable(Cause.NOT_AUTHENTIC);
		}
	}

	/**
	 * Whether {@code stored} is sealed under the current key (else it wants sealing
	 * again).
	 */
	boolean isCurrent(String stored) {
		return stored != null && stored.startsWith(PREFIX + this.currentId + ":");
	}

	static boolean isSealed(String stored) {
		return stored.startsWith(PREFIX);
	}

	/**
	 * The id of the key a stored value is sealed under (never the key), or null for a
	 * plaintext value.
	 */
	static String sealedUnder(String stored) {
		if (stored == null || !isSealed(stored)) {
			return null;
		}
		int end = stored.indexOf(':', PREFIX.length());
		return (end > PREFIX.length()) ? stored.substring(PREFIX.length(), end) : null;
	}

	private static Cipher cipher(int mode, SecretKeySpec key, byte[] nonce, String id) throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
		cipher.updateAAD(("creditdesk.webhook-secret:" + id).getBytes(StandardCharsets.UTF_8));
		return cipher;
	}

}
