package io.creditdesk.graphiql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.ClassPathResource;
import org.springframework.web.util.HtmlUtils;

/**
 * A page read once from the class path, with {@code {{name}}} placeholders filled with
 * HTML-escaped values and {@code {{{name}}}} with markup the caller built from escaped
 * parts. Two small pages need no template engine.
 */
final class HtmlTemplate {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\{?)([a-zA-Z]+)\\}?\\}\\}");

	private final String text;

	private HtmlTemplate(String text) {
		this.text = text;
	}

	static HtmlTemplate load(String location) {
		try {
			return new HtmlTemplate(new ClassPathResource(location).getContentAsString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The page template " + location + " is missing from the class path", ex);
		}
	}

	String render(Map<String, String> values) {
		Matcher matcher = PLACEHOLDER.matcher(this.text);
		StringBuilder result = new StringBuilder(this.text.length() + 512);
		while (matcher.find()) {
			String name = matcher.group(2);
			if (!values.containsKey(name)) {
				throw new IllegalArgumentException("No value for {{" + name + "}}");
			}
			String value = values.get(name);
			boolean raw = !matcher.group(1).isEmpty();
			matcher.appendReplacement(result,
					Matcher.quoteReplacement(raw ? value : HtmlUtils.htmlEscape(value, "UTF-8")));
		}
		matcher.appendTail(result);
		return result.toString();
	}

}
