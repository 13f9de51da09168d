package io.creditdesk.common;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A required text holds visible text: one made only of blanks and control characters is
 * REQUIRED (before, NUL or BEL passed the blank check and trimming left an empty value:
 * an order with the id {@code ""}, a customer named {@code ""}); control characters
 * inside are CONTROL_CHARACTERS, except tabs and line breaks in free texts; ids also
 * refuse invisible formatting characters such as a right-to-left override.
 */
class ValidationTextTests {

	@Test
	void aTextOfOnlyControlCharactersIsRequired() {
		for (String blank : List.of("\u0001", "\u0000\u0007", " \u0002 ", "\t\n", "\u00a0")) {
			assertThat(codes(v -> v.required("name", blank, 200))).as("%s", blank.codePoints().toArray())
				.containsExactly("REQUIRED");
			assertThat(codes(v -> v.id("orderId", blank, 128))).containsExactly("REQUIRED");
			assertThat(codes(v -> v.freeText("reason", blank, 500))).containsExactly("REQUIRED");
		}
	}

	@Test
	void anOptionalReasonIsNoneWhenBlankAndCheckedAsAnyFreeTextOtherwise() {
		for (String none : java.util.Arrays.asList(null, "", "  ", "\t\n", "\u00a0")) {
			Validation v = new Validation();
			assertThat(v.optionalFreeText("reason", none, 500)).isNull();
			v.throwIfInvalid();
		}
		Validation v = new Validation();
		assertThat(v.optionalFreeText("reason", " Returned:\n\t2 pallets ", 500)).isEqualTo("Returned:\n\t2 pallets");
		v.throwIfInvalid();
		for (String text : List.of("\u0002", "x\u0000y", "\u001b[31mRED")) {
			assertThat(codes(w -> w.optionalFreeText("reason", text, 500))).as("%s", text.codePoints().toArray())
				.containsExactly("CONTROL_CHARACTERS");
		}
		assertThat(codes(w -> w.optionalFreeText("reason", "B".repeat(501), 500))).containsExactly("TOO_LONG");
	}

	@Test
	void controlCharactersInsideATextAreRefusedWithTheField() {
		Validation v = new Validation();
		assertThat(v.id("orderId", "O-\u0000\u0007x", 128)).isNull();
		assertThatThrownBy(v::throwIfInvalid).isInstanceOfSatisfying(CreditDeskException.class, ex -> {
			assertThat(ex.errors()).singleElement().satisfies(e -> {
				assertThat(e.code().code()).isEqualTo("CONTROL_CHARACTERS");
				assertThat(e.field()).isEqualTo("orderId");
				assertThat(e.message()).startsWith("orderId contains the control character U+0000 at position 3");
			});
		});
		for (String text : List.of("Ana\u007f", "Ana\u0085", "A\tB", "A\nB", "A\u001bB")) {
			assertThat(codes(w -> w.required("name", text, 200))).containsExactly("CONTROL_CHARACTERS");
		}
		assertThat(codes(w -> w.freeText("reason", "Returned\u0000", 500))).containsExactly("CONTROL_CHARACTERS");
	}

	@Test
	void blanksAndLineBreaksAroundATextAreTrimmedAsBefore() {
		Validation v = new Validation();
		assertThat(v.required("name", "  Acme GmbH\r\n", 200)).isEqualTo("Acme GmbH");
		assertThat(v.id("orderId", "\tO-1\n", 128)).isEqualTo("O-1");
		v.throwIfInvalid();
		Validation w = new Validation();
		assertThat(w.id("orderId", " \nO-\u0000", 128)).isNull();
		assertThatThrownBy(w::throwIfInvalid).isInstanceOfSatisfying(CreditDeskException.class,
				ex -> assertThat(ex.errors()).singleElement()
					.satisfies(e -> assertThat(e.message()).contains("U+0000 at position 5")));
	}

	@Test
	void freeTextsKeepLineBreaksAndTabs() {
		Validation v = new Validation();
		assertThat(v.freeText("reason", "  Returned:\n\t2 pallets\r\n", 500)).isEqualTo("Returned:\n\t2 pallets");
		assertThat(v.hasErrors()).isFalse();
	}

	@Test
	void idsRefuseInvisibleFormattingCharactersNamesKeepThem() {
		for (String id : List.of("O-\u202egpj.exe", "O-\u2066x\u2069", "O\u200b1", "\ufeffO-1")) {
			assertThat(codes(v -> v.id("orderId", id, 128))).containsExactly("CONTROL_CHARACTERS");
		}
		Validation v = new Validation();
		// A zero-width joiner belongs to some scripts' spelling of a name.
		assertThat(v.required("name", " \u0915\u094d\u200d\u0937 ", 200)).isEqualTo("\u0915\u094d\u200d\u0937");
		assertThat(v.id("orderId", " O-1 ", 128)).isEqualTo("O-1");
		assertThat(v.hasErrors()).isFalse();
	}

	private static List<String> codes(java.util.function.Consumer<Validation> check) {
		Validation v = new Validation();
		check.accept(v);
		try {
			v.throwIfInvalid();
			return List.of();
		}
		catch (CreditDeskException ex) {
			return ex.errors().stream().map(e -> e.code().code()).toList();
		}
	}

}
