package io.creditdesk.riskevent;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which actions each external event type triggers; configurable, the defaults below. An
 * event that raises a flag stops new orders at once through the existing credit check (a
 * raised flag is a rejection reason); the flag, the hold and the review stay until a
 * person clears them.
 *
 * @param actions the actions per event type (a type without an entry triggers only an
 * alert)
 */
public record RiskEventPolicy(Map<ExternalEventType, Set<RiskEventAction>> actions) {

	/**
	 * The shipped rules: an insolvency filing raises the bureau flag, puts the customer
	 * on hold, opens a review and alerts; a reported payment default raises the bureau
	 * flag, opens a review and alerts; a downgrade opens a review and alerts; suspected
	 * fraud raises the fraud flag and alerts; an upgrade alerts (a review may raise the
	 * limit).
	 */
	public static final RiskEventPolicy DEFAULT = new RiskEventPolicy(Map.of(ExternalEventType.INSOLVENCY_FILING,
			EnumSet.of(RiskEventAction.RAISE_BUREAU_FLAG, RiskEventAction.SET_ON_HOLD, RiskEventAction.OPEN_REVIEW,
					RiskEventAction.ALERT),
			ExternalEventType.PAYMENT_DEFAULT_REPORTED,
			EnumSet.of(RiskEventAction.RAISE_BUREAU_FLAG, RiskEventAction.OPEN_REVIEW, RiskEventAction.ALERT),
			ExternalEventType.RATING_DOWNGRADE, EnumSet.of(RiskEventAction.OPEN_REVIEW, RiskEventAction.ALERT),
			ExternalEventType.FRAUD_SUSPECTED, EnumSet.of(RiskEventAction.RAISE_FRAUD_FLAG, RiskEventAction.ALERT),
			ExternalEventType.RATING_UPGRADE, EnumSet.of(RiskEventAction.ALERT)));

	public RiskEventPolicy {
		EnumMap<ExternalEventType, Set<RiskEventAction>> copy = new EnumMap<>(ExternalEventType.class);
		actions.forEach((type, set) -> copy.put(type, Set.copyOf(set)));
		actions = Map.copyOf(copy);
	}

	/** The actions for {@code type}, in the order they are carried out. */
	public Set<RiskEventAction> actionsFor(ExternalEventType type) {
		Set<RiskEventAction> configured = this.actions.getOrDefault(type, Set.of(RiskEventAction.ALERT));
		EnumSet<RiskEventAction> ordered = EnumSet.noneOf(RiskEventAction.class);
		ordered.addAll(configured);
		return ordered;
	}

}
