package io.creditdesk.risk.imports;

import java.util.List;

/**
 * The answer to an import, as JSON: how many data rows the file had, how many were
 * imported (all or none), and every problem found (at most
 * {@value HistoryImport#MAX_ERRORS}; a file with any problem imports nothing).
 *
 * @param rows the data rows read
 * @param imported the rows imported: {@code rows} or 0
 * @param errors the problems, in file order
 */
record ImportReport(long rows, long imported, List<ImportError> errors) {

	/**
	 * One problem.
	 *
	 * @param line the line of the file (the header is line 1; 0 for the request as a
	 * whole)
	 * @param column the column's name, or null when the problem is not in one cell
	 * @param code a stable code
	 * @param reason a sentence a person understands, in the caller's language
	 */
	record ImportError(long line, String column, ImportErrorCode code, String reason) {
	}

	static ImportReport refused(ImportErrorCode code, String column, String reason) {
		return new ImportReport(0, 0, List.of(new ImportError(0, column, code, reason)));
	}

}
