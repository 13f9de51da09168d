package io.creditdesk.intake;

import java.util.Optional;

import io.creditdesk.customer.Customer;
import io.creditdesk.customer.CustomerService;

import org.springframework.stereotype.Component;

/** The customer directory backed by the customer capability. */
@Component
class CustomerServiceDirectory implements CustomerDirectory {

	private final CustomerService customers;

	CustomerServiceDirectory(CustomerService customers) {
		this.customers = customers;
	}

	@Override
	public Optional<KnownCustomer> byExternalRef(String externalRef) {
		return this.customers.findByExternalRefForIntake(externalRef).map(CustomerServiceDirectory::known);
	}

	@Override
	public Optional<KnownCustomer> byTaxId(String countryCode, String taxId) {
		return this.customers.findByTaxIdForIntake(countryCode, taxId).map(CustomerServiceDirectory::known);
	}

	private static KnownCustomer known(Customer customer) {
		return new KnownCustomer(customer.id(), customer.creditCurrency());
	}

}
