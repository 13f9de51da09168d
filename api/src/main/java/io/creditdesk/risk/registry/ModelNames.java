package io.creditdesk.risk.registry;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.Validation;

/**
 * The rule for the characters of a model's name, wherever a name comes in (an upload's
 * {@code ?name=}, {@code trainModel}'s {@code name}): a control character or an invisible
 * formatting character (a bidi override such as U+202E, a zero-width character) is
 * refused as {@code CONTROL_CHARACTERS} on the field {@code name}, naming its code point,
 * before the registry's own refusal of a malformed name ({@code INVALID_CODE}) could echo
 * it raw. A missing or blank name is left to the caller (the registry refuses it as
 * {@code REQUIRED}; training falls back to {@link ModelRegistry#BUILD_MODEL_NAME}).
 */
public final class ModelNames {

	/** The field a refusal names. */
	public static final String FIELD = "name";

	private ModelNames() {
	}

	/**
	 * Refuses {@code name} when it holds a control or formatting character; a null or
	 * blank name passes.
	 * @throws CreditDeskException {@code CONTROL_CHARACTERS} on {@link #FIELD}
	 */
	public static void refuseControlCharacters(String name) {
		if (name == null || Validation.isBlank(name)) {
			return;
		}
		Validation check = new Validation();
		check.id(FIELD, name, Integer.MAX_VALUE);
		check.throwIfInvalid();
	}

}
