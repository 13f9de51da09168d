package io.creditdesk.risk;

import java.time.Clock;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The ports this branch's risk tests need from the other half of issue 14 (ledger
 * histories, portfolio re-scoring), as test implementations; imported only by the tests
 * that use them, and primary so they win over the real ones once both halves are merged.
 */
@TestConfiguration(proxyBeanMethods = false)
public class RiskTestBeans {

	/** Customers of the generated test portfolio. */
	public static final int CUSTOMERS = 400;

	@Bean
	@Primary
	GeneratedCustomerLedgers generatedCustomerLedgers(Clock clock) {
		return new GeneratedCustomerLedgers(clock, 7, CUSTOMERS);
	}

	@Bean
	@Primary
	RecordingPortfolioScoring recordingPortfolioScoring(ActiveModels models) {
		return new RecordingPortfolioScoring(models);
	}

}
