package io.creditdesk.notification;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The key the webhook signing secrets are encrypted under in the database
 * ({@code creditdesk.webhooks.*}, beside {@link WebhookProperties}). The key comes from
 * configuration, never from the database; every instance of a deployment is given the
 * same one.
 *
 * @param encryptionKey the current key, Base64 of 32 random bytes
 * ({@code CREDITDESK_WEBHOOKS_ENCRYPTION_KEY}; {@code openssl rand -base64 32}): seals
 * every new secret
 * @param previousEncryptionKeys keys of earlier rotations: secrets sealed under them
 * still open, and are sealed again under the current key at the next start
 * @param requireEncryptionKey refuse to start without {@code encryptionKey} (the
 * {@code prod} profile sets it); without it and without a key, one is generated into
 * {@code keyFile}
 * @param keyFile where a generated key is kept (demo and embedded mode): in the data
 * directory, readable by its owner only
 */
@ConfigurationProperties("creditdesk.webhooks")
public record WebhookEncryptionProperties(String encryptionKey, List<String> previousEncryptionKeys,
		@DefaultValue("false") boolean requireEncryptionKey,
		@DefaultValue("./data/webhook-encryption.key") Path keyFile) {

	public WebhookEncryptionProperties {
		previousEncryptionKeys = (previousEncryptionKeys != null)
				? previousEncryptionKeys.stream().filter(key -> key != null && !key.isBlank()).toList() : List.of();
	}

	/** Never the keys themselves: a record's own would print them into logs. */
	@Override
	public String toString() {
		return "WebhookEncryptionProperties[encryptionKey=" + ((encryptionKey != null) ? "(set)" : "(none)")
				+ ", previousEncryptionKeys=" + this.previousEncryptionKeys.size() + ", requireEncryptionKey="
				+ this.requireEncryptionKey + ", keyFile=" + this.keyFile + "]";
	}

}
