package io.creditdesk.riskevent;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.customer.Customer;
import io.creditdesk.customer.CustomerService;
import io.creditdesk.customer.ExternalRiskEffect;
import io.creditdesk.customer.RiskFlagType;
import io.creditdesk.events.CreditEventType;
import io.creditdesk.events.Outbox;
import io.creditdesk.limitrequest.SystemReviews;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Carries out one external risk event, from the topic or the bureau poller alike: finds
 * its customer, takes the actions of the policy and records what it did. Safe to run
 * again for the same event at any point (a redelivery, a crash half way): the customer's
 * side (flags, hold and the {@code ExternalRiskEventApplied} credit event) is one atomic
 * update applied once per event id, a review is opened only when none is open, and an
 * event recorded as applied is not carried out again.
 */
@Component
class RiskEventProcessor {

	private static final Logger log = LoggerFactory.getLogger(RiskEventProcessor.class);

	/** Who the reviews the events open are requested by. */
	static final String REQUESTER = "risk-events";

	private final RiskEventCustomers customers;

	private final CustomerService profiles;

	private final RiskEventPolicies policies;

	private final AppliedRiskEvents records;

	private final SystemReviews reviews;

	private final Outbox outbox;

	private final Clock clock;

	RiskEventProcessor(RiskEventCustomers customers, CustomerService profiles, RiskEventPolicies policies,
			AppliedRiskEvents records, SystemReviews reviews, Outbox outbox, Clock clock) {
		this.customers = customers;
		this.profiles = profiles;
		this.policies = policies;
		this.records = records;
		this.reviews = reviews;
		this.outbox = outbox;
		this.clock = clock;
	}

	/**
	 * @return the record of the event, applied
	 * @throws CreditDeskException {@code EVENT_CUSTOMER_UNKNOWN} when no customer has its
	 * references (to be dead-lettered)
	 * @throws RuntimeException when the store or the bureau is unavailable, or the
	 * customer or its review changed under it on every try (to be retried)
	 */
	AppliedRiskEvent process(ExternalRiskEvent event, AppliedRiskEvent.Via via) {
		String id = AppliedRiskEvent.key(event);
		Optional<AppliedRiskEvent> known = this.records.find(id);
		if (known.isPresent() && known.get().status() == AppliedRiskEvent.Status.APPLIED) {
			log.info("External risk event {} arrived again; it was applied at {}: nothing to do", id,
					known.get().appliedAt());
			return this.records.delivered(id);
		}
		Customer customer = this.customers.resolve(event.customer());
		RiskEventPolicies.Resolved resolved = this.policies.resolve(customer, event.type());
		Set<RiskEventAction> actions = resolved.actions();
		Instant now = this.clock.instant();
		AppliedRiskEvent received = this.records.received(new AppliedRiskEvent(id, event.eventId(), event.source(),
				event.type(), event.customer(), event.oldValue(), event.newValue(), event.occurredAt(), via,
				customer.id(), AppliedRiskEvent.Status.RECEIVED, List.copyOf(actions), resolved.level().name(), null,
				List.of(), now, null, 1));
		// A record received before (a crash half way) keeps the actions decided then.
		Set<RiskEventAction> decided = received.actions().isEmpty() ? EnumSet.noneOf(RiskEventAction.class)
				: EnumSet.copyOf(received.actions());
		String reason = reason(event);
		Set<RiskFlagType> flags = EnumSet.noneOf(RiskFlagType.class);
		if (decided.contains(RiskEventAction.RAISE_BUREAU_FLAG)) {
			flags.add(RiskFlagType.BUREAU);
		}
		if (decided.contains(RiskEventAction.RAISE_FRAUD_FLAG)) {
			flags.add(RiskFlagType.FRAUD);
		}
		boolean appliedNow;
		try {
			appliedNow = this.profiles.applyExternalRiskEvent(
					new ExternalRiskEffect(customer.id(), id, flags, decided.contains(RiskEventAction.SET_ON_HOLD),
							event.source(), reason, reported(customer.id(), event, decided)));
		}
		catch (CreditDeskException refused) {
			throw transientIfConcurrent(refused, id);
		}
		List<String> notes = new ArrayList<>();
		String reviewId = null;
		if (decided.contains(RiskEventAction.OPEN_REVIEW)) {
			try {
				reviewId = this.reviews.openReview(customer.id(), reason, REQUESTER).orElse(null);
				if (reviewId == null) {
					notes.add(MessageCatalogue.render(MessageCatalogue.DEFAULT_LANGUAGE,
							"riskEvent.note.reviewNotOpened", List.of()));
				}
			}
			catch (CreditDeskException refused) {
				RuntimeException failure = transientIfConcurrent(refused, id);
				if (failure != refused) {
					throw failure;
				}
				notes.add(refused.getMessage());
			}
		}
		AppliedRiskEvent applied = this.records.applied(id, reviewId, notes, this.clock.instant());
		log.info("External risk event {} ({} for customer {}) {}: {}", id, event.type(), customer.id(),
				appliedNow ? "applied" : "was applied to the customer before", decided);
		return applied;
	}

	/**
	 * A change refused because others kept changing the same document
	 * ({@code CONCURRENT_MODIFICATION}) is no refusal of the event: it is reported as a
	 * transient failure, without the refusal as its cause (the consumer classifies by the
	 * whole cause chain), so the consumer tries the event again after its back-off and
	 * the poller keeps its cursor, as when the store is unavailable. Any other refusal is
	 * returned as it is.
	 */
	private static RuntimeException transientIfConcurrent(CreditDeskException refused, String id) {
		if (!CommonErrorCode.CONCURRENT_MODIFICATION.code().equals(refused.code())) {
			return refused;
		}
		return new IllegalStateException(
				"External risk event " + id + " could not be applied now, to be tried again: " + refused.getMessage());
	}

	private Outbox.Event reported(String customerId, ExternalRiskEvent event, Set<RiskEventAction> actions) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("customerId", customerId);
		data.put("eventId", event.eventId());
		data.put("source", event.source());
		data.put("eventType", event.type().name());
		data.put("oldValue", event.oldValue());
		data.put("newValue", event.newValue());
		data.put("occurredAt", event.occurredAt().toString());
		data.put("actions", actions.stream().map(Enum::name).toList());
		return this.outbox.event(CreditEventType.EXTERNAL_RISK_EVENT_APPLIED, customerId, data);
	}

	private static String reason(ExternalRiskEvent event) {
		return (event.oldValue() != null || event.newValue() != null)
				? MessageCatalogue.render(MessageCatalogue.DEFAULT_LANGUAGE, "riskEvent.reason.values",
						List.of(event.type(), event.source(), event.eventId(),
								(event.oldValue() != null) ? event.oldValue() : "-",
								(event.newValue() != null) ? event.newValue() : "-"))
				: MessageCatalogue.render(MessageCatalogue.DEFAULT_LANGUAGE, "riskEvent.reason",
						List.of(event.type(), event.source(), event.eventId()));
	}

}
