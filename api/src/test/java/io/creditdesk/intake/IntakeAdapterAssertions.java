package io.creditdesk.intake;

import java.util.function.Supplier;

import io.creditdesk.common.CreditDeskException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Asserts a precise refusal: the stable code, the field and a message for people. */
final class IntakeAdapterAssertions {

	private IntakeAdapterAssertions() {
	}

	static CreditDeskException refused(Supplier<?> call, String code, String field) {
		CreditDeskException ex = catchThrowableOfType(CreditDeskException.class, call::get);
		assertThat(ex).as("refused with " + code).isNotNull();
		assertThat(ex.errors()).anySatisfy(e -> {
			assertThat(e.code().code()).isEqualTo(code);
			assertThat(e.field()).isEqualTo(field);
			assertThat(e.message()).isNotBlank();
		});
		return ex;
	}

	/**
	 * A refusal for a control or formatting character: {@code CONTROL_CHARACTERS}, the
	 * field, and a message naming the field and the character ({@code U+0007}).
	 */
	static CreditDeskException refusedForControlCharacter(Supplier<?> call, String field, String character) {
		CreditDeskException ex = refused(call, "CONTROL_CHARACTERS", field);
		assertThat(ex.errors()).singleElement()
			.satisfies(e -> assertThat(e.message()).startsWith(field + " contains").contains(character));
		return ex;
	}

}
