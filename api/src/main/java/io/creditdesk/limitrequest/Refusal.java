package io.creditdesk.limitrequest;

import io.creditdesk.common.CreditDeskException;

/** Why a rule refuses an action: a stable code and a sentence a person understands. */
public record Refusal(RequestErrorCode code, String message) {

	/** The refusal as the domain error that mutations turn into {@code userErrors}. */
	public CreditDeskException toException(String field) {
		return new CreditDeskException(this.code, field, this.message);
	}

}
