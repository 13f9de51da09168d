package io.creditdesk.limitrequest;

import java.time.LocalDate;
import java.util.Optional;

import io.creditdesk.common.Money;

/**
 * An approver's answer "yes, but less": a lower limit, or the requested one (or less)
 * only until an end date (for a temporary request, one on or before the requested end).
 * Later steps of the route decide on the counter-offered limit.
 *
 * @param limit the limit offered
 * @param validUntil the end of a temporary limit; null for a permanent one
 */
public record CounterOffer(Money limit, LocalDate validUntil) {

	/**
	 * Why this offer cannot answer a request for {@code requested} until
	 * {@code requestedUntil} (null for a permanent limit), decided on {@code today};
	 * empty when it can. An offer to a temporary request ends on or before its end date:
	 * it never lengthens the limit nor makes it permanent.
	 */
	public Optional<Refusal> check(Money requested, LocalDate requestedUntil, LocalDate today) {
		if (!this.limit.currency().equals(requested.currency())) {
			return Optional.of(Refusal.of(RequestErrorCode.CURRENCY_MISMATCH.variant("counterOffer"),
					requested.currency(), this.limit.currency()));
		}
		if (this.limit.isNegative()) {
			return Optional
				.of(Refusal.of(RequestErrorCode.COUNTER_OFFER_NOT_LOWER.variant("negative"), requested, this.limit));
		}
		if (this.validUntil != null && !this.validUntil.isAfter(today)) {
			return Optional.of(Refusal.of(RequestErrorCode.COUNTER_OFFER_END_DATE_PASSED, today, this.validUntil));
		}
		boolean lower = requested.isGreaterThan(this.limit);
		boolean temporaryAtMost = this.validUntil != null && !this.limit.isGreaterThan(requested);
		if (!lower && !temporaryAtMost) {
			// The sentence describes what was sent: a permanent limit not lower, or a
			// temporary one above the requested limit.
			return Optional.of((this.validUntil != null)
					? Refusal.of(RequestErrorCode.COUNTER_OFFER_NOT_LOWER.variant("temporary"), requested, this.limit,
							this.validUntil)
					: Refusal.of(RequestErrorCode.COUNTER_OFFER_NOT_LOWER, requested, this.limit));
		}
		if (requestedUntil != null && this.validUntil == null) {
			return Optional
				.of(Refusal.of(RequestErrorCode.COUNTER_OFFER_ENDS_LATER.variant("permanent"), requestedUntil));
		}
		if (requestedUntil != null && this.validUntil.isAfter(requestedUntil)) {
			return Optional.of(Refusal.of(RequestErrorCode.COUNTER_OFFER_ENDS_LATER, requestedUntil, this.validUntil));
		}
		return Optional.empty();
	}

}
