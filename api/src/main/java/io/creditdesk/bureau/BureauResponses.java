package io.creditdesk.bureau;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.creditdesk.common.Money;
import io.creditdesk.common.UserError;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the bureau's JSON answers (docs/bureau.md) into values, strictly: a missing
 * required field or a value of the wrong kind is a
 * {@link BureauFailure#MALFORMED_RESPONSE}, never a guess. Texts that mean "no value"
 * ({@code "Not Rated"}, {@code "N/A"}, blank) are read as absent.
 */
final class BureauResponses {

	/**
	 * Texts a bureau sends instead of a value it does not have; compared without case.
	 */
	static final Set<String> NO_VALUE = Set.of("not rated", "notrated", "nr", "n/a", "na", "none", "-", "");

	private final ObjectReader reader;

	BureauResponses(JsonMapper json) {
		// Amounts stay exact: a decimal in the JSON never goes through a double.
		this.reader = json.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
	}

	record Token(String value, Duration lifetime) {
	}

	Token token(String body) {
		JsonNode root = parse("authentication", body);
		String token = requiredText("authentication", root, "token");
		Integer expiresIn = optionalInteger("authentication", root, "expiresIn");
		return new Token(token, (expiresIn != null && expiresIn > 0) ? Duration.ofSeconds(expiresIn) : null);
	}

	List<CompanyMatch> companies(String body) {
		JsonNode root = parse("company search", body);
		JsonNode companies = root.get("companies");
		if (companies == null || companies.isNull()) {
			return List.of();
		}
		if (!companies.isArray()) {
			throw malformed("company search", "'companies' is not a list");
		}
		List<CompanyMatch> matches = new ArrayList<>();
		for (JsonNode company : companies) {
			String statusText = optionalText("company search", company, "status");
			matches.add(new CompanyMatch(requiredText("company search", company, "id"),
					requiredText("company search", company, "name"), optionalText("company search", company, "taxId"),
					requiredText("company search", company, "country"), BureauCompanyStatus.parse(statusText),
					statusText, optionalText("company search", company, "address")));
		}
		return List.copyOf(matches);
	}

	BureauReport report(String body, Instant fetchedAt) {
		String what = "company report";
		JsonNode report = parse(what, body).get("report");
		if (report == null || !report.isObject()) {
			throw malformed(what, "there is no 'report' object");
		}
		String statusText = optionalText(what, report, "status");
		JsonNode rating = report.path("rating");
		String ratingValue = rating.isObject() ? valueText(what, rating, "value") : null;
		Integer score = rating.isObject() ? optionalInteger(what, rating, "score") : null;
		if (score != null && (score < 0 || score > 100)) {
			throw malformed(what, "'rating.score' is " + score + ", not 0 to 100");
		}
		String description = rating.isObject() ? optionalText(what, rating, "description") : null;
		return new BureauReport(requiredText(what, report, "companyId"), requiredText(what, report, "name"),
				optionalText(what, report, "taxId"), requiredText(what, report, "country"),
				BureauCompanyStatus.parse(statusText), statusText, ratingValue, score, description,
				money(what, report.path("recommendedLimit")), date(what, report, "reportDate"), fetchedAt);
	}

	NotificationPage notifications(String body, String cursorSent) {
		String what = "notification events";
		JsonNode root = parse(what, body);
		JsonNode events = root.get("events");
		if (events != null && !events.isNull() && !events.isArray()) {
			throw malformed(what, "'events' is not a list");
		}
		List<NotificationEvent> page = new ArrayList<>();
		if (events != null) {
			for (JsonNode event : events) {
				String at = requiredText(what, event, "eventDate");
				Instant occurredAt;
				try {
					occurredAt = Instant.parse(at);
				}
				catch (DateTimeParseException ex) {
					throw malformed(what, "'eventDate' is '" + at + "', not an ISO 8601 instant");
				}
				page.add(new NotificationEvent(requiredText(what, event, "eventId"),
						requiredText(what, event, "companyId"), occurredAt, requiredText(what, event, "ruleCode"),
						optionalText(what, event, "ruleName"), optionalText(what, event, "oldValue"),
						optionalText(what, event, "newValue")));
			}
		}
		String next = optionalText(what, root, "nextCursor");
		return new NotificationPage(page, (next != null) ? next : cursorSent);
	}

	/** The bureau's error message, if its error body has one. */
	String errorMessage(String body) {
		try {
			JsonNode root = this.reader.readTree(body);
			JsonNode message = (root != null) ? root.get("message") : null;
			return (message != null && message.isString()) ? message.stringValue() : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private JsonNode parse(String what, String body) {
		try {
			JsonNode root = this.reader.readTree(body);
			if (root == null || !root.isObject()) {
				throw malformed(what, "the body is not a JSON object");
			}
			return root;
		}
		catch (JacksonException ex) {
			throw malformed(what, "the body is not JSON (" + ex.getOriginalMessage() + ")");
		}
	}

	private static String requiredText(String what, JsonNode node, String field) {
		String text = optionalText(what, node, field);
		if (text == null || text.isBlank()) {
			throw malformed(what, "'" + field + "' is missing");
		}
		return text;
	}

	private static String optionalText(String what, JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (value.isString()) {
			return value.stringValue();
		}
		if (value.isNumber()) {
			return value.decimalValue().toPlainString();
		}
		throw malformed(what, "'" + field + "' is not text");
	}

	/** A text or number that may be one of the "no value" texts: null then. */
	private static String valueText(String what, JsonNode node, String field) {
		String text = optionalText(what, node, field);
		return (text == null || NO_VALUE.contains(text.trim().toLowerCase(Locale.ROOT))) ? null : text.trim();
	}

	private static Integer optionalInteger(String what, JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (value.isIntegralNumber() && value.canConvertToInt()) {
			return value.intValue();
		}
		String text = valueText(what, node, field);
		if (text == null) {
			return null;
		}
		try {
			return Integer.valueOf(text);
		}
		catch (NumberFormatException ex) {
			throw malformed(what, "'" + field + "' is '" + text + "', not a whole number");
		}
	}

	/** An amount with its currency; null when absent or given as a "no value" text. */
	private static Money money(String what, JsonNode node) {
		if (node.isMissingNode() || node.isNull()) {
			return null;
		}
		if (!node.isObject()) {
			throw malformed(what, "'recommendedLimit' is not an object with a value and a currency");
		}
		String text = valueText(what, node, "value");
		if (text == null) {
			return null;
		}
		BigDecimal amount;
		try {
			amount = new BigDecimal(text);
		}
		catch (NumberFormatException ex) {
			throw malformed(what, "'recommendedLimit.value' is '" + text + "', neither an amount nor \"Not Rated\"");
		}
		if (amount.signum() < 0) {
			throw malformed(what, "'recommendedLimit.value' is negative: " + text);
		}
		String currency = requiredText(what, node, "currency");
		int digits;
		try {
			digits = Currency.getInstance(currency).getDefaultFractionDigits();
		}
		catch (IllegalArgumentException ex) {
			throw malformed(what, "'recommendedLimit.currency' is '" + currency + "', not an ISO 4217 code");
		}
		if (digits < 0 || amount.stripTrailingZeros().scale() > digits) {
			throw malformed(what,
					"'recommendedLimit.value' " + text + " has more decimals than " + currency + " allows");
		}
		return new Money(amount, currency);
	}

	private static LocalDate date(String what, JsonNode node, String field) {
		String text = optionalText(what, node, field);
		if (text == null) {
			return null;
		}
		try {
			return LocalDate.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw malformed(what, "'" + field + "' is '" + text + "', not an ISO 8601 date");
		}
	}

	static BureauException malformed(String what, String problem) {
		// The problem is a technical description of the bureau's JSON (field names and
		// values as sent), a figure for the operator, not a sentence to translate.
		return BureauException.of(BureauFailure.MALFORMED_RESPONSE, null, null, BureauException.call(what),
				oneLine(problem));
	}

	/** The most of a bureau's own text a message or a log line repeats. */
	static final int MAX_QUOTED = 200;

	/**
	 * A text the bureau sent (its error message, a value), as one short line: control
	 * characters (line breaks included) become spaces and the rest is cut at
	 * {@value #MAX_QUOTED} characters, so a bureau can neither forge log lines nor flood
	 * the log with what it sends.
	 */
	static String oneLine(String text) {
		if (text == null) {
			return null;
		}
		return UserError.truncate(text.replaceAll("\\p{Cntrl}+", " ").strip(), MAX_QUOTED);
	}

}
