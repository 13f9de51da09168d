package io.creditdesk.intake;

import java.util.List;
import java.util.Optional;

import io.creditdesk.customer.Customer;
import io.creditdesk.customer.CustomerService;
import io.creditdesk.customer.CustomerStatus;
import io.creditdesk.intake.CustomerDirectory.KnownCustomer;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The intake's customer directory remembers customers it found, never references it did
 * not find, and forgets what it found when the customers' references version moves.
 */
class IntakeCustomerDirectoryTests {

	private final CustomerService customers = mock(CustomerService.class);

	private final CustomerServiceDirectory directory = new CustomerServiceDirectory(this.customers);

	private static Customer customer(String id) {
		return new Customer(id, "ERP-10042", "Rhein Steelworks GmbH", "DE136695976", "DE", "MID_MARKET", "GOLD",
				"MANUFACTURING", null, "EUR", CustomerStatus.ACTIVE, List.of(), null, null, null, 1, null);
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

	@Test
	void aNewReferencesVersionMakesEveryRememberedLookUpStale() {
		CustomerServiceDirectory checkingAlways = new CustomerServiceDirectory(this.customers, Duration.ZERO);
		when(this.customers.referencesVersion()).thenReturn(7L);
		when(this.customers.findByExternalRefForIntake("ERP-10042")).thenReturn(Optional.of(customer("cust-1")));
		when(this.customers.findByTaxIdForIntake("DE", "DE136695976")).thenReturn(Optional.of(customer("cust-1")));
		assertThat(checkingAlways.byExternalRef("ERP-10042")).contains(new KnownCustomer("cust-1", "EUR"));
		assertThat(checkingAlways.byTaxId("DE", "DE136695976")).contains(new KnownCustomer("cust-1", "EUR"));
		assertThat(checkingAlways.byExternalRef("ERP-10042")).contains(new KnownCustomer("cust-1", "EUR"));
		verify(this.customers, times(1)).findByExternalRefForIntake("ERP-10042");

		// The reference moved to another customer (the customer capability moved the
		// version).
		when(this.customers.referencesVersion()).thenReturn(8L);
		when(this.customers.findByExternalRefForIntake("ERP-10042")).thenReturn(Optional.of(customer("cust-9")));
		assertThat(checkingAlways.byExternalRef("ERP-10042")).contains(new KnownCustomer("cust-9", "EUR"));
		assertThat(checkingAlways.byTaxId("DE", "DE136695976")).contains(new KnownCustomer("cust-1", "EUR"));
		verify(this.customers, times(2)).findByExternalRefForIntake("ERP-10042");
		verify(this.customers, times(2)).findByTaxIdForIntake("DE", "DE136695976");
	}

	@Test
	void theReferencesVersionIsReadAtMostOncePerInterval() {
		CustomerServiceDirectory checkingHourly = new CustomerServiceDirectory(this.customers, Duration.ofHours(1));
		when(this.customers.findByExternalRefForIntake("ERP-10042")).thenReturn(Optional.of(customer("cust-1")));
		for (int i = 0; i < 5; i++) {
			assertThat(checkingHourly.byExternalRef("ERP-10042")).contains(new KnownCustomer("cust-1", "EUR"));
		}
		verify(this.customers, times(1)).referencesVersion();
		verify(this.customers, times(1)).findByExternalRefForIntake("ERP-10042");
	}

}
