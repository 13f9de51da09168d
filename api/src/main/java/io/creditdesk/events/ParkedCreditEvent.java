package io.creditdesk.events;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The collection of {@link ParkedCreditEvents}, named for its index; its documents are
 * read and written as plain documents there.
 *
 * @param id {@code <groupId>:<eventId>}
 */
@Document(ParkedCreditEvents.COLLECTION)
record ParkedCreditEvent(@Id String id) {

}
