package io.creditdesk.common;

import java.util.List;

/**
 * A refused request: bad input or a business rule that does not allow the change. Carries
 * one or more {@link UserError}s with stable codes. Mutations turn it into
 * {@code userErrors}; it is never a server error.
 */
public class CreditDeskException extends RuntimeException {

	private final List<UserError> errors;

	public CreditDeskException(ErrorCode code, String field, String message) {
		this(List.of(new UserError(field, message, code)));
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
