package io.creditdesk.customer;

import java.time.Duration;

import io.creditdesk.infrastructure.JobLock;
import io.creditdesk.infrastructure.MongoIndexes;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Gives, at every start, each customer stored without the key of its external reference
 * ({@link CustomerStore#REFERENCE_KEY}: customers stored before the key existed) that
 * key, oldest customer first, once the key's unique index exists. Of customers stored
 * before references had to be unique ignoring case whose references differ only in case,
 * the oldest gets the key and the others are left without it and logged (warning, with
 * both ids): their references must be told apart by hand (until then the order intake
 * dead-letters an order naming such a reference in neither spelling as
 * {@code AMBIGUOUS_CUSTOMER}), and the next start tries again. Each key is set with one
 * conditional update (only while the customer still has that reference and no key), so
 * the run is idempotent and a second run finds only the conflicts; one instance at a time
 * ({@link JobLock}).
 */
@Component
class CustomerReferenceKeys {

	private static final Logger log = LoggerFactory.getLogger(CustomerReferenceKeys.class);

	private static final Duration LEASE = Duration.ofMinutes(5);

	/** What a run did. */
	record Outcome(int keyed, int conflicts) {
	}

	private final CustomerStore store;

	private final MongoIndexes indexes;

	private final JobLock lock;

	CustomerReferenceKeys(CustomerStore store, MongoIndexes indexes, JobLock lock) {
		this.store = store;
		this.indexes = indexes;
		this.lock = lock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void atStart() {
		try {
			this.lock.runExclusively("customer-reference-keys", LEASE, this::run);
		}
		catch (RuntimeException ex) {
			// Not a reason to stop: the references are still checked ignoring case by a
			// scan; the next start tries again.
			log.warn("Customers' reference keys were not set: {}", ex.toString());
		}
	}

	/**
	 * Sets the missing keys; none while the key's unique index cannot be created yet (the
	 * keys would then not be checked against each other).
	 */
	Outcome run() {
		if (!this.indexes.applied() && !this.indexes.tryApply()) {
			log.warn("Customers' reference keys not set: the store's indexes do not exist yet (next start)");
			return new Outcome(0, 0);
		}
		int keyed = 0;
		int conflicts = 0;
		for (Document customer : this.store.withoutReferenceKey()) {
			Object id = customer.get("_id");
			String reference = customer.getString("externalRef");
			if (reference == null) {
				continue;
			}
			try {
				if (this.store.setReferenceKey(id, reference)) {
					keyed++;
				}
			}
			catch (DuplicateKeyException ex) {
				conflicts++;
				String holder = this.store.findByExternalRefIgnoreCase(reference, 2)
					.stream()
					.map(Customer::id)
					.filter(other -> !other.equals(String.valueOf(id)))
					.findFirst()
					.orElse("?");
				log.warn("Customer {} has the external reference '{}', which differs only in case from customer {}'s: "
						+ "give one of them another reference (orders naming it in neither spelling are dead-lettered as AMBIGUOUS_CUSTOMER)",
						id, reference, holder);
			}
		}
		if (keyed > 0 || conflicts > 0) {
			log.info("Set the reference key of {} customer(s); {} left without (references differing only in case)",
					keyed, conflicts);
		}
		return new Outcome(keyed, conflicts);
	}

}
