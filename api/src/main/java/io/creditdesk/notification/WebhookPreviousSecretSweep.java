package io.creditdesk.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.audit.Changes;
import io.creditdesk.infrastructure.JobLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes from the database each previous signing secret that has expired
 * ({@link WebhookSecretRotation#previousExpired}): once it no longer signs, a secret has
 * no reason to be kept, encrypted or not. Every
 * {@code creditdesk.webhooks.previous-secret-sweep-interval} (an hour unless set), on one
 * instance at a time ({@link JobLock}), the subscriptions whose
 * {@code previousSecretExpiresAt} is behind are read (deleted ones too: they keep their
 * secrets) and each is cleared with one conditional update on its id, the sealed value
 * read and the expiry, which unsets {@code previousSecret} and
 * {@code previousSecretExpiresAt} and writes its audit record
 * ({@code WEBHOOK_PREVIOUS_SECRET_REMOVED} by {@code system}: the expiry, never the
 * secret) in the same update. A rotation or a sealing again in between wins; a second run
 * finds nothing to do.
 */
@Component
class WebhookPreviousSecretSweep {

	static final String ACTION = "WEBHOOK_PREVIOUS_SECRET_REMOVED";

	private static final Logger log = LoggerFactory.getLogger(WebhookPreviousSecretSweep.class);

	private static final Duration LEASE = Duration.ofMinutes(10);

	private final WebhookStore store;

	private final JobLock lock;

	private final AuditLog audit;

	private final Clock clock;

	WebhookPreviousSecretSweep(WebhookStore store, JobLock lock, AuditLog audit, Clock clock) {
		this.store = store;
		this.lock = lock;
		this.audit = audit;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${creditdesk.webhooks.previous-secret-sweep-interval:PT1H}",
			initialDelayString = "${creditdesk.webhooks.previous-secret-sweep-initial-delay:PT5M}")
	void sweep() {
		// An expired previous secret never signs: a failed removal waits for the next
		// run.
		this.lock.runAlone("webhooks.previous-secret-sweep", LEASE, this::run);
	}

	/**
	 * Removes every previous secret expired now; returns how many it removed.
	 */
	int run() {
		Instant now = this.clock.instant();
		int removed = 0;
		for (WebhookSubscription subscription : this.store.previousSecretExpired(now)) {
			if (WebhookSecretRotation.previousExpired(subscription, now) && this.store
				.removePreviousSecret(subscription.id(), subscription.previousSecret(), now, removed(subscription))) {
				removed++;
			}
		}
		if (removed > 0) {
			log.info("Removed {} expired previous webhook signing secret(s)", removed);
		}
		return removed;
	}

	/** Names the expiry, never the secret (nor its sealed value). */
	private AuditRecord removed(WebhookSubscription subscription) {
		return this.audit.entry(ACTION, "WEBHOOK", subscription.id(), null,
				"the previous signing secret expired and no longer signs",
				new Changes().diff("previousSecretExpiresAt", subscription.previousSecretExpiresAt(), null));
	}

}
