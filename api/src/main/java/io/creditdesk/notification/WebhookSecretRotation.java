package io.creditdesk.notification;

import java.time.Duration;
import java.time.Instant;

import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.Validation;

/**
 * The rule of rotating a subscription's signing secret without a moment where its
 * deliveries fail verification: the secret it had keeps signing beside the new one for a
 * grace period the rotation chooses (0 to 7 days, 24 hours unless given), so the receiver
 * switches at its own pace; each delivery then carries both signatures, as the Standard
 * Webhooks {@code webhook-signature} header allows; once expired it is removed from the
 * database. Two rotations within {@link #SAME_MOMENT} of each other are one moment: the
 * later is refused, so that a rotation never quietly replaces the secret another one has
 * just shown. Spring-free, table-tested ({@code WebhookSecretRotationTests}).
 */
final class WebhookSecretRotation {

	/** The grace period when the rotation names none. */
	static final int DEFAULT_HOURS = 24;

	/** The longest grace period: a receiver that has not switched in a week is lost. */
	static final int MAX_HOURS = 168;

	/**
	 * Rotations closer together than this are the same moment: two requests sent together
	 * reach the store one after the other (each read, sealed and written in a few
	 * milliseconds), so the conditional update alone would let both win, the second
	 * making the secret just shown to the first the previous one (or, with more, no
	 * secret at all).
	 */
	static final Duration SAME_MOMENT = Duration.ofSeconds(10);

	private WebhookSecretRotation() {
	}

	/**
	 * Whether {@code subscription}'s secret was rotated within {@link #SAME_MOMENT} of
	 * {@code now} (either side: another instance's clock may be a little ahead), so that
	 * a rotation now is refused.
	 */
	static boolean rotatedAtTheSameMoment(WebhookSubscription subscription, Instant now) {
		Instant last = subscription.secretRotatedAt();
		return last != null && Duration.between(last, now).abs().compareTo(SAME_MOMENT) < 0;
	}

	/**
	 * The hours the previous secret stays valid: {@code given}, or the default when
	 * omitted; outside 0 to {@link #MAX_HOURS} refused into {@code v} (then 0).
	 */
	static int validHours(Validation v, String field, Integer given) {
		if (given == null) {
			return DEFAULT_HOURS;
		}
		if (given < 0 || given > MAX_HOURS) {
			v.reject(CommonErrorCode.OUT_OF_RANGE.variant("previousSecretValidForHours"), field, MAX_HOURS, given);
			return 0;
		}
		return given;
	}

	/**
	 * When the previous secret of a rotation at {@code rotatedAt} stops signing, or null
	 * when it stops at once (0 hours: it is not kept).
	 */
	static Instant previousExpiresAt(Instant rotatedAt, int hours) {
		return (hours > 0) ? rotatedAt.plus(Duration.ofHours(hours)) : null;
	}

	/**
	 * Whether {@code subscription}'s previous secret signs at {@code now}: it has one and
	 * its expiry is still ahead (an expired one never signs, and is removed by the
	 * {@link WebhookPreviousSecretSweep}).
	 */
	static boolean previousSigns(WebhookSubscription subscription, Instant now) {
		return subscription.previousSecret() != null && subscription.previousSecretExpiresAt() != null
				&& now.isBefore(subscription.previousSecretExpiresAt());
	}

	/**
	 * Whether {@code subscription} keeps a previous secret that has expired at
	 * {@code now} (its expiry is now or behind: from that instant it no longer signs), so
	 * that it is to be removed. One without an expiry is not: a rotation always stores
	 * both or neither.
	 */
	static boolean previousExpired(WebhookSubscription subscription, Instant now) {
		return subscription.previousSecret() != null && subscription.previousSecretExpiresAt() != null
				&& !now.isBefore(subscription.previousSecretExpiresAt());
	}

}
