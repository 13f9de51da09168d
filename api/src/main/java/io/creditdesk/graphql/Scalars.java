package io.creditdesk.graphql;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
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
import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.DateBounds;
import io.creditdesk.common.DecimalInput;
import io.creditdesk.common.UserError;

/** The custom scalars of the schema. */
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
						throw malformedDecimal("Decimal must be a finite number, got " + value + ".");
					}
					// Shortest representation of the double, e.g. 12.34 stays "12.34".
					return new DecimalInput(BigDecimal.valueOf(value).toString());
				}
				if (input instanceof Number number) {
					return new DecimalInput(number.toString());
				}
				throw malformedDecimal("Decimal must be a string or a number, got " + typeName(input));
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
				throw literal(malformedDecimal("Decimal must be a string or a number literal."));
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
					return date(text);
				}
				throw invalidDate("Date must be a string such as 2026-12-31, got " + typeName(input));
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
				throw literal(invalidDate("Date must be a string such as 2026-12-31."));
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
						throw invalidDate(
								"DateTime must look like 2026-11-22T19:06:08Z, got " + UserError.quote(text) + ".");
					}
					if (!DateBounds.within(instant)) {
						throw invalidDate("DateTime must lie between " + DateBounds.FIRST + "T00:00:00Z and "
								+ DateBounds.LAST + "T23:59:59Z, got " + UserError.quote(text) + ".");
					}
					return instant;
				}
				throw invalidDate("DateTime must be a string, got " + typeName(input));
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
				throw literal(invalidDate("DateTime must be a string."));
			}
		})
		.build();

	/**
	 * A {@code Date} as ISO-8601 writes it, within {@link DateBounds}. A value written as
	 * a date that names no day (2026-02-30, month 13) says that the day does not exist:
	 * it looks like 2026-12-31, and being told it must was no help.
	 */
	static LocalDate date(String text) {
		String trimmed = text.trim();
		LocalDate date;
		try {
			date = LocalDate.parse(trimmed);
		}
		catch (DateTimeParseException ex) {
			throw invalidDate(noSuchDay(trimmed)
				.orElseGet(() -> "Date must look like 2026-12-31, got " + UserError.quote(text) + "."));
		}
		if (!DateBounds.within(date)) {
			throw invalidDate("Date must lie between " + DateBounds.FIRST + " and " + DateBounds.LAST + ", got "
					+ UserError.quote(text) + ".");
		}
		return date;
	}

	/**
	 * Why {@code text}, written as year-month-day, names no day; empty if it is not so
	 * written.
	 */
	private static Optional<String> noSuchDay(String text) {
		Matcher written = ISO_DATE_SHAPE.matcher(text);
		if (!written.matches()) {
			return Optional.empty();
		}
		String quoted = UserError.quote(text);
		int year = Integer.parseInt(written.group(1));
		int month = Integer.parseInt(written.group(2));
		int day = Integer.parseInt(written.group(3));
		if (month < 1 || month > 12) {
			return Optional.of("Date " + quoted + " does not exist: there is no month " + written.group(2)
					+ " (months are 01 to 12).");
		}
		YearMonth yearMonth = YearMonth.of(year, month);
		if (day < 1 || day > yearMonth.lengthOfMonth()) {
			return Optional.of("Date " + quoted + " does not exist: "
					+ yearMonth.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + year + " has "
					+ yearMonth.lengthOfMonth() + " days.");
		}
		return Optional.empty();
	}

	/**
	 * A refusal of a {@code Date} or {@code DateTime} value, with the stable code
	 * {@code INVALID_DATE} in its extensions, as every refusal carries a code.
	 */
	private static CoercingParseValueException invalidDate(String message) {
		return CoercingParseValueException.newCoercingParseValueException()
			.message(message)
			.extensions(Map.of("code", CommonErrorCode.INVALID_DATE.code()))
			.build();
	}

	/**
	 * A refusal of a {@code Decimal} value that is neither a string nor a number (a
	 * string or number that is no valid amount is refused later, by the service, with the
	 * field), with the stable code {@code MALFORMED_DECIMAL} in its extensions.
	 */
	private static CoercingParseValueException malformedDecimal(String message) {
		return CoercingParseValueException.newCoercingParseValueException()
			.message(message)
			.extensions(Map.of("code", CommonErrorCode.MALFORMED_DECIMAL.code()))
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
