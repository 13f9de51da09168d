package io.creditdesk.graphql;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

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
						throw new CoercingParseValueException("Decimal must be a finite number, got " + value + ".");
					}
					// Shortest representation of the double, e.g. 12.34 stays "12.34".
					return new DecimalInput(BigDecimal.valueOf(value).toString());
				}
				if (input instanceof Number number) {
					return new DecimalInput(number.toString());
				}
				throw new CoercingParseValueException("Decimal must be a string or a number, got " + typeName(input));
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
				throw new CoercingParseLiteralException("Decimal must be a string or a number literal.");
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
					LocalDate date;
					try {
						date = LocalDate.parse(text.trim());
					}
					catch (DateTimeParseException ex) {
						throw new CoercingParseValueException(
								"Date must look like 2026-12-31, got " + UserError.quote(text) + ".");
					}
					if (!DateBounds.within(date)) {
						throw new CoercingParseValueException("Date must lie between " + DateBounds.FIRST + " and "
								+ DateBounds.LAST + ", got " + UserError.quote(text) + ".");
					}
					return date;
				}
				throw new CoercingParseValueException(
						"Date must be a string such as 2026-12-31, got " + typeName(input));
			}

			@Override
			public LocalDate parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
					Locale locale) {
				if (input instanceof StringValue text) {
					return parseValue(text.getValue(), context, locale);
				}
				throw new CoercingParseLiteralException("Date must be a string such as 2026-12-31.");
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
						throw new CoercingParseValueException(
								"DateTime must look like 2026-11-22T19:06:08Z, got " + UserError.quote(text) + ".");
					}
					if (!DateBounds.within(instant)) {
						throw new CoercingParseValueException(
								"DateTime must lie between " + DateBounds.FIRST + "T00:00:00Z and " + DateBounds.LAST
										+ "T23:59:59Z, got " + UserError.quote(text) + ".");
					}
					return instant;
				}
				throw new CoercingParseValueException("DateTime must be a string, got " + typeName(input));
			}

			@Override
			public Instant parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
					Locale locale) {
				if (input instanceof StringValue text) {
					return parseValue(text.getValue(), context, locale);
				}
				throw new CoercingParseLiteralException("DateTime must be a string.");
			}
		})
		.build();

	private static String typeName(Object value) {
		return (value != null) ? value.getClass().getSimpleName() : "null";
	}

}
