package io.creditdesk.common;

import java.util.List;

/**
 * A refused request: bad input or a business rule that does not allow the change. Carries
 * one or more {@link UserError}s with stable codes. Mutations turn it into
 * {@code userErrors}; it is never a server error.
 */
public class CreditDeskException extends RuntimeException {

	private final List<UserError> errors;

	/**
	 * A refusal with a sentence written by its caller.
	 * @deprecated name the code and the figures:
	 * {@link #refuse(ErrorCode, String, Object...)}
	 */
	@Deprecated
	public CreditDeskException(ErrorCode code, String field, String message) {
		this(List.of(new UserError(field, message, code)));
	}

	/**
	 * A refusal of {@code field} with {@code code} and the figures of its sentence
	 * ({@link UserError#of(ErrorCode, String, Object...)}).
	 */
	public static CreditDeskException refuse(ErrorCode code, String field, Object... figures) {
		return new CreditDeskException(List.of(UserError.of(code, field, figures)));
	}

	/**
	 * As {@link #refuse(ErrorCode, String, Object...)}, with one of the code's sentences.
	 */
	public static CreditDeskException refuse(ErrorCode.Variant variant, String field, Object... figures) {
		return new CreditDeskException(List.of(UserError.of(variant, field, figures)));
	}

	public CreditDeskException(List<UserError> errors) {
		super(errors.isEmpty() ? "refused" : errors.get(0).code().code() + ": " + errors.get(0).message());
		this.errors = List.copyOf(errors);
	}

	public List<UserError> errors() {
		return this.errors;
	}

	/** The first error's code as on the wire. */
	public String code() {
		return this.errors.get(0).code().code();
	}

}
