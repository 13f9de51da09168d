package io.creditdesk.risk.registry;

import io.creditdesk.common.CreditDeskException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one rule for a model name's characters, as the upload and {@code trainModel} apply
 * it: a control or formatting character is {@code CONTROL_CHARACTERS} on {@code name},
 * named by its code point and never echoed; anything else (a malformed name included) is
 * left to the registry.
 */
class ModelNamesTests {

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", "  ", "credit-risk", "credit_risk.v2", "x y", "-bad", "ÄÖÜ",
			"credit-risk-2026-12-a-rather-long-candidate-name" })
	void namesWithoutControlOrFormatCharactersPass(String name) {
		assertThatCode(() -> ModelNames.refuseControlCharacters(name)).doesNotThrowAnyException();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			x{202E}gpj.exe | U+202E | 2
			x{0007}y       | U+0007 | 2
			c{0000}redit   | U+0000 | 2
			cred{200B}it   | U+200B | 5
			cre{FEFF}dit   | U+FEFF | 4
			a{000A}b       | U+000A | 2
			""")
	void aControlOrFormatCharacterIsRefusedNamingItsCodePoint(String template, String codePoint, int position) {
		String name = unescape(template);
		assertThatThrownBy(() -> ModelNames.refuseControlCharacters(name))
			.isInstanceOfSatisfying(CreditDeskException.class, ex -> {
				assertThat(ex.errors()).singleElement().satisfies(error -> {
					assertThat(error.code().code()).isEqualTo("CONTROL_CHARACTERS");
					assertThat(error.field()).isEqualTo("name");
					assertThat(error.message()).contains(codePoint + " at position " + position)
						.doesNotContain(name.substring(position - 1, position));
				});
			});
	}

	/** {@code {202E}} as the character U+202E. */
	private static String unescape(String template) {
		StringBuilder out = new StringBuilder();
		String[] parts = template.split("[{}]");
		for (int i = 0; i < parts.length; i++) {
			out.append((i % 2 == 1) ? Character.toString(Integer.parseInt(parts[i], 16)) : parts[i]);
		}
		return out.toString();
	}

}
