package io.creditdesk.notification;

import java.time.Duration;

import io.creditdesk.infrastructure.JobLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Seals again, at every start, each stored webhook secret that is not sealed under the
 * current key: plaintext secrets stored before encryption, and secrets sealed under a
 * previous key after a rotation. One instance at a time ({@link JobLock}); each value is
 * replaced with one conditional update only if it is still what was read, so the run is
 * idempotent and a second run finds nothing to do. A value that does not open is left as
 * it is (logged and counted): its deliveries fail until its key is configured again.
 */
@Component
class WebhookSecretMigration {

	private static final Logger log = LoggerFactory.getLogger(WebhookSecretMigration.class);

	private static final Duration LEASE = Duration.ofMinutes(5);

	private final WebhookStore store;

	private final WebhookSecrets secrets;

	private final JobLock lock;

	WebhookSecretMigration(WebhookStore store, WebhookSecrets secrets, JobLock lock) {
		this.store = store;
		this.secrets = secrets;
		this.lock = lock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void atStart() {
		try {
			this.lock.runExclusively("webhook-secret-migration", LEASE, this::run);
		}
		catch (RuntimeException ex) {
			// Not a reason to stop: plaintext and previous-key values still sign; the
			// next
			// start tries again.
			log.warn("Webhook secrets were not sealed again under the current key: {}", ex.toString());
		}
	}

	/** Seals what is not under the current key; returns how many values it replaced. */
	int run() {
		int replaced = 0;
		for (WebhookSubscription subscription : this.store.everySecret()) {
			String stored = subscription.secret();
			if (stored != null && this.secrets.resealed(subscription)
				.filter(sealed -> this.store.replaceSecret(subscription.id(), stored, sealed))
				.isPresent()) {
				replaced++;
			}
		}
		if (replaced > 0) {
			log.info("Sealed {} webhook secret(s) again under the current encryption key", replaced);
		}
		return replaced;
	}

}
