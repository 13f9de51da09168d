package io.creditdesk.ledger;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class UtilizationTests {

	@ParameterizedTest(name = "{0} of {1} is {2} %")
	@CsvSource({ "85000.00, 100000.00, 85.0", "87449.00, 100000.00, 87.4", "87450.00, 100000.00, 87.5",
			"1.00, 3.00, 33.3", "2.00, 3.00, 66.7", "0.00, 120000.00, 0.0", "150000.00, 120000.00, 125.0",
			"0.05, 1000.00, 0.0", "0.50, 1000.00, 0.1", "10.00, 0.00, 100.0", "0.00, 0.00, 0.0" })
	void percentOfTheLimitHalfUpToOneDecimal(String net, String limit, String percent) {
		BigDecimal result = Utilization.percent(new BigDecimal(net), new BigDecimal(limit));
		assertThat(result).isEqualTo(new BigDecimal(percent));
	}

}
