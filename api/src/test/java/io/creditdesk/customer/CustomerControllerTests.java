package io.creditdesk.customer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import io.creditdesk.audit.AuditLog;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.DecimalInput;
import io.creditdesk.common.Money;
import io.creditdesk.customer.CustomerInputs.SetCreditLimitInput;
import io.creditdesk.graphql.GraphQlLimitsProperties;
import io.creditdesk.policy.CreditPolicyService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.graphql.test.autoconfigure.GraphQlTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;

/** The GraphQL layer alone: payload shaping, the Decimal scalar, argument binding. */
@GraphQlTest(CustomerController.class)
class CustomerControllerTests {

	@Autowired
	private GraphQlTester graphQl;

	@MockitoBean
	private CustomerService customers;

	@MockitoBean
	private CreditPolicyService policies;

	@MockitoBean
	private AuditLog audit;

	/**
	 * The GraphQL limits are part of the GraphQL layer (an instrumentation, the document
	 * cache): their settings and meters.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(GraphQlLimitsProperties.class)
	static class Limits {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	private static Customer customer(String amount) {
		CreditLimit limit = (amount != null) ? new CreditLimit(new Money(new BigDecimal(amount), "EUR"), null,
				LocalDate.of(2027, 1, 1), "manager", Instant.EPOCH) : null;
		return new Customer("c1", "ERP-1", "Acme GmbH", "DE136695976", "DE", "SMB", "GOLD", "RETAIL", null, "EUR",
				CustomerStatus.ACTIVE, List.of(), limit, Instant.EPOCH, Instant.EPOCH, 3, null);
	}

	@Test
	void moneyIsAnExactDecimalString() {
		given(this.customers.get("c1")).willReturn(Optional.of(customer("1250")));
		this.graphQl.document("{ customer(id: \"c1\") { creditLimit { amount currency } version } }")
			.execute()
			.path("customer.creditLimit.amount")
			.entity(String.class)
			.isEqualTo("1250.00")
			.path("customer.version")
			.entity(Integer.class)
			.isEqualTo(3);
	}

	@Test
	void decimalInputReachesTheServiceAsSentAndRefusalsBecomeUserErrors() {
		given(this.customers.setCreditLimit(any())).willThrow(
				new CreditDeskException(CustomerErrorCode.OVER_HARD_CAP, "amount", "The limit is above the hard cap."));
		this.graphQl
			.document("mutation { setCreditLimit(input: {customerId: \"c1\", amount: 1e6, reason: \"r\"}) "
					+ "{ customer { id } userErrors { field code message } } }")
			.execute()
			.path("setCreditLimit.customer")
			.valueIsNull()
			.path("setCreditLimit.userErrors[0].code")
			.entity(String.class)
			.isEqualTo("OVER_HARD_CAP")
			.path("setCreditLimit.userErrors[0].field")
			.entity(String.class)
			.isEqualTo("amount");
		ArgumentCaptor<SetCreditLimitInput> input = ArgumentCaptor.forClass(SetCreditLimitInput.class);
		verify(this.customers).setCreditLimit(input.capture());
		assertThat(input.getValue().amount()).isInstanceOf(DecimalInput.class);
		assertThat(input.getValue().amount().toBigDecimal()).isEqualByComparingTo("1000000");
	}

	@Test
	void aNonScalarDecimalIsAValidationError() {
		this.graphQl
			.document("mutation { setCreditLimit(input: {customerId: \"c1\", amount: true, reason: \"r\"}) "
					+ "{ userErrors { code } } }")
			.execute()
			.errors()
			.expect(error -> error.getErrorType().toString().equals("ValidationError"))
			.verify();
	}

}
