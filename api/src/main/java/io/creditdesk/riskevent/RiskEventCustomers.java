package io.creditdesk.riskevent;

import java.util.Locale;
import java.util.Optional;

import io.creditdesk.bureau.BureauException;
import io.creditdesk.bureau.BureauFailure;
import io.creditdesk.bureau.BureauReport;
import io.creditdesk.bureau.CreditBureau;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.UserError;
import io.creditdesk.customer.Customer;
import io.creditdesk.customer.CustomerService;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Finds the customer an event names, trying its references in order: the tax ID (a VAT
 * number, whose two-letter prefix names the country), the external reference, then the
 * bureau id (through the configured bureau's report on that company, which carries its
 * tax ID).
 */
@Component
class RiskEventCustomers {

	private final CustomerService customers;

	private final ObjectProvider<CreditBureau> bureau;

	RiskEventCustomers(CustomerService customers, ObjectProvider<CreditBureau> bureau) {
		this.customers = customers;
		this.bureau = bureau;
	}

	/**
	 * @throws CreditDeskException {@code EVENT_CUSTOMER_UNKNOWN} when no reference names
	 * a customer
	 * @throws IllegalStateException when the bureau is unavailable (a transient failure,
	 * retried)
	 * @throws io.creditdesk.bureau.BureauException when the bureau could not say whom a
	 * bureau id names for another reason than not knowing it
	 */
	Customer resolve(ExternalRiskEvent.CustomerReference reference) {
		Optional<Customer> found = byTaxId(reference.taxId());
		if (found.isEmpty()) {
			found = this.customers.findByExternalRefForIntake(reference.externalRef());
		}
		if (found.isEmpty() && reference.bureauId() != null) {
			found = byBureauId(reference.bureauId());
		}
		return found.orElseThrow(() -> CreditDeskException.refuse(RiskEventErrorCode.EVENT_CUSTOMER_UNKNOWN, "customer",
				UserError.quoted(describe(reference))));
	}

	private Optional<Customer> byTaxId(String taxId) {
		if (taxId == null || taxId.length() < 3) {
			return Optional.empty();
		}
		String prefix = taxId.substring(0, 2).toUpperCase(Locale.ROOT);
		if (!Character.isLetter(prefix.charAt(0)) || !Character.isLetter(prefix.charAt(1))) {
			return Optional.empty();
		}
		return this.customers.findByTaxIdForIntake(prefix, taxId);
	}

	private Optional<Customer> byBureauId(String bureauId) {
		CreditBureau connector = this.bureau.getIfAvailable();
		if (connector == null) {
			return Optional.empty();
		}
		BureauReport report;
		try {
			report = connector.report(bureauId);
		}
		catch (BureauException ex) {
			if (ex.failure() == BureauFailure.UNAVAILABLE) {
				throw new IllegalStateException("The bureau is unavailable: " + ex.getMessage(), ex);
			}
			if (ex.failure() == BureauFailure.NOT_FOUND) {
				return Optional.empty();
			}
			// Refused credentials, a query it calls invalid, an answer of the wrong
			// shape: the event is refused with the bureau's reason, not as naming no
			// customer, so the dead letter says what to fix before it is replayed.
			throw ex;
		}
		if (report.taxId() == null || report.country() == null) {
			return Optional.empty();
		}
		return this.customers.findByTaxIdForIntake(report.country(), report.taxId());
	}

	private static String describe(ExternalRiskEvent.CustomerReference reference) {
		StringBuilder text = new StringBuilder();
		append(text, "taxId", reference.taxId());
		append(text, "externalRef", reference.externalRef());
		append(text, "bureauId", reference.bureauId());
		return text.toString();
	}

	private static void append(StringBuilder text, String name, String value) {
		if (value != null) {
			text.append((text.length() > 0) ? ", " : "").append(name).append(' ').append(value);
		}
	}

}
