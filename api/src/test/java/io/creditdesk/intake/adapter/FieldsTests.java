package io.creditdesk.intake.adapter;

import java.time.LocalDate;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.intake.IntakeErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Dates in the channels' payloads: the three formats, and the years 0001-9999 only (ISO
 * allows {@code +999999999-12-31}, which the store cannot hold).
 */
class FieldsTests {

	@Test
	void theThreeFormatsAreRead() {
		assertThat(Fields.date("d", "2026-12-15")).isEqualTo(LocalDate.of(2026, 12, 15));
		assertThat(Fields.date("d", "20261215")).isEqualTo(LocalDate.of(2026, 12, 15));
		assertThat(Fields.date("d", "15.12.2026")).isEqualTo(LocalDate.of(2026, 12, 15));
		assertThat(Fields.date("d", "9999-12-31")).isEqualTo(LocalDate.of(9999, 12, 31));
		assertThat(Fields.date("d", " ")).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "+999999999-12-31", "-999999999-01-01", "+10000-01-01", "2026-13-01" })
	void aDateOutsideTheYearsOrTheFormatsIsMalformed(String value) {
		assertThatExceptionOfType(CreditDeskException.class)
			.isThrownBy(() -> Fields.date("requestedDeliveryDate", value))
			.satisfies(ex -> {
				assertThat(ex.errors().get(0).code()).isEqualTo(IntakeErrorCode.MALFORMED_DATE);
				assertThat(ex.errors().get(0).field()).isEqualTo("requestedDeliveryDate");
			});
	}

	/**
	 * A channel's required text of nothing but blanks and control characters is missing,
	 * as everywhere (Validation); before, {@code "\u0001"} was trimmed to an empty SKU.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "\u0001", "\u0000\u0007", " \t\u0002 " })
	void aRequiredTextOfControlCharactersIsRequired(String value) {
		assertThatExceptionOfType(CreditDeskException.class)
			.isThrownBy(() -> Fields.requiredText("lines[0].sku", value))
			.satisfies(ex -> {
				assertThat(ex.errors().get(0).code().code()).isEqualTo("REQUIRED");
				assertThat(ex.errors().get(0).field()).isEqualTo("lines[0].sku");
			});
		assertThat(Fields.optionalText("country", value)).isNull();
		assertThat(Fields.optionalId("customer.taxId", value)).isNull();
		assertThat(Fields.date("requestedDeliveryDate", value)).isNull();
	}

	/**
	 * A control character inside a channel's text is CONTROL_CHARACTERS with the field
	 * and its position, by the rule of texts everywhere (Validation); ids also refuse
	 * invisible formatting characters.
	 */
	@ParameterizedTest
	@ValueSource(
			strings = { "ERP\u000710042", "ERP-10042\u0000", "ERP\t10042", "ERP\n10042", "ERP\u007f", "ERP\u0085" })
	void aControlCharacterInsideATextIsRefusedNamingTheField(String value) {
		for (Runnable check : java.util.List.<Runnable>of(() -> Fields.requiredText("currency", value),
				() -> Fields.optionalText("currency", value), () -> Fields.requiredId("currency", value),
				() -> Fields.optionalId("currency", value), () -> Fields.decimal("currency", value),
				() -> Fields.date("currency", value))) {
			assertThatExceptionOfType(CreditDeskException.class).isThrownBy(check::run).satisfies(ex -> {
				assertThat(ex.errors().get(0).code().code()).isEqualTo("CONTROL_CHARACTERS");
				assertThat(ex.errors().get(0).field()).isEqualTo("currency");
				assertThat(ex.errors().get(0).message()).startsWith("currency contains the control character U+");
			});
		}
	}

	@Test
	void idsAlsoRefuseInvisibleFormattingCharacters() {
		assertThatExceptionOfType(CreditDeskException.class)
			.isThrownBy(() -> Fields.requiredId("customer.externalRef", "ERP-\u202e10042"))
			.satisfies(ex -> assertThat(ex.errors().get(0).code().code()).isEqualTo("CONTROL_CHARACTERS"));
		assertThat(Fields.requiredText("name", "Acme\u200dGmbH")).isEqualTo("Acme\u200dGmbH");
	}

	@Test
	void blanksAndLineBreaksAroundATextAreTrimmed() {
		assertThat(Fields.requiredText("currency", " \r\nEUR\t\n")).isEqualTo("EUR");
		assertThat(Fields.optionalId("customer.externalRef", "\tERP-10042\r\n")).isEqualTo("ERP-10042");
		assertThat(Fields.decimal("total", " 149,90\r\n")).isEqualByComparingTo("149.90");
		assertThat(Fields.date("d", "2026-12-15\r\n")).isEqualTo(LocalDate.of(2026, 12, 15));
	}

}
