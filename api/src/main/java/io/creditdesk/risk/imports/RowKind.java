package io.creditdesk.risk.imports;

import java.util.List;

import io.creditdesk.common.MessageCatalogue.Phrase;
import io.creditdesk.customer.CustomerBatches.CustomerKey;

/**
 * One CSV layout an import reads: its required columns, and how a row becomes a document
 * (or problems).
 *
 * @param <T> the document a valid row becomes
 */
interface RowKind<T> {

	/** The columns the header must have. */
	List<String> required();

	/** Finds the columns in the file's header; called once per pass. */
	void bind(CsvRows rows);

	/**
	 * The row's document, or null after recording its problems.
	 * @param customer the customer of the row's {@code customer_id} (its id and credit
	 * currency, which the row's amounts are in), null when there is none
	 */
	T parse(CsvRows.Row row, CustomerKey customer, Problems problems);

	/** The document's id: the same row gives the same id in every import. */
	String id(T document);

	/**
	 * The catalogue's sentence naming what a duplicate is, for the error: its key after
	 * {@code import.}, and its figures.
	 */
	Phrase duplicate(T document);

}
