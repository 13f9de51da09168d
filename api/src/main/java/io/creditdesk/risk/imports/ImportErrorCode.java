package io.creditdesk.risk.imports;

/** The stable codes of the problems an import reports. */
enum ImportErrorCode {

	/** The body is not {@code text/csv}. */
	UNSUPPORTED_MEDIA_TYPE,
	/** The caller's roles do not include ADMIN, DATA_SCIENTIST or INTEGRATION. */
	FORBIDDEN,
	/** The file is not UTF-8 text. */
	NOT_UTF8,
	/** The file has no header, or no data rows. */
	EMPTY_FILE,
	/** The file is larger than the service accepts. */
	FILE_TOO_LARGE,
	/** A required column is missing from the header. */
	MISSING_COLUMN,
	/** A required value is empty. */
	REQUIRED,
	/** A value is not a number. */
	NOT_A_NUMBER,
	/** A value is not a date ({@code yyyy-MM-dd}) or month ({@code yyyy-MM}). */
	NOT_A_DATE,
	/**
	 * A value is outside what it may be (negative amount, an amount of 10^15 or more,
	 * delay status, month).
	 */
	OUT_OF_RANGE,
	/** An amount has more decimals than the customer's credit currency has. */
	TOO_MANY_DECIMALS,
	/** A date is before the one it follows from, or in the future. */
	DATE_ORDER,
	/**
	 * An invoice is dated before its customer's {@code customerSince}: the relationship
	 * had not begun (as the ledger's {@code DATE_BEFORE_CUSTOMER}).
	 */
	DATE_BEFORE_CUSTOMER,
	/** No customer has this external reference: rows are never imported for nobody. */
	UNKNOWN_CUSTOMER,
	/** The same customer month or invoice appears twice in the file. */
	DUPLICATE_ROW,
	/** A row has more values than the header has columns. */
	TOO_MANY_VALUES,
	/** The {@code asOf} parameter is not a past month. */
	INVALID_AS_OF

}
