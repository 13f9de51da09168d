package io.creditdesk.bureau;

import io.creditdesk.common.CreditDeskException;

/**
 * A bureau call without an answer, with the typed reason. It is a
 * {@link CreditDeskException}, so a mutation that fetches a report returns it as a user
 * error with a stable code, never a server error.
 */
public class BureauException extends CreditDeskException {

	private final BureauFailure failure;

	public BureauException(BureauFailure failure, String field, String message) {
		super(failure.code(), field, message);
		this.failure = failure;
	}

	public BureauFailure failure() {
		return this.failure;
	}

}
