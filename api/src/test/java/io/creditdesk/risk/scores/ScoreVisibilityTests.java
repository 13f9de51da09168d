package io.creditdesk.risk.scores;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ScoreVisibilityTests {

	@ParameterizedTest(name = "{0} -> contributions visible: {1}")
	@CsvSource(delimiter = ';',
			value = { "ROLE_SALES; false", "ROLE_CREDIT_ANALYST; true", "ROLE_DATA_SCIENTIST; true", "ROLE_ADMIN; true",
					"ROLE_SALES,ROLE_CREDIT_MANAGER; true", "ROLE_INTEGRATION; true", "SCOPE_read; false", "''; false",
					"ROLE_SALES,ROLE_offline_access; false", "ROLE_SALES,ROLE_default-roles-credit; false",
					"ROLE_CFO; true", "ROLE_CREDIT_MANAGER; true" })
	void onlyCreditAndDataStaffAndMachinesSeeContributions(String authorities, boolean visible) {
		List<String> list = authorities.isEmpty() ? List.of() : List.of(authorities.split(","));
		assertThat(ScoreVisibility.contributions(list)).isEqualTo(visible);
	}

}
