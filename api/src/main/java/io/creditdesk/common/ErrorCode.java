package io.creditdesk.common;

/**
 * A stable, machine-readable reason a request was refused, as it appears in
 * {@code userErrors} ({@code UserError.code}, the GraphQL enum {@code UserErrorCode}) and
 * in {@code extensions.code}. Each capability declares its own codes as an enum
 * implementing this interface, next to the rules that refuse with them; codes every
 * capability uses (a missing field, a bad cursor) are {@link CommonErrorCode}. The wire
 * string of a code is its constant name, so the GraphQL enum serialises it unchanged; a
 * code may be added, never renamed nor given another meaning.
 */
public interface ErrorCode {

	/** The constant name, which is also the wire string. */
	String name();

	/**
	 * The wire string: the same in {@code userErrors}, {@code extensions.code} and stored
	 * records.
	 */
	default String code() {
		return name();
	}

	/**
	 * The key of this code's sentence in a message catalogue ({@code error.<CODE>}):
	 * stable, so a Spring {@code MessageSource} can explain a refusal in the caller's
	 * language.
	 */
	default String messageKey() {
		return "error." + code();
	}

	/**
	 * One of several sentences of this code ({@code error.<CODE>.<name>}), where one code
	 * is refused for different reasons that need different figures.
	 */
	default Variant variant(String name) {
		return new Variant(this, name);
	}

	/** A code with the name of one of its sentences. */
	record Variant(ErrorCode code, String name) {

		public String messageKey() {
			return this.code.messageKey() + "." + this.name;
		}

	}

}
