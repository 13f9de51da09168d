package io.creditdesk.customer;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tax / VAT identifier formats per country. Input is normalized (upper case; spaces,
 * dots, hyphens and slashes removed; the EU country prefix added when missing) and then
 * checked. The German USt-IdNr also carries its ISO 7064 MOD 11,10 check digit. Countries
 * without a rule accept 4 to 20 letters and digits.
 */
public final class TaxIds {

	private record Rule(Pattern pattern, String prefix, String example) {
	}

	private static final Map<String, Rule> RULES = Map.ofEntries(
			Map.entry("DE", new Rule(Pattern.compile("DE\\d{9}"), "DE", "DE136695976")),
			Map.entry("FR", new Rule(Pattern.compile("FR[0-9A-HJ-NP-Z]{2}\\d{9}"), "FR", "FR40303265045")),
			Map.entry("GB", new Rule(Pattern.compile("GB(\\d{9}|\\d{12}|GD\\d{3}|HA\\d{3})"), "GB", "GB123456789")),
			Map.entry("NL", new Rule(Pattern.compile("NL\\d{9}B\\d{2}"), "NL", "NL123456789B01")),
			Map.entry("IT", new Rule(Pattern.compile("IT\\d{11}"), "IT", "IT12345678901")),
			Map.entry("ES", new Rule(Pattern.compile("ES[A-Z0-9]\\d{7}[A-Z0-9]"), "ES", "ESB12345678")),
			Map.entry("AT", new Rule(Pattern.compile("ATU\\d{8}"), "AT", "ATU12345678")),
			Map.entry("BE", new Rule(Pattern.compile("BE[01]\\d{9}"), "BE", "BE0123456789")),
			Map.entry("CH", new Rule(Pattern.compile("CHE\\d{9}(MWST|TVA|IVA)?"), null, "CHE-123.456.789 MWST")),
			Map.entry("US", new Rule(Pattern.compile("\\d{9}"), null, "12-3456789")),
			Map.entry("CA", new Rule(Pattern.compile("\\d{9}(RT\\d{4})?"), null, "123456789RT0001")));

	private static final Pattern GENERIC = Pattern.compile("[A-Z0-9]{4,20}");

	private TaxIds() {
	}

	/**
	 * The result of a check: the normalized id, or why it is not valid: the name of the
	 * {@code INVALID_TAX_ID} sentence ({@code format}, {@code country},
	 * {@code checkDigit}) and its figures.
	 */
	record Result(String normalized, String problem, List<Object> figures) {

		Result(String normalized, String problem, Object... figures) {
			this(normalized, problem, List.of(figures));
		}

		boolean valid() {
			return this.problem == null;
		}
	}

	static Result check(String countryCode, String raw) {
		String value = raw.trim().toUpperCase(Locale.ROOT).replaceAll("[\\s.\\-/]", "");
		Rule rule = RULES.get(countryCode);
		if (rule == null) {
			return GENERIC.matcher(value).matches() ? new Result(value, null) : new Result(null, "format");
		}
		if (rule.prefix() != null && !value.startsWith(rule.prefix()) && !value.isEmpty()
				&& Character.isDigit(value.charAt(0))) {
			value = rule.prefix() + value;
		}
		if (!rule.pattern().matcher(value).matches()) {
			return new Result(null, "country", countryCode, rule.example());
		}
		if ("DE".equals(countryCode) && !germanCheckDigitValid(value.substring(2))) {
			return new Result(null, "checkDigit");
		}
		if ("US".equals(countryCode)) {
			value = value.substring(0, 2) + "-" + value.substring(2);
		}
		return new Result(value, null);
	}

	/** ISO 7064 MOD 11,10 over the first eight digits; the ninth is the check digit. */
	static boolean germanCheckDigitValid(String nineDigits) {
		return germanCheckDigit(nineDigits.substring(0, 8)) == nineDigits.charAt(8) - '0';
	}

	public static int germanCheckDigit(String eightDigits) {
		int product = 10;
		for (int i = 0; i < 8; i++) {
			int sum = (eightDigits.charAt(i) - '0' + product) % 10;
			if (sum == 0) {
				sum = 10;
			}
			product = (2 * sum) % 11;
		}
		int check = 11 - product;
		return (check == 10) ? 0 : check;
	}

}
