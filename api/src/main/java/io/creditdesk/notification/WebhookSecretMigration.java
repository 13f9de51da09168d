package io.creditdesk.notification;

import java.time.Duration;

import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.audit.Changes;
import io.creditdesk.infrastructure.JobLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Seals again, at every start, each stored webhook secret that is not sealed under the
 * current key: plaintext secrets stored before encryption, and secrets sealed under a
 * previous key after a rotation of the key; the previous secret a rotation of a
 * subscription's secret keeps ({@code previousSecret}) as well as the current one. One
 * instance at a time ({@link JobLock}); each value is replaced with one conditional
 * update only if it is still what was read, so the run is idempotent and a second run
 * finds nothing to do. Each replacement writes an audit record
 * ({@code WEBHOOK_SECRET_RESEALED} by {@code system}: the id of the key it was sealed
 * under before, or {@code plaintext}, and of the current one, as {@code secretKeyId} or
 * {@code previousSecretKeyId}; never the secret) in the same update. A value that does
 * not open is left as it is (logged and counted): its deliveries fail until its key is
 * configured again.
 */
@Component
class WebhookSecretMigration {

	private static final Logger log = LoggerFactory.getLogger(WebhookSecretMigration.class);

	private static final Duration LEASE = Duration.ofMinutes(5);

	private final WebhookStore store;

	private final WebhookSecrets secrets;

	private final JobLock lock;

	private final AuditLog audit;

	WebhookSecretMigration(WebhookStore store, WebhookSecrets secrets, JobLock lock, AuditLog audit) {
		this.store = store;
		this.secrets = secrets;
		this.lock = lock;
		this.audit = audit;
	}

	@EventListener(ApplicationReadyEvent.class)
	void atStart() {
		try {
			this.lock.runExclusively("webhook-secret-migration", LEASE, this::run);
		}
		catch (RuntimeException ex) {
			// Not a reason to stop: plaintext and previous-key values still sign; the
			// next start tries again.
			log.warn("Webhook secrets were not sealed again under the current key: {}", ex.toString());
		}
	}

	/**
	 * Seals what is not under the current key; returns how many values (current and
	 * previous secrets) it replaced.
	 */
	int run() {
		int replaced = 0;
		for (WebhookSubscription subscription : this.store.everySecret()) {
			String stored = subscription.secret();
			if (stored != null && this.secrets.resealed(subscription)
				.filter(sealed -> this.store.replaceSecret(subscription.id(), stored, sealed,
						resealed(subscription.id(), "secretKeyId", stored, sealed)))
				.isPresent()) {
				replaced++;
			}
			String previous = subscription.previousSecret();
			if (previous != null && this.secrets.previousResealed(subscription)
				.filter(sealed -> this.store.replacePreviousSecret(subscription.id(), previous, sealed,
						resealed(subscription.id(), "previousSecretKeyId", previous, sealed)))
				.isPresent()) {
				replaced++;
			}
		}
		if (replaced > 0) {
			log.info("Sealed {} webhook secret(s) again under the current encryption key", replaced);
		}
		return replaced;
	}

	private AuditRecord resealed(String id, String field, String stored, String sealed) {
		String before = WebhookSecretCipher.sealedUnder(stored);
		return this.audit.entry("WEBHOOK_SECRET_RESEALED", "WEBHOOK", id, null,
				"sealed again under the current encryption key", new Changes().diff(field,
						(before != null) ? before : "plaintext", WebhookSecretCipher.sealedUnder(sealed)));
	}

}
