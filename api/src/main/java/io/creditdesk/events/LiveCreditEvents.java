package io.creditdesk.events;

/**
 * The credit events as they are published, on this instance, for live features. Kafka is
 * read only while somebody listens: a listener asks with {@link #listen()} and, from then
 * until it closes the returned handle, every event appended to the topic after
 * {@code listen()} returned, by any instance and whatever its timestamp, arrives once as
 * a {@link CreditEventReceived} application event (in the topic's order per customer). An
 * event appended before may or may not arrive: a feed that first reads the current
 * figures from the store does so after {@code listen()} returned, and those figures
 * already hold every change whose event was appended earlier (what was appended during
 * the call arrives too if stamped after it began); such an earlier event may arrive after
 * those figures were read, so a feed orders what it sends by the snapshots'
 * {@code sequence}, not by arrival. {@code listen()} may wait briefly (while the reader
 * looks up where it starts; bounded, logged if Kafka does not answer).
 */
public interface LiveCreditEvents {

	/**
	 * Starts listening; close the handle when done (closing twice is harmless). Returns
	 * once every event appended from then on will arrive.
	 */
	Listening listen();

	/** An open interest in the live events. */
	interface Listening extends AutoCloseable {

		@Override
		void close();

	}

}
