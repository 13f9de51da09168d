package io.creditdesk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The examples of the Markdown documentation, as the build runs them. A fenced
 * {@code graphql} or {@code bash} block is an example when the line right above it is a
 * marker:
 *
 * <pre>
 * &lt;!-- example: as=sales capture=customerId:createCustomer.customer.id assert=placeOrder.decision.status:APPROVED --&gt;
 * </pre>
 *
 * {@code as} names the demo user, {@code capture=name:path} keeps a value of the answer
 * for later examples' {@code <name>} placeholders, {@code assert=path:value} (value
 * quoted when it has spaces) is a value the text promises, {@code expect=CODE} an error
 * code the text announces, {@code wait=60s} an example about work the service does in the
 * background (a read-only query, repeated until it gives what the text says or the time
 * is up), {@code mode=schema} an example only validated against the schema. Every
 * {@code graphql} block must have a marker, so no example escapes the build.
 */
final class DocumentedExamples {

	private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*example:(.*)-->\\s*$");

	private static final Pattern FENCE = Pattern.compile("^(\\s*)```(\\w*)\\s*$");

	private static final Pattern PLACEHOLDER = Pattern.compile("<([A-Za-z][A-Za-z0-9]*)>");

	private DocumentedExamples() {
	}

	/** One example: where it is, how to run it and what it says. */
	record Example(String source, int line, String language, Marker marker, String body) {

		String where() {
			return this.source + ":" + this.line;
		}

	}

	/** The marker above a block. */
	record Marker(String user, Map<String, String> captures, Map<String, String> asserts, List<String> expected,
			boolean schemaOnly, int waitSeconds) {

		static Marker parse(String text, String where) {
			String user = null;
			Map<String, String> captures = new LinkedHashMap<>();
			Map<String, String> asserts = new LinkedHashMap<>();
			List<String> expected = new ArrayList<>();
			boolean schemaOnly = false;
			int waitSeconds = 0;
			for (String token : tokens(text)) {
				int eq = token.indexOf('=');
				if (eq < 0) {
					throw new IllegalArgumentException(where + ": marker token without '=': " + token);
				}
				String key = token.substring(0, eq);
				String value = token.substring(eq + 1);
				switch (key) {
					case "as" -> user = value;
					case "capture" -> put(captures, value, where);
					case "assert" -> put(asserts, value, where);
					case "expect" -> expected.add(value);
					case "mode" -> {
						if (!value.equals("schema") && !value.equals("run")) {
							throw new IllegalArgumentException(where + ": mode is run or schema, not " + value);
						}
						schemaOnly = value.equals("schema");
					}
					case "wait" -> {
						if (!value.matches("[1-9][0-9]{0,2}s")) {
							throw new IllegalArgumentException(where + ": wait is seconds such as 60s, not " + value);
						}
						waitSeconds = Integer.parseInt(value.substring(0, value.length() - 1));
					}
					default -> throw new IllegalArgumentException(where + ": unknown marker key " + key);
				}
			}
			return new Marker(user, captures, asserts, expected, schemaOnly, waitSeconds);
		}

		private static void put(Map<String, String> into, String pair, String where) {
			int colon = pair.indexOf(':');
			if (colon <= 0) {
				throw new IllegalArgumentException(where + ": expected path:value, got " + pair);
			}
			into.put(pair.substring(0, colon), pair.substring(colon + 1));
		}

	}

	/**
	 * Every example of the files, in order; fails on a graphql block without a marker or
	 * a marker without a block.
	 */
	static List<Example> read(Path... files) {
		List<Example> examples = new ArrayList<>();
		for (Path file : files) {
			List<String> lines;
			try {
				lines = Files.readAllLines(file);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			examples.addAll(parse(file.getFileName().toString(), lines));
		}
		return examples;
	}

	static List<Example> parse(String source, List<String> lines) {
		List<Example> examples = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			Matcher fence = FENCE.matcher(lines.get(i));
			Matcher marker = MARKER.matcher(lines.get(i));
			if (marker.matches()) {
				String where = source + ":" + (i + 1);
				Matcher next = (i + 1 < lines.size()) ? FENCE.matcher(lines.get(i + 1)) : null;
				if (next == null || !next.matches() || next.group(2).isEmpty()) {
					throw new IllegalArgumentException(
							where + ": an example marker must be right above a fenced block");
				}
				continue;
			}
			if (!fence.matches() || fence.group(2).isEmpty()) {
				continue;
			}
			String language = fence.group(2);
			int start = i;
			StringBuilder body = new StringBuilder();
			for (i++; i < lines.size() && !FENCE.matcher(lines.get(i)).matches(); i++) {
				body.append(lines.get(i).strip().isEmpty() ? "" : lines.get(i)).append('\n');
			}
			Matcher above = (start > 0) ? MARKER.matcher(lines.get(start - 1)) : null;
			String where = source + ":" + (start + 1);
			if (above != null && above.matches()) {
				examples.add(
						new Example(source, start + 1, language, Marker.parse(above.group(1), where), body.toString()));
			}
			else if (language.equals("graphql")) {
				throw new IllegalArgumentException(where + ": a graphql block without an example marker above it");
			}
		}
		return examples;
	}

	/**
	 * The operations of a block, split at the top level (a block may hold several, run
	 * one after another).
	 */
	static List<String> operations(String block) {
		List<String> operations = new ArrayList<>();
		int depth = 0;
		int start = -1;
		for (int i = 0; i < block.length(); i++) {
			char c = block.charAt(i);
			if (c == '#') {
				while (i < block.length() && block.charAt(i) != '\n') {
					i++;
				}
				continue;
			}
			if (c == '"') {
				boolean triple = block.startsWith("\"\"\"", i);
				i = triple ? block.indexOf("\"\"\"", i + 3) + 2 : closingQuote(block, i);
				continue;
			}
			if (start < 0 && !Character.isWhitespace(c)) {
				start = i;
			}
			if (c == '{' || c == '(') {
				depth++;
			}
			else if (c == '}' || c == ')') {
				depth--;
				if (depth == 0 && c == '}') {
					operations.add(block.substring(start, i + 1));
					start = -1;
				}
			}
		}
		return operations;
	}

	private static int closingQuote(String text, int open) {
		for (int i = open + 1; i < text.length(); i++) {
			if (text.charAt(i) == '\\') {
				i++;
			}
			else if (text.charAt(i) == '"') {
				return i;
			}
		}
		throw new IllegalArgumentException("Unclosed string in " + text);
	}

	/**
	 * The text with every {@code <name>} replaced by its captured value; fails on one
	 * never captured.
	 */
	static String substitute(String text, Map<String, String> captured, String where) {
		Matcher m = PLACEHOLDER.matcher(text);
		StringBuilder out = new StringBuilder();
		while (m.find()) {
			String value = captured.get(m.group(1));
			if (value == null) {
				throw new AssertionError(where + ": <" + m.group(1) + "> is used before an example captures it");
			}
			m.appendReplacement(out, Matcher.quoteReplacement(value));
		}
		m.appendTail(out);
		return out.toString();
	}

	/** The names of the placeholders in a text, in order. */
	static List<String> placeholders(String text) {
		List<String> names = new ArrayList<>();
		Matcher m = PLACEHOLDER.matcher(text);
		while (m.find()) {
			names.add(m.group(1));
		}
		return names;
	}

	/**
	 * Words as a POSIX shell splits them: quotes, escapes and backslash-newline
	 * continuations.
	 */
	static List<String> shellWords(String command) {
		List<String> words = new ArrayList<>();
		StringBuilder word = null;
		for (int i = 0; i < command.length(); i++) {
			char c = command.charAt(i);
			if (c == '\\' && i + 1 < command.length()) {
				char next = command.charAt(++i);
				if (next != '\n') {
					word = (word != null) ? word : new StringBuilder();
					word.append(next);
				}
			}
			else if (c == '\'') {
				int end = command.indexOf('\'', i + 1);
				word = (word != null) ? word : new StringBuilder();
				word.append(command, i + 1, end);
				i = end;
			}
			else if (c == '"') {
				int end = closingQuote(command, i);
				word = (word != null) ? word : new StringBuilder();
				word.append(command.substring(i + 1, end).replace("\\\"", "\"").replace("\\\\", "\\"));
				i = end;
			}
			else if (Character.isWhitespace(c)) {
				if (word != null) {
					words.add(word.toString());
					word = null;
				}
			}
			else {
				word = (word != null) ? word : new StringBuilder();
				word.append(c);
			}
		}
		if (word != null) {
			words.add(word.toString());
		}
		return words;
	}

	/** The commands of a shell block: comment lines dropped, continuations joined. */
	static List<String> commands(String block) {
		List<String> commands = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String line : block.split("\n")) {
			if (line.strip().startsWith("#") || line.isBlank()) {
				continue;
			}
			current.append(line).append('\n');
			if (!line.endsWith("\\")) {
				commands.add(current.toString().strip());
				current.setLength(0);
			}
		}
		return commands;
	}

	/** Marker tokens: split at spaces outside double quotes, the quotes removed. */
	private static List<String> tokens(String text) {
		List<String> tokens = new ArrayList<>();
		StringBuilder token = new StringBuilder();
		boolean quoted = false;
		for (char c : text.strip().toCharArray()) {
			if (c == '"') {
				quoted = !quoted;
			}
			else if (Character.isWhitespace(c) && !quoted) {
				if (!token.isEmpty()) {
					tokens.add(token.toString());
					token.setLength(0);
				}
			}
			else {
				token.append(c);
			}
		}
		if (!token.isEmpty()) {
			tokens.add(token.toString());
		}
		return tokens;
	}

}
