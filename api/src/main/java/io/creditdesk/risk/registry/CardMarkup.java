package io.creditdesk.risk.registry;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.UserError;

/**
 * The rule for the texts of a model card: markdown without raw HTML. A card's texts (its
 * intended use, label, licence, ...) go into {@code cardMarkdown} as they are, and a
 * client that renders that markdown would run an HTML tag in them ({@code <script>},
 * {@code <img src=x onerror=...>}, {@code <iframe>}) or follow a script link; so a card
 * is refused at registration ({@code MARKUP_NOT_ALLOWED} on the field {@code card},
 * naming the card's entry, the tag or link and its line in the text) when one of its
 * texts holds
 * <ul>
 * <li>an HTML tag, opening or closing ({@code <b>}, {@code </div>}, {@code <a href=...>},
 * also one whose {@code >} is on a later line), a comment ({@code <!--}), a declaration
 * ({@code <!DOCTYPE}, {@code <![CDATA[}) or a processing instruction ({@code <?});</li>
 * <li>a link or image whose target is a {@code javascript:}, {@code vbscript:} or
 * {@code data:} address ({@code [x](javascript:...)}, {@code [x]: data:...},
 * {@code <javascript:...>}), however written (upper case, HTML entities such as
 * {@code &#58;}, tabs or line breaks in between).</li>
 * </ul>
 * Ordinary markdown stays accepted: autolinks ({@code <https://example.com>},
 * {@code <ops@example.com>}), a {@code <} or {@code >} in text ({@code a < b},
 * {@code 1<2}), an escaped {@code \<b>}, and tags inside a code span ({@code `<b>`}) or a
 * fenced code block (a line starting with {@code ```} or {@code ~~~}, up to its closing
 * fence). The rule errs on the side of refusing: a code span running over several lines,
 * an indented code block or a fence indented or inside a list or quote is checked as
 * text.
 */
public final class CardMarkup {

	/** The field a refusal names: the card. */
	public static final String FIELD = "card";

	/** Link targets a card may not hold, as the browser reads the address's scheme. */
	private static final List<String> SCRIPT_SCHEMES = List.of("javascript:", "vbscript:", "data:");

	private static final Pattern OPENING_FENCE = Pattern.compile("(`{3,}|~{3,})(.*)");

	private static final Pattern CLOSING_FENCE = Pattern.compile(" {0,3}(`{3,}|~{3,})[ \\t]*");

	private static final Pattern TAG = Pattern.compile("<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\\s>/]|$)");

	private static final Pattern DECLARATION = Pattern.compile("<(!--|!\\[CDATA\\[|![A-Za-z]+|\\?)");

	private static final Pattern AUTOLINK_SCHEME = Pattern.compile("<([A-Za-z][A-Za-z0-9+.-]{1,31}):");

	private static final Pattern ENTITY = Pattern
		.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});");

	private static final String ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

	/** How much of a link target is read for its scheme. */
	private static final int TARGET_PREFIX = 256;

	private CardMarkup() {
	}

	/**
	 * What a text may not hold: an HTML tag ({@link Kind#TAG}, {@code what} as
	 * {@code <script>} or {@code </div>}) or a script link ({@link Kind#LINK},
	 * {@code what} as {@code javascript:}), on its 1-based {@code line}.
	 */
	public record Finding(Kind kind, String what, int line) {
	}

	/** An HTML tag, or a link to a script or inline data. */
	public enum Kind {

		TAG, LINK

	}

	/**
	 * Refuses a card (its JSON as a map) whose texts hold raw HTML or a script link; the
	 * first one found is named.
	 * @throws CreditDeskException {@code MARKUP_NOT_ALLOWED} on {@link #FIELD}
	 */
	public static void check(Map<String, ?> card) {
		for (Map.Entry<String, ?> entry : card.entrySet()) {
			check(String.valueOf(entry.getKey()), entry.getValue());
		}
	}

	private static void check(String path, Object value) {
		if (value instanceof String text) {
			first(text).ifPresent(finding -> {
				throw CreditDeskException.refuse(
						ModelErrorCode.MARKUP_NOT_ALLOWED.variant((finding.kind() == Kind.TAG) ? "tag" : "link"), FIELD,
						UserError.quoted(path), finding.what(), finding.line());
			});
		}
		else if (value instanceof Map<?, ?> map) {
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				check(path + "." + entry.getKey(), entry.getValue());
			}
		}
		else if (value instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				check(path + "[" + i + "]", list.get(i));
			}
		}
	}

	/** The first tag or script link in {@code text}, read as markdown. */
	public static Optional<Finding> first(String text) {
		boolean[] code = code(text);
		int line = 1;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
				line++;
				continue;
			}
			if (code[i]) {
				continue;
			}
			if (c == '\\' && i + 1 < text.length() && ASCII_PUNCTUATION.indexOf(text.charAt(i + 1)) >= 0) {
				i++;
				continue;
			}
			Optional<Finding> found = Optional.empty();
			if (c == '<') {
				found = tag(text, i, line);
				if (found.isEmpty()) {
					found = autolink(text, i, line);
				}
			}
			else if (c == ']' && i + 1 < text.length() && (text.charAt(i + 1) == '(' || text.charAt(i + 1) == ':')) {
				found = target(text, i + 2, line);
			}
			if (found.isPresent()) {
				return found;
			}
		}
		return Optional.empty();
	}

	private static Optional<Finding> tag(String text, int at, int line) {
		Matcher tag = TAG.matcher(text).region(at, text.length()).useAnchoringBounds(false);
		if (tag.lookingAt()) {
			return Optional
				.of(new Finding(Kind.TAG, "<" + tag.group(1) + tag.group(2).toLowerCase(Locale.ROOT) + ">", line));
		}
		Matcher declaration = DECLARATION.matcher(text).region(at, text.length());
		if (declaration.lookingAt()) {
			// <!--, <![CDATA[, <? as written; a declaration in capitals (<!DOCTYPE).
			String what = declaration.group(1);
			boolean named = Character.isLetter(what.charAt(what.length() - 1));
			return Optional.of(new Finding(Kind.TAG, "<" + (named ? what.toUpperCase(Locale.ROOT) : what), line));
		}
		return Optional.empty();
	}

	private static Optional<Finding> autolink(String text, int at, int line) {
		Matcher scheme = AUTOLINK_SCHEME.matcher(text).region(at, text.length());
		if (scheme.lookingAt()) {
			String name = scheme.group(1).toLowerCase(Locale.ROOT) + ":";
			if (SCRIPT_SCHEMES.contains(name)) {
				return Optional.of(new Finding(Kind.LINK, name, line));
			}
		}
		return Optional.empty();
	}

	/**
	 * A link's target from {@code from} (after {@code ](} or {@code ]:}): blanks and line
	 * breaks before it skipped, then read as a browser reads its scheme.
	 */
	private static Optional<Finding> target(String text, int from, int line) {
		int start = from;
		int lines = line;
		while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
			if (text.charAt(start) == '\n') {
				lines++;
			}
			start++;
		}
		if (start < text.length() && text.charAt(start) == '<') {
			start++;
		}
		String address = scheme(text.substring(start, Math.min(text.length(), start + TARGET_PREFIX)));
		for (String scheme : SCRIPT_SCHEMES) {
			if (address.startsWith(scheme)) {
				return Optional.of(new Finding(Kind.LINK, scheme, lines));
			}
		}
		return Optional.empty();
	}

	/**
	 * The start of a link target as a browser reads its scheme: character references
	 * decoded (one the rule does not know dropped), backslash escapes resolved, blanks,
	 * line breaks and control characters left out (the URL parser drops tabs and line
	 * breaks anywhere), lower case.
	 */
	static String scheme(String target) {
		StringBuilder decoded = new StringBuilder();
		Matcher entity = ENTITY.matcher(target);
		int last = 0;
		while (entity.find()) {
			decoded.append(target, last, entity.start()).append(character(entity.group(1)));
			last = entity.end();
		}
		decoded.append(target, last, target.length());
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < decoded.length(); i++) {
			char c = decoded.charAt(i);
			if (c == '\\' && i + 1 < decoded.length() && ASCII_PUNCTUATION.indexOf(decoded.charAt(i + 1)) >= 0) {
				continue;
			}
			if (c <= ' ' || c == '\u007f' || Character.getType(c) == Character.FORMAT) {
				continue;
			}
			out.append(Character.toLowerCase(c));
		}
		return out.toString();
	}

	private static String character(String reference) {
		if (reference.startsWith("#")) {
			boolean hex = reference.length() > 1 && (reference.charAt(1) == 'x' || reference.charAt(1) == 'X');
			int codePoint = Integer.parseInt(reference.substring(hex ? 2 : 1), hex ? 16 : 10);
			return Character.isValidCodePoint(codePoint) ? Character.toString(codePoint) : "";
		}
		return switch (reference.toLowerCase(Locale.ROOT)) {
			case "colon" -> ":";
			case "amp" -> "&";
			default -> "";
		};
	}

	/**
	 * Which characters of {@code text} are code: the lines of a fenced code block (its
	 * opening fence at the start of a line, up to its closing fence or the end) and the
	 * code spans of each line.
	 */
	private static boolean[] code(String text) {
		boolean[] code = new boolean[text.length()];
		String fence = null;
		int start = 0;
		while (start < text.length()) {
			int end = start;
			while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
				end++;
			}
			String line = text.substring(start, end);
			if (fence != null) {
				mark(code, start, end);
				Matcher closing = CLOSING_FENCE.matcher(line);
				if (closing.matches() && closing.group(1).charAt(0) == fence.charAt(0)
						&& closing.group(1).length() >= fence.length()) {
					fence = null;
				}
			}
			else {
				Matcher opening = OPENING_FENCE.matcher(line);
				if (opening.matches() && !(opening.group(1).charAt(0) == '`' && opening.group(2).indexOf('`') >= 0)) {
					fence = opening.group(1);
					mark(code, start, end);
				}
				else {
					spans(line, start, code);
				}
			}
			start = (end < text.length() && text.charAt(end) == '\r' && end + 1 < text.length()
					&& text.charAt(end + 1) == '\n') ? end + 2 : end + 1;
		}
		return code;
	}

	/**
	 * Marks the code spans of one line: a run of backticks up to the next run as long.
	 */
	private static void spans(String line, int offset, boolean[] code) {
		int i = 0;
		while (i < line.length()) {
			char c = line.charAt(i);
			if (c == '\\' && i + 1 < line.length() && ASCII_PUNCTUATION.indexOf(line.charAt(i + 1)) >= 0) {
				i += 2;
				continue;
			}
			if (c != '`') {
				i++;
				continue;
			}
			int run = run(line, i);
			int close = i + run;
			while (close < line.length()) {
				if (line.charAt(close) == '`') {
					int length = run(line, close);
					if (length == run) {
						break;
					}
					close += length;
				}
				else {
					close++;
				}
			}
			if (close < line.length()) {
				mark(code, offset + i, offset + close + run);
				i = close + run;
			}
			else {
				i += run;
			}
		}
	}

	private static int run(String line, int at) {
		int end = at;
		while (end < line.length() && line.charAt(end) == '`') {
			end++;
		}
		return end - at;
	}

	private static void mark(boolean[] code, int from, int to) {
		for (int i = from; i < to; i++) {
			code[i] = true;
		}
	}

}
