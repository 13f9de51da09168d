package io.creditdesk.customer;

import java.util.Objects;
import java.util.Set;

import io.creditdesk.events.Outbox;

/**
 * What an external risk event (a bureau's or the fraud system's news) does to a
 * customer's profile, applied in one atomic update by
 * {@link CustomerService#applyExternalRiskEvent(ExternalRiskEffect)}.
 *
 * @param customerId the customer
 * @param eventId the sender's event id: the effect is applied once per id
 * @param flags the risk flags to raise (those already raised stay as they are)
 * @param hold whether to put an {@code ACTIVE} customer {@code ON_HOLD}
 * @param source who sent the event (a bureau, the fraud system), recorded on the flags
 * @param reason why, in words (the event named), recorded on the flags, the status change
 * and the audit record
 * @param reported the credit event that reports the effect, written to the outbox in the
 * same update
 */
public record ExternalRiskEffect(String customerId, String eventId, Set<RiskFlagType> flags, boolean hold,
		String source, String reason, Outbox.Event reported) {

	public ExternalRiskEffect {
		Objects.requireNonNull(customerId, "customerId");
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(reason, "reason");
		Objects.requireNonNull(reported, "reported");
		flags = Set.copyOf(flags);
	}

}
