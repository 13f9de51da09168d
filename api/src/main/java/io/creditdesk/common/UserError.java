package io.creditdesk.common;

/**
 * One reason a mutation was refused: the input field it concerns (a path such as
 * {@code paymentTerms.netDays}, or null), a message for people and a stable
 * {@link ErrorCode} for machines. The message is cut to {@value #MAX_MESSAGE_LENGTH}
 * characters here, in one place, whatever input it repeats: a 10 MB code is never echoed
 * back whole.
 */
public record UserError(String field, String message, ErrorCode code) {

	/** The longest message a refusal carries; longer ones end with an ellipsis. */
	public static final int MAX_MESSAGE_LENGTH = 500;

	/** The most of an input a message quotes; {@link #quote} cuts the rest. */
	public static final int MAX_QUOTED_LENGTH = 100;

	private static final int MAX_FIELD_LENGTH = 200;

	public UserError {
		field = truncate(field, MAX_FIELD_LENGTH);
		message = truncate(message, MAX_MESSAGE_LENGTH);
	}

	/**
	 * An input as a message repeats it: in single quotes, cut after
	 * {@value #MAX_QUOTED_LENGTH} characters with an ellipsis and the full length, e.g.
	 * {@code 'AAAA…' (10485760 characters)}.
	 */
	public static String quote(Object input) {
		if (input == null) {
			return "null";
		}
		String text = input.toString();
		if (text.length() <= MAX_QUOTED_LENGTH) {
			return "'" + text + "'";
		}
		return "'" + truncate(text, MAX_QUOTED_LENGTH) + "' (" + text.length() + " characters)";
	}

	/**
	 * {@code text} cut to at most {@code max} characters, the last of them an ellipsis
	 * when cut.
	 */
	public static String truncate(String text, int max) {
		if (text == null || text.length() <= max) {
			return text;
		}
		int end = max - 1;
		if (Character.isHighSurrogate(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(0, end) + "\u2026";
	}

}
