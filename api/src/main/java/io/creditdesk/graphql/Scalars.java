package io.creditdesk.graphql;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import io.creditdesk.common.DateBounds;
import io.creditdesk.common.DecimalInput;
import io.creditdesk.common.ErrorCode;
import io.creditdesk.common.MessageCatalogue.Days;
import io.creditdesk.common.MessageCatalogue.Phrase;
import io.creditdesk.common.MessageCatalogue.Quoted;
import io.creditdesk.common.UserError;

import static io.creditdesk.common.CommonErrorCode.INVALID_DATE;
import static io.creditdesk.common.CommonErrorCode.MALFORMED_DECIMAL;

/**
 * The custom scalars of the schema. A value a scalar refuses, in variables or as a
 * literal, is a GraphQL error with the stable code in {@code extensions.code} and the
 * message catalogue's sentence ({@code error.<CODE>.<variant>}) in the language
 * graphql-java coerces the request in: the request's {@code Accept-Language}, which
 * Spring hands to the execution input and graphql-java to every {@link Coercing} method,
 * also while it coerces the variables and validates the literals, before any data fetcher
 * (and Spring's locale context) runs.
 */
final class Scalars {

	private Scalars() {
	}

	/**
	 * Output: a plain decimal string. Input: any string or number literal, kept as
	 * {@link DecimalInput} so that services report a malformed or out-of-range value as a
	 * user error ({@link io.creditdesk.common.MoneyBounds}). A number is kept as the text
	 * of its exact value, in exponent notation when it has one ({@code 1E+400}): never
	 * expanded here, where no bound has been applied yet.
	 */
	static final GraphQLScalarType DECIMAL = GraphQLScalarType.newScalar()
		.name("Decimal")
		.description("An exact decimal number, serialized as a string.")
		.coercing(new Coercing<Object, String>() {
			@Override
			public String serialize(Object value, GraphQLContext context, Locale locale) {
				if (value instanceof BigDecimal decimal) {
					return decimal.toPlainString();
				}
				if (value instanceof DecimalInput input) {
					return input.raw();
				}
				if (value instanceof Integer || value instanceof Long) {
					return value.toString();
				}
				if (value instanceof Number number) {
					return new BigDecimal(number.toString()).toPlainString();
				}
				throw new CoercingSerializeException("Not a decimal: " + value);
			}

			@Override
			public Object parseValue(Object input, GraphQLContext context, Locale locale) {
				if (input instanceof String text) {
					return new DecimalInput(text);
				}
				if (input instanceof BigDecimal decimal) {
					return new DecimalInput(decimal.toString());
				}
				if (input instanceof Double || input instanceof Float) {
					// JSON variables arrive as BigDecimal (ExactJsonNumbers); a double
					// only comes from other callers.
					double value = ((Number) input).doubleValue();
					if (!Double.isFinite(value)) {
						throw refusal(MALFORMED_DECIMAL.variant("notFinite"), locale, value);
					}
					// Shortest representation of the double, e.g. 12.34 stays "12.34".
					return new DecimalInput(BigDecimal.valueOf(value).toString());
				}
				if (input instanceof Number number) {
					return new DecimalInput(number.toString());
				}
				throw refusal(MALFORMED_DECIMAL.variant("otherType"), locale, typeName(input));
			}

			@Override
			public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
					Locale locale) {
				if (input instanceof StringValue text) {
					return new DecimalInput(text.getValue());
				}
				if (input instanceof IntValue integer) {
					return new DecimalInput(integer.getValue().toString());
				}
				if (input instanceof FloatValue decimal) {
					return new DecimalInput(decimal.getValue().toString());
				}
				throw literal(refusal(MALFORMED_DECIMAL.variant("otherLiteral"), locale));
			}
		})
		.build();

	static final GraphQLScalarType DATE = GraphQLScalarType.newScalar()
		.name("Date")
		.description("An ISO-8601 calendar date.")
		.coercing(new Coercing<LocalDate, String>() {
			@Override
			public String serialize(Object value, GraphQLContext context, Locale locale) {
				if (value instanceof LocalDate date) {
					return date.toString();
				}
				throw new CoercingSerializeException("Not a date: " + value);
			}

			@Override
			public LocalDate parseValue(Object input, GraphQLContext context, Locale locale) {
				if (input instanceof String text) {
					return date(text, locale);
				}
				throw refusal(INVALID_DATE.variant("dateType"), locale, typeName(input));
			}

			@Override
			public LocalDate parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
					Locale locale) {
				if (input instanceof StringValue text) {
					try {
						return parseValue(text.getValue(), context, locale);
					}
					catch (CoercingParseValueException ex) {
						// As a literal error, so that the validation reports it with its
						// code and the argument it was written for.
						throw literal(ex);
					}
				}
				throw literal(refusal(INVALID_DATE.variant("dateLiteral"), locale));
			}
		})
		.build();

	static final GraphQLScalarType DATE_TIME = GraphQLScalarType.newScalar()
		.name("DateTime")
		.description("An ISO-8601 instant.")
		.coercing(new Coercing<Instant, String>() {
			@Override
			public String serialize(Object value, GraphQLContext context, Locale locale) {
				if (value instanceof Instant instant) {
					return instant.toString();
				}
				if (value instanceof OffsetDateTime dateTime) {
					return dateTime.toInstant().toString();
				}
				throw new CoercingSerializeException("Not an instant: " + value);
			}

			@Override
			public Instant parseValue(Object input, GraphQLContext context, Locale locale) {
				if (input instanceof String text) {
					Instant instant;
					try {
						instant = OffsetDateTime.parse(text.trim()).toInstant();
					}
					catch (DateTimeParseException ex) {
						throw refusal(INVALID_DATE.variant("dateTimeShape"), locale, UserError.quoted(text));
					}
					if (!DateBounds.within(instant)) {
						throw refusal(INVALID_DATE.variant("dateTimeRange"), locale, DateBounds.FIRST, DateBounds.LAST,
								UserError.quoted(text));
					}
					return instant;
				}
				throw refusal(INVALID_DATE.variant("dateTimeType"), locale, typeName(input));
			}

			@Override
			public Instant parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
					Locale locale) {
				if (input instanceof StringValue text) {
					try {
						return parseValue(text.getValue(), context, locale);
					}
					catch (CoercingParseValueException ex) {
						throw literal(ex);
					}
				}
				throw literal(refusal(INVALID_DATE.variant("dateTimeLiteral"), locale));
			}
		})
		.build();

	/**
	 * A {@code Date} as ISO-8601 writes it, within {@link DateBounds}, or its refusal in
	 * {@code language}. A value written as a date that names no day (2026-02-30, month
	 * 13) says that the day does not exist: it looks like 2026-12-31, and being told it
	 * must was no help.
	 */
	static LocalDate date(String text, Locale language) {
		String trimmed = text.trim();
		LocalDate date;
		try {
			date = LocalDate.parse(trimmed);
		}
		catch (DateTimeParseException ex) {
			UserError why = noSuchDay(trimmed)
				.orElseGet(() -> UserError.of(INVALID_DATE.variant("dateShape"), null, UserError.quoted(text)));
			throw refusal(why, language);
		}
		if (!DateBounds.within(date)) {
			throw refusal(INVALID_DATE.variant("dateRange"), language, DateBounds.FIRST, DateBounds.LAST,
					UserError.quoted(text));
		}
		return date;
	}

	/**
	 * Why {@code text}, written as year-month-day, names no day; empty if it is not so
	 * written.
	 */
	private static Optional<UserError> noSuchDay(String text) {
		Matcher written = ISO_DATE_SHAPE.matcher(text);
		if (!written.matches()) {
			return Optional.empty();
		}
		Quoted quoted = UserError.quoted(text);
		int year = Integer.parseInt(written.group(1));
		int month = Integer.parseInt(written.group(2));
		int day = Integer.parseInt(written.group(3));
		if (month < 1 || month > 12) {
			return Optional.of(UserError.of(INVALID_DATE.variant("noSuchMonth"), null, quoted, written.group(2)));
		}
		YearMonth yearMonth = YearMonth.of(year, month);
		if (day < 1 || day > yearMonth.lengthOfMonth()) {
			// The month by its name in the reader's language, the year as written (never
			// grouped as a number would be).
			return Optional.of(UserError.of(INVALID_DATE.variant("noSuchDay"), null, quoted,
					Phrase.of("month." + yearMonth.getMonth().name()), written.group(1),
					new Days(yearMonth.lengthOfMonth())));
		}
		return Optional.empty();
	}

	/**
	 * The refusal of a scalar's value: the catalogue's sentence ({@code sentence}, with
	 * {@code figures} as its {@code {1}}, {@code {2}}, ...; no field, a scalar does not
	 * know which argument or input field it is coerced for; in a variable,
	 * {@link VariableRefusals} finds the field and writes the whole message) in
	 * {@code language}, the language graphql-java coerces the request in (its
	 * {@code Accept-Language}, as Spring hands it to the execution input), and the code's
	 * stable wire string in {@code extensions.code}: {@code INVALID_DATE} for a
	 * {@code Date} or {@code DateTime}, {@code MALFORMED_DECIMAL} for a {@code Decimal}
	 * that is neither a string nor a number (a string or number that is no valid amount
	 * is refused later, by the service, with the field).
	 */
	private static CoercingParseValueException refusal(ErrorCode.Variant sentence, Locale language, Object... figures) {
		return refusal(UserError.of(sentence, null, figures), language);
	}

	private static CoercingParseValueException refusal(UserError refusal, Locale language) {
		return CoercingParseValueException.newCoercingParseValueException()
			.message(refusal.message(language))
			.extensions(Map.of("code", refusal.code().code()))
			.build();
	}

	private static CoercingParseLiteralException literal(CoercingParseValueException ex) {
		return CoercingParseLiteralException.newCoercingParseLiteralException()
			.message(ex.getMessage())
			.extensions(ex.getExtensions())
			.build();
	}

	private static final Pattern ISO_DATE_SHAPE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");

	private static String typeName(Object value) {
		return (value != null) ? value.getClass().getSimpleName() : "null";
	}

}
