package io.creditdesk.common;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import io.creditdesk.common.MessageCatalogue.Quoted;

/**
 * One reason a mutation was refused: the input field it concerns (a path such as
 * {@code paymentTerms.netDays}, or null), a stable {@link ErrorCode} for machines, and
 * for people the catalogue's sentence ({@code messageKey}) with the figures of the case
 * ({@link MessageCatalogue}). {@code message} is that sentence in English, rendered when
 * the error is made (logs, dead letters and stored records keep it);
 * {@link #message(Locale)} renders it again in a reader's language. The message is cut to
 * {@value #MAX_MESSAGE_LENGTH} characters here, in one place, whatever input it repeats:
 * a 10 MB code is never echoed back whole.
 *
 * @param messageKey the catalogue's key of the sentence ({@code error.<CODE>} or
 * {@code error.<CODE>.<variant>}); its {@code {0}} is the field
 * @param figures the figures the sentence names, typed (money, numbers, dates, quoted
 * input), as its placeholders {@code {1}}, {@code {2}}, ...
 */
public record UserError(String field, String message, ErrorCode code, String messageKey, List<Object> figures) {

	/** The longest message a refusal carries; longer ones end with an ellipsis. */
	public static final int MAX_MESSAGE_LENGTH = 500;

	/** The most of an input a message quotes; {@link #quote} cuts the rest. */
	public static final int MAX_QUOTED_LENGTH = 100;

	private static final int MAX_FIELD_LENGTH = 200;

	public UserError {
		field = truncate(field, MAX_FIELD_LENGTH);
		message = truncate(message, MAX_MESSAGE_LENGTH);
		figures = (figures != null) ? Collections.unmodifiableList(new ArrayList<>(figures)) : List.of();
	}

	/**
	 * A refusal with a sentence written by its caller: only for code that has not moved
	 * to the catalogue yet ({@code ArchitectureTests} keeps new code off it).
	 * @deprecated name the code and the figures:
	 * {@link #of(ErrorCode, String, Object...)}
	 */
	@Deprecated
	public UserError(String field, String message, ErrorCode code) {
		this(field, message, code, null, List.of());
	}

	/**
	 * The refusal {@code code} of {@code field} with its figures; the sentence is the
	 * catalogue's {@code error.<CODE>}.
	 */
	public static UserError of(ErrorCode code, String field, Object... figures) {
		return make(code, code.messageKey(), field, figures);
	}

	/** As {@link #of(ErrorCode, String, Object...)}, with one of the code's sentences. */
	public static UserError of(ErrorCode.Variant variant, String field, Object... figures) {
		return make(variant.code(), variant.messageKey(), field, figures);
	}

	private static UserError make(ErrorCode code, String key, String field, Object[] figures) {
		return rendered(field, code, key, Arrays.asList(figures));
	}

	// The English sentence is written once, when the refusal is made: logs, dead letters
	// and stored records keep it.
	private static UserError rendered(String field, ErrorCode code, String key, List<Object> figures) {
		UserError error = new UserError(field, null, code, key, figures);
		return new UserError(field, error.message(MessageCatalogue.DEFAULT_LANGUAGE), code, key, error.figures());
	}

	/**
	 * The sentence in {@code language} (English when null), cut as {@link #message()} is;
	 * a refusal without a catalogue key keeps its one sentence.
	 */
	public String message(Locale language) {
		if (this.messageKey == null) {
			return this.message;
		}
		List<Object> arguments = new ArrayList<>(this.figures.size() + 1);
		arguments.add(this.field);
		arguments.addAll(this.figures);
		return truncate(MessageCatalogue.render(language, this.messageKey, arguments), MAX_MESSAGE_LENGTH);
	}

	/** The same refusal about another field (a path inside a corrected payload). */
	public UserError withField(String field) {
		if (this.messageKey == null) {
			return new UserError(field, this.message, this.code, null, this.figures);
		}
		return rendered(field, this.code, this.messageKey, this.figures);
	}

	/**
	 * An input as a message repeats it: in single quotes, cut after
	 * {@value #MAX_QUOTED_LENGTH} characters with an ellipsis and the full length, e.g.
	 * {@code 'AAAA…' (10485760 characters)}; control and format characters written as
	 * their code points ({@link #visible}).
	 */
	public static String quote(Object input) {
		if (input == null) {
			return "null";
		}
		String text = input.toString();
		if (text.length() <= MAX_QUOTED_LENGTH) {
			return "'" + visible(text) + "'";
		}
		return "'" + visible(truncate(text, MAX_QUOTED_LENGTH)) + "' (" + text.length() + " characters)";
	}

	/**
	 * {@code text} with every control and format character (line breaks, tabs, the bidi
	 * overrides such as U+202E, zero-width characters) written as its code point in
	 * Java's escape form (a backslash, {@code u} and four hexadecimal digits): a refusal
	 * never repeats a character that reorders or hides the text around it.
	 */
	static String visible(String text) {
		StringBuilder out = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			int type = Character.getType(c);
			if (type == Character.CONTROL || type == Character.FORMAT) {
				if (out == null) {
					out = new StringBuilder(text.length() + 8).append(text, 0, i);
				}
				out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
			}
			else if (out != null) {
				out.append(c);
			}
		}
		return (out != null) ? out.toString() : text;
	}

	/** An input as a figure of a sentence: rendered as {@link #quote} does. */
	public static Quoted quoted(Object input) {
		return new Quoted(input);
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
