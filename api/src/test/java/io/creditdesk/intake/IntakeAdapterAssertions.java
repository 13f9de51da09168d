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

}
