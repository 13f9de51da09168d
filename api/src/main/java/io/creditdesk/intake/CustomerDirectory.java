package io.creditdesk.intake;

import java.util.Optional;

/** Finds the customer an incoming order names. */
public interface CustomerDirectory {

	/**
	 * A customer as the intake needs it: its id and the currency its credit is kept in.
	 */
	record KnownCustomer(String id, String creditCurrency) {
	}

	/**
	 * By the seller's external reference; trimmed, and ignoring case when that is
	 * unambiguous.
	 */
	Optional<KnownCustomer> byExternalRef(String externalRef);

	/** By country and tax id, the tax id normalized as the customer capability does. */
	Optional<KnownCustomer> byTaxId(String countryCode, String taxId);

}
