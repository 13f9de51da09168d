package io.creditdesk.intake;

import java.util.List;
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

	/**
	 * The ids of the customers whose references equal this one ignoring case, when no
	 * customer has it exactly and more than one has it so (customers stored before
	 * references had to be unique ignoring case): the reference names no one customer,
	 * which {@link #byExternalRef} cannot tell from an unknown one. Empty otherwise.
	 * Asked only when {@link #byExternalRef} found no one, never remembered.
	 */
	List<String> sharingExternalRef(String externalRef);

	/** By country and tax id, the tax id normalized as the customer capability does. */
	Optional<KnownCustomer> byTaxId(String countryCode, String taxId);

}
