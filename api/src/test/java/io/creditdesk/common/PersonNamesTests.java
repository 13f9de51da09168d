package io.creditdesk.common;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PersonNamesTests {

	@ParameterizedTest(name = "{0} / {1}: {2}")
	@CsvSource(nullValues = "-", value = { "ana, ana, true", "Ana, ana, true", "' ana ', ANA, true", "ana, anna, false",
			"ana, -, false", "-, -, false", "İlker, ilker, false" })
	void oneNameRegardlessOfCaseAndBlanks(String name, String other, boolean same) {
		assertThat(PersonNames.samePerson(name, other)).isEqualTo(same);
		assertThat(PersonNames.samePerson(other, name)).isEqualTo(same);
	}

}
