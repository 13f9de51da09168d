package io.creditdesk.notification;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;

/**
 * Signs webhook payloads the Standard Webhooks way, with the library receivers use to
 * verify them: a delivery carries {@code webhook-id} (unique per message, the same on
 * every retry so a receiver can drop duplicates), {@code webhook-timestamp} (seconds, so
 * a receiver can refuse replays) and {@code webhook-signature} ({@code v1,} and the
 * Base64 HMAC-SHA256 of {@code id.timestamp.payload} under the subscription's secret).
 * While a rotated secret's previous one is still valid, the header carries one signature
 * per secret, space-separated, the current first ({@code v1,<new> v1,<previous>}): a
 * receiver verifying with either secret accepts it.
 */
public final class WebhookSignature {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final List<Webhook> webhooks = new ArrayList<>();

	/**
	 * @param secret the subscription's secret, {@code whsec_} and Base64 bytes
	 */
	public WebhookSignature(String secret) {
		this(List.of(secret));
	}

	/**
	 * @param secrets the secrets to sign with, in the order of the signatures: the
	 * current one first, then a previous one still valid
	 */
	public WebhookSignature(List<String> secrets) {
		if (secrets.isEmpty()) {
			throw new IllegalArgumentException("no webhook secret to sign with");
		}
		for (String secret : secrets) {
			try {
				this.webhooks.add(new Webhook(secret));
			}
			catch (Exception ex) {
				throw new IllegalArgumentException("not a webhook secret", ex);
			}
		}
	}

	/**
	 * A new secret: {@code whsec_} and 32 random bytes in Base64, shown once at creation.
	 */
	public static String newSecret() {
		byte[] key = new byte[32];
		RANDOM.nextBytes(key);
		return "whsec_" + Base64.getEncoder().encodeToString(key);
	}

	/** The headers of one delivery of {@code payload}. */
	public Map<String, String> headers(String messageId, Instant at, String payload) {
		long timestamp = at.getEpochSecond();
		try {
			Map<String, String> headers = new LinkedHashMap<>();
			headers.put("webhook-id", messageId);
			headers.put("webhook-timestamp", Long.toString(timestamp));
			List<String> signatures = new ArrayList<>();
			for (Webhook webhook : this.webhooks) {
				signatures.add(webhook.sign(messageId, timestamp, payload));
			}
			headers.put("webhook-signature", String.join(" ", signatures));
			return headers;
		}
		catch (WebhookSigningException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

}
