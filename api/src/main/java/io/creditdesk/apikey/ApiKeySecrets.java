package io.creditdesk.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secrets of API keys: {@code cdk_} followed by 43 characters (256 random bits,
 * base64url), so that a key is recognisable in a log or a repository (as GitHub's
 * {@code ghp_} tokens are) and cannot be guessed. Stored as its SHA-256 only: a key has
 * as much entropy as the hash, so no slow hash is needed, and the per-request check stays
 * a single digest.
 */
final class ApiKeySecrets {

	static final String PREFIX = "cdk_";

	/**
	 * Characters of a secret shown as its {@code prefix}: {@code cdk_} and 8 more (48
	 * bits, not enough to use).
	 */
	static final int SHOWN = PREFIX.length() + 8;

	private static final int LENGTH = PREFIX.length() + 43;

	private static final SecureRandom RANDOM = new SecureRandom();

	private ApiKeySecrets() {
	}

	static String generate() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Whether {@code token} has the shape of an API key (not whether it is one). */
	static boolean looksLikeKey(String token) {
		if (token == null || token.length() != LENGTH || !token.startsWith(PREFIX)) {
			return false;
		}
		for (int i = PREFIX.length(); i < LENGTH; i++) {
			char c = token.charAt(i);
			if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
				return false;
			}
		}
		return true;
	}

	static String hash(String secret) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	static String shown(String secret) {
		return secret.substring(0, SHOWN);
	}

}
