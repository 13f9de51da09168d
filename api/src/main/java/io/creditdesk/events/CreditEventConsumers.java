package io.creditdesk.events;

import java.util.function.Supplier;

/**
 * The consumer groups of the credit events ({@link CreditEventGroup}s: the alerts, the
 * notifications) read on this instance, as a whole. A bulk load that replays history
 * through the ordinary services (the demo's fourteen months of invoices and payments)
 * holds them while it writes: otherwise they react to each step of the past as news (an
 * invoice issued long overdue raises an alert, and e-mails it, a moment before the
 * history's payment resolves it). Held, they read what was published meanwhile once the
 * work is done, from where they had committed, and decide from the figures as they are by
 * then.
 */
public interface CreditEventConsumers {

	/**
	 * Runs {@code work} with every credit event consumer group of this instance stopped,
	 * and starts them again afterwards (unless the service is stopping meanwhile).
	 */
	<T> T heldDuring(Supplier<T> work);

}
