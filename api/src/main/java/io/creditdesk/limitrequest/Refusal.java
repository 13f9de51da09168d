package io.creditdesk.limitrequest;

import java.util.List;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.ErrorCode;
import io.creditdesk.common.UserError;

/**
 * Why a rule refuses an action: a stable code, and the catalogue's sentence with the
 * figures of the case ({@link UserError}), which names the field once the caller knows
 * it.
 *
 * @param message the sentence in English
 * @param error the refusal as a user error without a field yet; null for a refusal made
 * with its own sentence
 */
public record Refusal(RequestErrorCode code, String message, UserError error) {

	/**
	 * A refusal with a sentence written by its caller.
	 * @deprecated name the code and the figures: {@link #of(RequestErrorCode, Object...)}
	 */
	@Deprecated
	public Refusal(RequestErrorCode code, String message) {
		this(code, message, null);
	}

	/** The refusal {@code code} with the figures of its sentence. */
	public static Refusal of(RequestErrorCode code, Object... figures) {
		UserError error = UserError.of(code, null, figures);
		return new Refusal(code, error.message(), error);
	}

	/** As {@link #of(RequestErrorCode, Object...)}, with one of the code's sentences. */
	public static Refusal of(ErrorCode.Variant variant, Object... figures) {
		UserError error = UserError.of(variant, null, figures);
		return new Refusal((RequestErrorCode) variant.code(), error.message(), error);
	}

	/** The refusal as the domain error that mutations turn into {@code userErrors}. */
	@SuppressWarnings("deprecation")
	public CreditDeskException toException(String field) {
		if (this.error == null) {
			return new CreditDeskException(this.code, field, this.message);
		}
		return new CreditDeskException(List.of(this.error.withField(field)));
	}

}
