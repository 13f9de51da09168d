package io.creditdesk.events;

import java.util.Map;

import org.bson.Document;

/**
 * Turns a customer document, as the relay read it, into the data of an
 * {@code ExposureChanged} event (its credit position at that document's
 * {@link Outbox#EXPOSURE_SEQ}). Implemented by the ledger, which owns exposure.
 */
public interface ExposureSnapshots {

	Map<String, Object> snapshot(Document customer);

}
