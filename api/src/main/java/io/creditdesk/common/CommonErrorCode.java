package io.creditdesk.common;

/**
 * Codes every capability refuses with: input that is missing, malformed or out of range,
 * and stale writes.
 */
public enum CommonErrorCode implements ErrorCode {

	/** A required input is missing or blank. */
	REQUIRED,

	/** A text input is longer than allowed. */
	TOO_LONG,

	/**
	 * A text holds a character it may not: a control character (C0, DEL, C1; a free text
	 * such as a reason may hold tabs and line breaks), or in an id an invisible
	 * formatting character (a bidirectional override, a zero-width character).
	 */
	CONTROL_CHARACTERS,

	/**
	 * A taxonomy code (segment, tier, industry, channel) is not 1 to 40 letters, digits
	 * or underscores.
	 */
	INVALID_CODE,

	/** Not an ISO 4217 currency code, or a currency money cannot be kept in. */
	UNKNOWN_CURRENCY,

	/** Not an ISO 3166-1 alpha-2 country code. */
	UNKNOWN_COUNTRY,

	/** An amount that must not be negative is negative. */
	NEGATIVE_AMOUNT,

	/** An amount that must be more than zero is zero. */
	AMOUNT_NOT_POSITIVE,

	/** A number outside its allowed range. */
	OUT_OF_RANGE,

	/**
	 * An amount, percentage or rate beyond what the service keeps (see the Decimal
	 * scalar).
	 */
	AMOUNT_OUT_OF_RANGE,

	/**
	 * An amount with more decimals than its currency (or a rate with more than allowed).
	 */
	TOO_MANY_DECIMALS,

	/** A decimal input that is not a number. */
	MALFORMED_DECIMAL,

	/**
	 * A date that cannot be one: not a date (a {@code Date} or {@code DateTime} value, in
	 * the GraphQL error's {@code extensions.code}), a day that does not exist, a delivery
	 * date out of range, or one that contradicts another input (an end before its start).
	 */
	INVALID_DATE,

	/** A document date after today plus the configured tolerance. */
	DATE_IN_FUTURE,

	/** A page cursor that this service did not hand out. */
	INVALID_CURSOR,

	/** A page size outside its allowed range. */
	INVALID_PAGE_SIZE,

	/**
	 * A field an input object does not have (in a GraphQL variable or an argument written
	 * in the document), or a field a type does not have selected in a GraphQL document;
	 * before anything runs.
	 */
	UNKNOWN_FIELD,

	/**
	 * A value of a built-in GraphQL type ({@code String}, {@code Int}, {@code Boolean},
	 * {@code ID}, {@code Float}) or of an enum that is none (in a GraphQL variable,
	 * before anything runs).
	 */
	INVALID_VALUE,

	/** A GraphQL document that is not GraphQL: it does not parse. */
	INVALID_SYNTAX,

	/** An argument a field or a directive does not have, in a GraphQL document. */
	UNKNOWN_ARGUMENT,

	/** A field of an object type selected without a selection of its fields. */
	SELECTION_REQUIRED,

	/** A selection of fields on a field of a scalar or enum type, which has none. */
	SELECTION_NOT_ALLOWED,

	/** A variable used in a GraphQL operation that does not declare it. */
	UNKNOWN_VARIABLE,

	/** A variable a GraphQL operation declares and never uses. */
	UNUSED_VARIABLE,

	/** A type the schema does not have, named in a GraphQL document. */
	UNKNOWN_TYPE,

	/** A fragment spread in a GraphQL document that does not define it. */
	UNKNOWN_FRAGMENT,

	/** A directive the schema does not have, used in a GraphQL document. */
	UNKNOWN_DIRECTIVE,

	/**
	 * Which operation of a GraphQL document to run cannot be told: two have one name, one
	 * without a name is among others, or there are several and no operation name.
	 */
	AMBIGUOUS_OPERATION,

	/** An operation name that no operation of the GraphQL document has. */
	UNKNOWN_OPERATION,

	/**
	 * A GraphQL document that breaks another rule of GraphQL validation (the rule in
	 * {@code extensions.rule}).
	 */
	INVALID_DOCUMENT,

	/** The record was changed by another request meanwhile; reload it and try again. */
	CONCURRENT_MODIFICATION,

	/** The expected version is not the record's current one: it was changed meanwhile. */
	STALE_VERSION,

	/** A currency that differs from the one the record is kept in. */
	CURRENCY_MISMATCH,

	/** No customer has the given id. */
	CUSTOMER_NOT_FOUND,

	/**
	 * A decision four eyes ask of a person (a step of a credit limit request, the release
	 * or rejection of a held order, the approval of a model promotion) taken by a machine
	 * client, an API key ({@link FourEyes}).
	 */
	APPROVER_NOT_A_PERSON

}
