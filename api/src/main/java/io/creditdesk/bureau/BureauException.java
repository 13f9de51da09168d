package io.creditdesk.bureau;

import java.util.List;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.MessageCatalogue.Phrase;
import io.creditdesk.common.UserError;

/**
 * A bureau call without an answer, with the typed reason. It is a
 * {@link CreditDeskException}, so a mutation that fetches a report returns it as a user
 * error with a stable code, never a server error.
 */
public class BureauException extends CreditDeskException {

	private final BureauFailure failure;

	/**
	 * A failure with a sentence written by its caller.
	 * @deprecated name the sentence and its figures:
	 * {@link #of(BureauFailure, String, String, Object...)}
	 */
	@Deprecated
	public BureauException(BureauFailure failure, String field, String message) {
		super(failure.code(), field, message);
		this.failure = failure;
	}

	private BureauException(BureauFailure failure, UserError error) {
		super(List.of(error));
		this.failure = failure;
	}

	/**
	 * The failure with the catalogue's sentence {@code error.BUREAU_<FAILURE>.<sentence>}
	 * (the code's own sentence when {@code sentence} is null) and its figures.
	 */
	public static BureauException of(BureauFailure failure, String sentence, String field, Object... figures) {
		UserError error = (sentence != null) ? UserError.of(failure.code().variant(sentence), field, figures)
				: UserError.of(failure.code(), field, figures);
		return new BureauException(failure, error);
	}

	/**
	 * A call to the bureau as a figure: {@code company report} ({@code bureau.call.*}).
	 */
	static Phrase call(String what) {
		return Phrase.of("bureau.call." + what.replace(' ', '_'));
	}

	public BureauFailure failure() {
		return this.failure;
	}

}
