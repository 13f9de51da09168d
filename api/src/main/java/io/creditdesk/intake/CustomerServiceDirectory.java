package io.creditdesk.intake;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.creditdesk.customer.Customer;
import io.creditdesk.customer.CustomerService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The customer directory backed by the customer capability. A burst names the same
 * customers again and again: without remembering them, every order would cost one or two
 * store queries before the credit check, and a reference that differs only in case a scan
 * of the references.
 * <p>
 * Customers found are remembered per reference as sent, together with the customer
 * capability's {@linkplain CustomerService#referencesVersion() references version}, a
 * stamp it moves whenever a customer is added or a reference, tax id or country changes.
 * This instance reads the stamp at most every {@link #CHECK_EVERY}, and a remembered
 * look-up counts only while the stamp is the one it was made under: a reference moved to
 * another customer (on any instance) is seen within about a second, while unchanged
 * references are not looked up again. {@link #TTL} bounds the rest (a reference changed
 * directly in the store, behind the service). References not found are never remembered,
 * so an order for a customer registered a moment ago resolves at once. What is remembered
 * is only the id and the credit currency; status, limit and exposure are always read
 * fresh by the credit check.
 */
@Component
class CustomerServiceDirectory implements CustomerDirectory {

	/** How often the references version is read. */
	static final Duration CHECK_EVERY = Duration.ofSeconds(1);

	/** The longest a look-up is reused, whatever the references version says. */
	static final Duration TTL = Duration.ofSeconds(60);

	private static final int MAX_ENTRIES = 100_000;

	private final CustomerService customers;

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	private final long checkEveryNanos;

	private volatile long version = -1;

	private volatile long checkedAt;

	@Autowired
	CustomerServiceDirectory(CustomerService customers) {
		this(customers, CHECK_EVERY);
	}

	CustomerServiceDirectory(CustomerService customers, Duration checkEvery) {
		this.customers = customers;
		this.checkEveryNanos = checkEvery.toNanos();
	}

	private record Cached(KnownCustomer customer, long version, long expiresAt) {
	}

	@Override
	public Optional<KnownCustomer> byExternalRef(String externalRef) {
		if (externalRef == null) {
			return Optional.empty();
		}
		return cached("ref\u0000" + externalRef.trim(),
				() -> this.customers.findByExternalRefForIntake(externalRef).map(CustomerServiceDirectory::known));
	}

	@Override
	public List<String> sharingExternalRef(String externalRef) {
		return this.customers.customersSharingExternalRefForIntake(externalRef);
	}

	@Override
	public Optional<KnownCustomer> byTaxId(String countryCode, String taxId) {
		if (countryCode == null || taxId == null) {
			return Optional.empty();
		}
		return cached("tax\u0000" + countryCode.trim().toUpperCase(Locale.ROOT) + "\u0000" + taxId.trim(),
				() -> this.customers.findByTaxIdForIntake(countryCode, taxId).map(CustomerServiceDirectory::known));
	}

	private Optional<KnownCustomer> cached(String key, Supplier<Optional<KnownCustomer>> lookup) {
		// The version is taken before the look-up: a look-up that read the references
		// before a change
		// is tagged with the version before it, and stops counting when this instance
		// reads the new one.
		long current = currentVersion();
		long now = System.nanoTime();
		Cached hit = this.cache.get(key);
		if (hit != null && hit.version() == current && hit.expiresAt() - now > 0) {
			return Optional.of(hit.customer());
		}
		Optional<KnownCustomer> found = lookup.get();
		if (found.isPresent()) {
			if (this.cache.size() >= MAX_ENTRIES) {
				this.cache.clear();
			}
			this.cache.put(key, new Cached(found.get(), current, now + TTL.toNanos()));
		}
		else if (hit != null) {
			this.cache.remove(key, hit);
		}
		return found;
	}

	/** The references version, read from the store at most every {@link #CHECK_EVERY}. */
	private long currentVersion() {
		long now = System.nanoTime();
		if (this.version >= 0 && now - this.checkedAt < this.checkEveryNanos) {
			return this.version;
		}
		synchronized (this) {
			if (this.version < 0 || now - this.checkedAt >= this.checkEveryNanos) {
				long read = this.customers.referencesVersion();
				if (read != this.version) {
					// Everything remembered was found under an older version: none of it
					// counts any more.
					this.cache.clear();
				}
				this.version = read;
				this.checkedAt = System.nanoTime();
			}
			return this.version;
		}
	}

	private static KnownCustomer known(Customer customer) {
		return new KnownCustomer(customer.id(), customer.creditCurrency());
	}

}
