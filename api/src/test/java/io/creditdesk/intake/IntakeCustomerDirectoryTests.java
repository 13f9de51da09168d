package io.creditdesk.intake;

import java.util.List;
import java.util.Optional;

import io.creditdesk.customer.Customer;
import io.creditdesk.customer.CustomerService;
import io.creditdesk.customer.CustomerStatus;
import io.creditdesk.intake.CustomerDirectory.KnownCustomer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The intake's customer directory remembers customers it found, never references it did not find. */
class IntakeCustomerDirectoryTests {

	private final CustomerService customers = mock(CustomerService.class);

	private final CustomerServiceDirectory directory = new CustomerServiceDirectory(this.customers);

	private static Customer customer(String id) {
		return new Customer(id, "ERP-10042", "Rhein Steelworks GmbH", "DE136695976", "DE", "MID_MARKET", "GOLD",
				"MANUFACTURING", null, "EUR", CustomerStatus.ACTIVE, List.of(), null, null, null, 1);
	}

	@Test
	void aFoundReferenceIsLookedUpOnceThenRemembered() {
		when(this.customers.findByExternalRefForIntake(" erp-10042 ")).thenReturn(Optional.of(customer("cust-1")));
		for (int i = 0; i < 3; i++) {
			assertThat(this.directory.byExternalRef(" erp-10042 ")).contains(new KnownCustomer("cust-1", "EUR"));
		}
		verify(this.customers, times(1)).findByExternalRefForIntake(" erp-10042 ");
	}

	@Test
	void aFoundTaxIdIsLookedUpOnceThenRemembered() {
		when(this.customers.findByTaxIdForIntake("de", "136 695 976")).thenReturn(Optional.of(customer("cust-1")));
		assertThat(this.directory.byTaxId("de", "136 695 976")).contains(new KnownCustomer("cust-1", "EUR"));
		assertThat(this.directory.byTaxId("de", "136 695 976")).contains(new KnownCustomer("cust-1", "EUR"));
		verify(this.customers, times(1)).findByTaxIdForIntake("de", "136 695 976");
	}

	@Test
	void anUnknownReferenceIsNotRememberedSoANewCustomerResolvesAtOnce() {
		when(this.customers.findByExternalRefForIntake("ERP-NEW")).thenReturn(Optional.empty());
		assertThat(this.directory.byExternalRef("ERP-NEW")).isEmpty();
		when(this.customers.findByExternalRefForIntake("ERP-NEW")).thenReturn(Optional.of(customer("cust-2")));
		assertThat(this.directory.byExternalRef("ERP-NEW")).contains(new KnownCustomer("cust-2", "EUR"));
		verify(this.customers, times(2)).findByExternalRefForIntake("ERP-NEW");
	}

}
