package io.creditdesk.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import io.creditdesk.notification.WebhookSecretCipher.Unreadable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The webhook signing secrets as the database keeps them: sealed by a
 * {@link WebhookSecretCipher} under the key from configuration
 * ({@link WebhookEncryptionProperties}). The key is read once at start: a malformed key,
 * or none where one is required (the {@code prod} profile), stops the start with a
 * sentence saying how to make one. Without a key elsewhere (demo, embedded), one is
 * generated into the data directory and kept there, readable by its owner only.
 * <p>
 * A value that does not open is never replaced by anything: the delivery that needed it
 * fails, logged and counted ({@code creditdesk.webhooks.secret.unreadable}). A previous
 * secret (kept for a while after the secret was rotated) that does not open is logged and
 * counted the same way, and the current secret signs alone.
 */
@Component
class WebhookSecrets {

	static final String UNREADABLE_METRIC = "creditdesk.webhooks.secret.unreadable";

	private static final Logger log = LoggerFactory.getLogger(WebhookSecrets.class);

	private final WebhookSecretCipher cipher;

	private final MeterRegistry meters;

	WebhookSecrets(WebhookEncryptionProperties properties, MeterRegistry meters) {
		this.cipher = cipher(properties);
		this.meters = meters;
	}

	/** {@code secret} of the subscription {@code id}, sealed under the current key. */
	String seal(String id, String secret) {
		return this.cipher.seal(id, secret);
	}

	/**
	 * {@code stored} of the subscription {@code id} as it may be kept: as it is when
	 * sealed, sealed under the current key when a plaintext secret from before encryption
	 * (so a rotation never moves a plaintext secret to the previous one).
	 */
	String sealedAsKept(String id, String stored) {
		return (stored == null || WebhookSecretCipher.isSealed(stored)) ? stored : this.cipher.seal(id, stored);
	}

	/**
	 * The signing secret of {@code subscription}, or empty when its stored value does not
	 * open (logged and counted; the caller sends nothing unsigned).
	 */
	Optional<String> signingSecret(WebhookSubscription subscription) {
		return open(subscription.id(), subscription.secret(), "signing secret", "Nothing is sent unsigned.");
	}

	/**
	 * The previous signing secret of {@code subscription} (the one before its last
	 * rotation), or empty when it has none or it does not open (logged and counted: the
	 * current secret then signs alone).
	 */
	Optional<String> previousSigningSecret(WebhookSubscription subscription) {
		if (subscription.previousSecret() == null) {
			return Optional.empty();
		}
		return open(subscription.id(), subscription.previousSecret(), "previous signing secret",
				"Its deliveries are signed with the current secret alone.");
	}

	/**
	 * The stored value of {@code subscription}'s secret sealed again under the current
	 * key, or empty when it is sealed under it already or does not open.
	 */
	Optional<String> resealed(WebhookSubscription subscription) {
		if (this.cipher.isCurrent(subscription.secret())) {
			return Optional.empty();
		}
		return signingSecret(subscription).map(secret -> this.cipher.seal(subscription.id(), secret));
	}

	/**
	 * The stored value of {@code subscription}'s previous secret sealed again under the
	 * current key, or empty when it has none, it is sealed under it already or does not
	 * open.
	 */
	Optional<String> previousResealed(WebhookSubscription subscription) {
		if (subscription.previousSecret() == null || this.cipher.isCurrent(subscription.previousSecret())) {
			return Optional.empty();
		}
		return previousSigningSecret(subscription).map(secret -> this.cipher.seal(subscription.id(), secret));
	}

	private Optional<String> open(String id, String stored, String which, String consequence) {
		try {
			return Optional.of(this.cipher.open(id, stored));
		}
		catch (Unreadable ex) {
			log.warn(
					"The {} of webhook subscription {} does not open ({}): is the key it was sealed under missing "
							+ "from creditdesk.webhooks.encryption-key / previous-encryption-keys? {}",
					which, id, ex.reason(), consequence);
			Counter.builder(UNREADABLE_METRIC)
				.description("Webhook signing secrets that did not decrypt when a delivery needed them")
				.tag("cause", ex.reason().name())
				.register(this.meters)
				.increment();
			return Optional.empty();
		}
	}

	/** The cipher under the configured keys; fails when they are missing or malformed. */
	static WebhookSecretCipher cipher(WebhookEncryptionProperties properties) {
		List<byte[]> previous = new ArrayList<>();
		for (String key : properties.previousEncryptionKeys()) {
			previous.add(decode("creditdesk.webhooks.previous-encryption-keys", key));
		}
		if (StringUtils.hasText(properties.encryptionKey())) {
			return new WebhookSecretCipher(
					decode("creditdesk.webhooks.encryption-key (CREDITDESK_WEBHOOKS_ENCRYPTION_KEY)",
							properties.encryptionKey()),
					previous);
		}
		if (properties.requireEncryptionKey()) {
			throw new WebhookEncryptionKeyException(
					"creditdesk.webhooks.encryption-key (CREDITDESK_WEBHOOKS_ENCRYPTION_KEY) is not set: in production "
							+ "the webhook signing secrets are encrypted in the database under a key from configuration.");
		}
		return new WebhookSecretCipher(keyFile(properties.keyFile()), previous);
	}

	private static byte[] decode(String name, String key) {
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(key.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new WebhookEncryptionKeyException(name + " is not Base64.");
		}
		if (bytes.length != 32) {
			throw new WebhookEncryptionKeyException(name + " must be 32 bytes in Base64, not " + bytes.length + ".");
		}
		return bytes;
	}

	/** The key kept in {@code file}, generated there on the first start. */
	private static byte[] keyFile(Path file) {
		try {
			if (!Files.exists(file)) {
				byte[] key = new byte[32];
				new SecureRandom().nextBytes(key);
				try {
					write(file, Base64.getEncoder().encodeToString(key) + "\n");
					// INFO, not WARN: a demo start warns once, of the demo users; the
					// prod profile refuses to start without a configured key.
					log.info("No creditdesk.webhooks.encryption-key is set: webhook signing secrets are encrypted "
							+ "under a key generated into {}. Production must set CREDITDESK_WEBHOOKS_ENCRYPTION_KEY "
							+ "(`openssl rand -base64 32`), the same on every instance.", file.toAbsolutePath());
					return key;
				}
				catch (FileAlreadyExistsException ex) {
					// Another instance on the same data directory wrote it first: use
					// theirs.
				}
			}
			else {
				log.info(
						"No creditdesk.webhooks.encryption-key is set: webhook signing secrets are encrypted under "
								+ "the key kept in {}. Production must set CREDITDESK_WEBHOOKS_ENCRYPTION_KEY.",
						file.toAbsolutePath());
			}
			return decode("The webhook encryption key file " + file.toAbsolutePath(),
					Files.readString(file, StandardCharsets.US_ASCII));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not keep the webhook encryption key in " + file.toAbsolutePath(), ex);
		}
	}

	private static void write(Path file, String content) throws IOException {
		Path directory = file.toAbsolutePath().getParent();
		Files.createDirectories(directory);
		boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
		FileAttribute<?>[] ownerOnly = posix
				? new FileAttribute<?>[] {
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")) }
				: new FileAttribute<?>[0];
		// Written whole beside it, created with its permissions (never readable by others
		// for a moment), then moved into place: a crash never leaves half a key to be
		// read.
		Path written = Files.createTempFile(directory, ".webhook-encryption", ".tmp", ownerOnly);
		try {
			Files.write(written, content.getBytes(StandardCharsets.US_ASCII), StandardOpenOption.WRITE,
					StandardOpenOption.SYNC);
			if (!posix) {
				written.toFile().setReadable(false, false);
				written.toFile().setReadable(true, true);
				written.toFile().setWritable(false, false);
				written.toFile().setWritable(true, true);
			}
			// Without REPLACE_EXISTING: a key another instance put there first is kept.
			Files.move(written, file);
		}
		finally {
			Files.deleteIfExists(written);
		}
	}

}
