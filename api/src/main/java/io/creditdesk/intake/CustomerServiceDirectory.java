package io.creditdesk.intake;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.creditdesk.customer.Customer;
import io.creditdesk.customer.CustomerService;

import org.springframework.stereotype.Component;

/**
 * The customer directory backed by the customer capability. Customers found are remembered for
 * {@link #TTL} per reference as sent (a burst names the same customers again and again: without it
 * every order costs one or two store queries before the credit check, a reference that differs only
 * in case a scan); references not found
 * are never remembered, so an order for a customer registered a moment ago resolves at once. What
 * is remembered is only the id and the credit currency; status, limit and exposure are always read
 * fresh by the credit check.
 */
@Component
class CustomerServiceDirectory implements CustomerDirectory {

	/**
	 * How long a resolved reference is reused: an external reference or tax id moved to another
	 * customer is seen by the intake after at most this long.
	 */
	static final Duration TTL = Duration.ofSeconds(5);

	private static final int MAX_ENTRIES = 100_000;

	private final CustomerService customers;

	private final Map<String, Cached> cache = new ConcurrentHashMap<>();

	CustomerServiceDirectory(CustomerService customers) {
		this.customers = customers;
	}

	private record Cached(KnownCustomer customer, long expiresAt) {
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
	public Optional<KnownCustomer> byTaxId(String countryCode, String taxId) {
		if (countryCode == null || taxId == null) {
			return Optional.empty();
		}
		return cached("tax\u0000" + countryCode.trim().toUpperCase(Locale.ROOT) + "\u0000" + taxId.trim(),
				() -> this.customers.findByTaxIdForIntake(countryCode, taxId).map(CustomerServiceDirectory::known));
	}

	private Optional<KnownCustomer> cached(String key, Supplier<Optional<KnownCustomer>> lookup) {
		long now = System.nanoTime();
		Cached hit = this.cache.get(key);
		if (hit != null && hit.expiresAt() - now > 0) {
			return Optional.of(hit.customer());
		}
		Optional<KnownCustomer> found = lookup.get();
		if (found.isPresent()) {
			if (this.cache.size() >= MAX_ENTRIES) {
				this.cache.clear();
			}
			this.cache.put(key, new Cached(found.get(), now + TTL.toNanos()));
		}
		else if (hit != null) {
			this.cache.remove(key, hit);
		}
		return found;
	}

	private static KnownCustomer known(Customer customer) {
		return new KnownCustomer(customer.id(), customer.creditCurrency());
	}

}
