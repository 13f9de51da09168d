package io.creditdesk.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.creditdesk.infrastructure.JobLock;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the queued e-mails: the immediate ones as soon as they are queued (each claimed
 * by one instance, retried with a doubling wait up to
 * {@code creditdesk.notifications.mail-max-attempts}), and once a day, after
 * {@code digest-at}, one digest per person of everything they chose to get daily. The
 * digest runs on one instance at a time (a {@link JobLock} lease) and once per day (a
 * marker in {@code notification_digests}); e-mails are marked sent per person right after
 * their digest went out, so a run broken off half-way sends the rest next time and no
 * digest twice.
 */
@Component
class EmailDispatcher implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(EmailDispatcher.class);

	static final String DIGEST_LEASE = "notification-digest";

	private static final String DIGEST_RUNS = "notification_digests";

	/** Longer than a mail server's timeouts: nobody else sends an e-mail being sent. */
	private static final Duration CLAIM = Duration.ofMinutes(2);

	private static final int BATCH = 50;

	private final MailQueue queue;

	/** Sends on a thread of its own: a mail server that hangs holds up no other job. */
	private final OneAtATime worker = new OneAtATime("notification-mail");

	private final Mailer mailer;

	private final JobLock lock;

	private final MongoTemplate mongo;

	private final NotificationProperties properties;

	private final Clock clock;

	EmailDispatcher(MailQueue queue, Mailer mailer, JobLock lock, MongoTemplate mongo,
			NotificationProperties properties, Clock clock) {
		this.queue = queue;
		this.mailer = mailer;
		this.lock = lock;
		this.mongo = mongo;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${creditdesk.notifications.mail-poll-interval:1s}", initialDelayString = "PT2S")
	void sendImmediate() {
		if (this.mailer.enabled()) {
			this.worker.offer(this::sendDue);
		}
	}

	@Override
	public void destroy() {
		this.worker.close();
	}

	private void sendDue() {
		try {
			for (int i = 0; i < BATCH; i++) {
				Optional<QueuedEmail> next = this.queue.claimDue(this.clock.instant(), CLAIM);
				if (next.isEmpty()) {
					return;
				}
				send(next.get());
			}
		}
		catch (RuntimeException ex) {
			log.warn("Notification e-mails wait for the next round: {}", ex.toString());
		}
	}

	private void send(QueuedEmail email) {
		MailTemplates.Mail mail = MailTemplates.single(Locale.forLanguageTag(email.language()), email.recipient(),
				new MailTemplates.Item(email.subject(), email.body(), email.link()));
		try {
			this.mailer.send(email.address(), mail);
			this.queue.sent(email.id(), this.clock.instant());
		}
		catch (Exception ex) {
			int attempts = email.attempts() + 1;
			Instant now = this.clock.instant();
			Instant retryAt = (attempts >= this.properties.mailMaxAttempts()) ? null
					: now.plus(this.properties.mailRetryDelay().multipliedBy(1L << Math.min(attempts - 1, 20)));
			this.queue.failed(email, ex.toString(), now, retryAt);
			log.warn("E-mail {} to {} failed (attempt {}{}): {}", email.id(), email.address(), attempts,
					(retryAt == null) ? ", given up" : ", retried at " + retryAt, ex.toString());
		}
	}

	/** Sends today's digest once the digest time has passed, on one instance. */
	@Scheduled(fixedDelayString = "${creditdesk.notifications.digest-check-interval:1m}",
			initialDelayString = "${creditdesk.notifications.digest-check-interval:1m}")
	void digestWhenDue() {
		if (this.mailer.enabled()) {
			this.worker.offer(this::digestIfDue);
		}
	}

	private void digestIfDue() {
		try {
			Instant now = this.clock.instant();
			ZonedDateTime local = now.atZone(this.properties.digestZone());
			LocalDate today = local.toLocalDate();
			if (local.toLocalTime().isBefore(this.properties.digestAt()) || digestDone(today)) {
				return;
			}
			this.lock.runExclusively(DIGEST_LEASE, Duration.ofMinutes(10), () -> {
				if (!digestDone(today)) {
					sendDigest(today, now);
					this.mongo.insert(new Document("_id", today.toString()).append("at", now), DIGEST_RUNS);
				}
			});
		}
		catch (DuplicateKeyException ex) {
			// Another instance finished the same day's digest a moment before.
		}
		catch (RuntimeException ex) {
			log.warn("The daily digest waits for the next check: {}", ex.toString());
		}
	}

	private boolean digestDone(LocalDate day) {
		return this.mongo.findById(day.toString(), Document.class, DIGEST_RUNS) != null;
	}

	/**
	 * Sends one digest per person of the digest e-mails queued before {@code cutoff}.
	 * @return how many digests went out
	 */
	int sendDigest(LocalDate day, Instant cutoff) {
		Map<String, List<QueuedEmail>> byRecipient = new LinkedHashMap<>();
		for (QueuedEmail email : this.queue.digestBefore(cutoff)) {
			byRecipient.computeIfAbsent(email.recipient(), recipient -> new ArrayList<>()).add(email);
		}
		int sent = 0;
		for (List<QueuedEmail> emails : byRecipient.values()) {
			QueuedEmail first = emails.get(0);
			MailTemplates.Mail digest = MailTemplates.digest(Locale.forLanguageTag(first.language()), first.recipient(),
					day,
					emails.stream()
						.map(email -> new MailTemplates.Item(email.subject(), email.body(), email.link()))
						.toList());
			try {
				this.mailer.send(first.address(), digest);
				this.queue.sent(emails.stream().map(QueuedEmail::id).toList(), this.clock.instant());
				sent++;
			}
			catch (Exception ex) {
				// Kept pending: they go out with the next digest.
				log.warn("Digest to {} failed, its {} notifications wait for the next one: {}", first.address(),
						emails.size(), ex.toString());
			}
		}
		return sent;
	}

}
