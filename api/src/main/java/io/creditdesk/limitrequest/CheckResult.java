package io.creditdesk.limitrequest;

import java.util.List;

/**
 * The outcome of one pre-analysis check with the figures it used, as recorded on the
 * request.
 *
 * @param code which check
 * @param outcome pass, warn or fail
 * @param blocking whether this outcome refuses the request on its own
 * @param reason why it did not pass; null when it passed
 * @param detail one sentence for the approver, from the message catalogue
 * ({@code check.<CODE>.<variant>}), rendered in the reader's language
 * @param figures the values the check compared, in the order they read best
 */
public record CheckResult(CheckCode code, CheckOutcome outcome, boolean blocking, ReasonCode reason, Sentence detail,
		List<Figure> figures) {

	/**
	 * One value a check used: a name and the value as text (amounts as exact decimals
	 * with their currency).
	 */
	public record Figure(String name, String value) {
	}

	public CheckResult {
		figures = List.copyOf(figures);
		if (blocking && outcome != CheckOutcome.FAIL) {
			throw new IllegalArgumentException("Only a failed check can block: " + code);
		}
		if ((outcome == CheckOutcome.PASS) != (reason == null)) {
			throw new IllegalArgumentException("A check has a reason exactly when it does not pass: " + code);
		}
	}

}
