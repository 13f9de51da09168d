package io.creditdesk.events;

/**
 * The credit events as they are published, on this instance, for live features. Kafka is
 * read only while somebody listens: a listener asks with {@link #listen()} and, from then
 * until it closes the returned handle, every event published (appended to the topic) from
 * that moment on, by any instance, arrives as a {@link CreditEventReceived} application
 * event.
 */
public interface LiveCreditEvents {

	/** Starts listening; close the handle when done (closing twice is harmless). */
	Listening listen();

	/** An open interest in the live events. */
	interface Listening extends AutoCloseable {

		@Override
		void close();

	}

}
