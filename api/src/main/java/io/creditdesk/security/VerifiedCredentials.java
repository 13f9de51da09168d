package io.creditdesk.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Remembers, for a short while, which user name and password pairs passed the password
 * hash check, so that a client sending the same credential with every request (HTTP
 * Basic) pays the deliberately slow hash (bcrypt) once and not per request.
 * <ul>
 * <li>Entries are keyed by an HMAC-SHA256 of the user name and password under a key drawn
 * at random when the service starts and never stored: neither the password nor an unkeyed
 * hash of it is kept, and a memory dump cannot be used to test guesses offline.</li>
 * <li>Each entry holds the stored password hash it was verified against; it counts only
 * while the user's stored hash is still the same, so a changed password evicts it at the
 * next request. Everything else about the user (disabled, locked, roles) is read for
 * every request as before.</li>
 * <li>Entries live for {@link LoginProperties#credentialCacheTtl()}; at most 10,000 are
 * kept.</li>
 * </ul>
 */
public final class VerifiedCredentials {

	private final SecretKeySpec key;

	private final ThreadLocal<Mac> macs;

	private final Cache<String, String> verified;

	public VerifiedCredentials(Duration ttl) {
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		this.key = new SecretKeySpec(secret, "HmacSHA256");
		this.macs = ThreadLocal.withInitial(this::newMac);
		this.verified = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(10_000).build();
	}

	private Mac newMac() {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	/**
	 * Whether this user name and password were verified against {@code storedHash} a
	 * moment ago.
	 */
	public boolean matches(String user, String password, String storedHash) {
		String key = key(user, password);
		String verifiedAgainst = this.verified.getIfPresent(key);
		if (verifiedAgainst == null) {
			return false;
		}
		if (!verifiedAgainst.equals(storedHash)) {
			// The stored password changed since: this entry no longer proves anything.
			this.verified.invalidate(key);
			return false;
		}
		return true;
	}

	/**
	 * Whether this user name and password were verified a moment ago (against whatever
	 * hash). Never a reason to let a sign-in skip the throttle: that would tell an
	 * attacker which guess is right ({@link SignInThrottleFilter}).
	 */
	boolean knows(String user, String password) {
		return this.verified.getIfPresent(key(user, password)) != null;
	}

	/**
	 * Remembers that this user name and password passed the check against
	 * {@code storedHash}.
	 */
	public void remember(String user, String password, String storedHash) {
		this.verified.put(key(user, password), storedHash);
	}

	long size() {
		this.verified.cleanUp();
		return this.verified.estimatedSize();
	}

	private String key(String user, String password) {
		Mac mac = this.macs.get();
		mac.update(user.getBytes(StandardCharsets.UTF_8));
		// A separator no user name contains, so that "ab" + "c" and "a" + "bc" differ.
		mac.update((byte) 0);
		return Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
	}

}
