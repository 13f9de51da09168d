package io.creditdesk.riskevent;

import java.util.Map;
import java.util.Optional;

import io.creditdesk.bureau.BureauException;
import io.creditdesk.bureau.BureauFailure;
import io.creditdesk.bureau.CreditBureau;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.customer.CustomerService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * Whom an event naming a company only by its bureau id concerns, when the bureau cannot
 * say: unknown only when the bureau does not know the id; its own reason otherwise.
 */
class RiskEventCustomersTests {

	private final CustomerService customerService = mock(CustomerService.class);

	private final CreditBureau bureau = mock(CreditBureau.class);

	private final RiskEventCustomers customers = new RiskEventCustomers(this.customerService,
			new StaticListableBeanFactory(Map.of("bureau", this.bureau)).getBeanProvider(CreditBureau.class));

	@ParameterizedTest
	@EnumSource(value = BureauFailure.class, names = { "UNAUTHORIZED", "MALFORMED_RESPONSE", "INVALID_QUERY" })
	void aBureauThatCannotSayWhomItsIdNamesGivesItsOwnReason(BureauFailure failure) {
		when(this.customerService.findByExternalRefForIntake(any())).thenReturn(Optional.empty());
		when(this.bureau.report("DE-4711")).thenThrow(new BureauException(failure, "bureauId", "the bureau said no"));
		assertThatThrownBy(() -> this.customers.resolve(new ExternalRiskEvent.CustomerReference(null, null, "DE-4711")))
			.isInstanceOfSatisfying(CreditDeskException.class,
					ex -> assertThat(ex.errors().get(0).code().code()).isEqualTo(failure.code().code()));
	}

	@ParameterizedTest
	@EnumSource(value = BureauFailure.class, names = { "NOT_FOUND" })
	void anIdTheBureauDoesNotKnowNamesNoCustomer(BureauFailure failure) {
		when(this.customerService.findByExternalRefForIntake(any())).thenReturn(Optional.empty());
		when(this.bureau.report("DE-4711")).thenThrow(new BureauException(failure, "bureauId", "unknown"));
		assertThatThrownBy(() -> this.customers.resolve(new ExternalRiskEvent.CustomerReference(null, null, "DE-4711")))
			.isInstanceOfSatisfying(CreditDeskException.class, ex -> assertThat(ex.errors().get(0).code().code())
				.isEqualTo(RiskEventErrorCode.EVENT_CUSTOMER_UNKNOWN.code()));
	}

}
