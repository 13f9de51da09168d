package io.creditdesk.risk.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import io.creditdesk.scoring.data.CsvTable;

/**
 * Reads a CSV file a row at a time (never the whole file in memory): a header row, then
 * data rows; comma-separated, double-quoted cells with {@code ""} escapes, a leading byte
 * order mark ignored, blank lines skipped. Column names are matched case-insensitively.
 */
final class CsvRows implements AutoCloseable {

	private final BufferedReader reader;

	private final Map<String, Integer> columns = new HashMap<>();

	private final List<String> header;

	private long line;

	/** One data row with its line number (the header is line 1). */
	record Row(long line, List<String> cells) {

		/** The trimmed cell of {@code column}, empty when absent. */
		String get(int column) {
			return (column >= 0 && column < this.cells.size()) ? this.cells.get(column).trim() : "";
		}

	}

	/** Opens the file; the header is empty when the file is. */
	CsvRows(BufferedReader reader) {
		this.reader = reader;
		String first = next();
		if (first != null && first.startsWith("\uFEFF")) {
			first = first.substring(1);
		}
		this.header = (first != null) ? split(first).stream().map(String::trim).toList() : List.of();
		for (int i = 0; i < this.header.size(); i++) {
			this.columns.putIfAbsent(this.header.get(i).toLowerCase(Locale.ROOT), i);
		}
	}

	List<String> header() {
		return this.header;
	}

	/** The index of a column, or -1 when the header has none of that name. */
	int column(String name) {
		return this.columns.getOrDefault(name, -1);
	}

	/** The next data row, or null at the end. */
	Row nextRow() {
		String text;
		do {
			text = next();
		}
		while (text != null && text.isBlank());
		return (text != null) ? new Row(this.line, split(text)) : null;
	}

	private String next() {
		try {
			String text = this.reader.readLine();
			if (text != null) {
				this.line++;
			}
			return text;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** One line's cells, split as the scoring module's CSV reader splits them. */
	static List<String> split(String line) {
		return CsvTable.split(line);
	}

	@Override
	public void close() {
		try {
			this.reader.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
