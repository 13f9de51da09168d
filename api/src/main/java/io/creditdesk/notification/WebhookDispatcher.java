package io.creditdesk.notification;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.creditdesk.notification.WebhookDelivery.Attempt;
import io.creditdesk.notification.WebhookDelivery.Status;
import io.creditdesk.notification.WebhookFailures.Failure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the due webhook deliveries. Each is claimed by one instance for
 * {@code creditdesk.webhooks.claim} (longer than the HTTP timeouts) with one conditional
 * update, so two instances never both send it; the outcome is written only while the
 * claim is this instance's. A failed attempt is retried after a doubling wait
 * ({@link WebhookProperties#backoff}) up to {@code max-attempts}; a subscription that
 * fails {@code disable-after} times in a row is disabled and the admins are notified. The
 * target is checked by the SSRF guard again before each attempt (DNS may have changed). A
 * subscription whose secret does not decrypt ({@link WebhookSecrets}) is sent nothing:
 * the attempt fails with the reason {@code SECRET_UNREADABLE} and counts like any other
 * failure, so it ends given up and the subscription disabled, never retried for ever.
 * After a rotation of the secret, the previous one signs beside it until it expires.
 * Every failed attempt carries a stable reason and a sentence from the message catalogue
 * ({@link WebhookFailures}).
 */
@Component
class WebhookDispatcher implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

	private final WebhookStore store;

	private final WebhookSender sender;

	private final WebhookSecrets secrets;

	private final WebhookTargets targets;

	private final WebhookProperties properties;

	private final Notifier notifier;

	private final Clock clock;

	private final OneAtATime worker = new OneAtATime("webhook-deliveries");

	private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

	WebhookDispatcher(WebhookStore store, WebhookSender sender, WebhookSecrets secrets, WebhookTargets targets,
			WebhookProperties properties, Notifier notifier, Clock clock) {
		this.store = store;
		this.sender = sender;
		this.secrets = secrets;
		this.targets = targets;
		this.properties = properties;
		this.notifier = notifier;
		this.clock = clock;
	}

	/** Starts a round on the deliveries' own thread unless one is still running. */
	@Scheduled(fixedDelayString = "${creditdesk.webhooks.poll-interval:1s}",
			initialDelayString = "${creditdesk.webhooks.poll-initial-delay:PT2S}")
	void run() {
		this.worker.offer(() -> {
			try {
				deliverDue();
			}
			catch (RuntimeException ex) {
				log.warn("Webhook deliveries wait for the next round: {}", ex.toString());
			}
		});
	}

	@Override
	public void destroy() {
		this.worker.close();
	}

	/** Tries every due delivery (up to a batch); returns how many were tried. */
	int deliverDue() {
		int tried = 0;
		while (tried < this.properties.batchSize()) {
			Instant now = this.clock.instant();
			Optional<WebhookDelivery> next = this.store.claimDue(now, now.plus(this.properties.claim()), this.owner);
			if (next.isEmpty()) {
				break;
			}
			attempt(next.get());
			tried++;
		}
		return tried;
	}

	private void attempt(WebhookDelivery delivery) {
		Optional<WebhookSubscription> found = this.store.subscription(delivery.subscriptionId());
		if (found.isEmpty() || !found.get().enabled()) {
			this.store.cancel(delivery);
			return;
		}
		WebhookSubscription subscription = found.get();
		Instant started = this.clock.instant();
		Integer status = null;
		Failure failure;
		Optional<String> secret = this.secrets.signingSecret(subscription);
		if (secret.isEmpty()) {
			failure = WebhookFailures.secretUnreadable();
		}
		else {
			try {
				WebhookTargets.Admitted target = this.targets.admit("url", subscription.url());
				status = this.sender.post(target, signature(subscription, secret.get(), started)
					.headers(delivery.eventId(), started, delivery.payload()), delivery.payload());
				failure = WebhookFailures.answered(status);
			}
			catch (Exception ex) {
				failure = WebhookFailures.thrown(ex, this.properties.connectTimeout(),
						this.properties.responseTimeout());
			}
		}
		Instant ended = this.clock.instant();
		Attempt attempt = new Attempt(ended, status, (failure != null) ? failure.error() : null,
				Math.max(0, ended.toEpochMilli() - started.toEpochMilli()),
				(failure != null) ? failure.reason() : null);
		if (failure == null) {
			this.store.attempted(delivery, this.owner, attempt, Status.DELIVERED, null);
			this.store.succeeded(subscription.id());
			return;
		}
		int attempts = delivery.attemptCount() + 1;
		boolean givenUp = attempts >= this.properties.maxAttempts();
		this.store.attempted(delivery, this.owner, attempt, givenUp ? Status.FAILED : Status.PENDING,
				givenUp ? null : ended.plus(this.properties.backoff(attempts)));
		log.warn("Webhook delivery {} to {} failed (attempt {}{}): {} {}", delivery.id(), subscription.url(), attempts,
				givenUp ? ", given up" : "", failure.reason(), failure.error());
		String lastError = failure.error();
		this.store.failed(subscription.id(), lastError, this.properties.disableAfter(), ended)
			.ifPresent(disabled -> disabled(disabled, lastError));
	}

	/**
	 * The current secret signs; the previous one of a rotation too while it is valid at
	 * {@code at} ({@link WebhookSecretRotation}), unless it does not open (then the
	 * current one alone, logged and counted by {@link WebhookSecrets}).
	 */
	private WebhookSignature signature(WebhookSubscription subscription, String current, Instant at) {
		List<String> signing = new ArrayList<>();
		signing.add(current);
		if (WebhookSecretRotation.previousSigns(subscription, at)) {
			this.secrets.previousSigningSecret(subscription).ifPresent(signing::add);
		}
		return new WebhookSignature(signing);
	}

	private void disabled(WebhookSubscription subscription, String error) {
		log.warn("Webhook subscription {} to {} disabled after {} failures in a row", subscription.id(),
				subscription.url(), subscription.consecutiveFailures());
		this.notifier
			.notify(new Notice("webhook-disabled:" + subscription.id() + ":" + subscription.disabledAt().toEpochMilli(),
					NotificationType.WEBHOOK_DISABLED, null, subscription.disabledAt(),
					List.of(subscription.url(), subscription.consecutiveFailures(), error),
					"/webhooks/" + subscription.id(), new RecipientRules.Subject(null, null, null, null, null)));
	}

}
