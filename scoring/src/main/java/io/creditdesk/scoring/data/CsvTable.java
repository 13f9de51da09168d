package io.creditdesk.scoring.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A comma-separated file with a header row, read whole (the largest input, the UCI file,
 * is 3 MB), with cell accessors that raise {@link DataFormatException} carrying file,
 * line and column. Columns are looked up by name one at a time, so a loader that never
 * asks for a column never touches it. Double-quoted cells (the UCI header) and {@code ""}
 * escapes are understood; quoted line breaks are not, as none of the supported layouts
 * has them.
 */
public final class CsvTable {

	/**
	 * Plain decimal or scientific notation; stricter than Double.parseDouble, which also
	 * takes "NaN", "1d", "0x1p3".
	 */
	private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

	private final Path file;

	private final String[] header;

	private final Map<String, Integer> index = new HashMap<>();

	private final List<Row> rows;

	private CsvTable(Path file, String[] header, List<Row> rows) {
		this.file = file;
		this.header = header;
		this.rows = rows;
		for (int i = 0; i < header.length; i++) {
			index.putIfAbsent(header[i], i);
		}
	}

	static CsvTable read(Path file) {
		List<String> lines;
		try {
			lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException e) {
			throw new DataFormatException(file, "file not found");
		}
		catch (CharacterCodingException e) {
			throw new DataFormatException(file, "not a UTF-8 text file");
		}
		catch (IOException e) {
			throw new UncheckedIOException(file + ": " + e.getMessage(), e);
		}
		int first = 0;
		while (first < lines.size() && lines.get(first).isBlank()) {
			first++;
		}
		if (first == lines.size()) {
			throw new DataFormatException(file, "empty file (expected a header row and data rows)");
		}
		String headerLine = lines.get(first);
		if (first == 0 && headerLine.startsWith("\uFEFF")) { // spreadsheet exports start
																// with a byte-order mark
			headerLine = headerLine.substring(1);
		}
		String[] header = split(headerLine).stream().map(String::trim).toArray(String[]::new);
		CsvTable table = new CsvTable(file, header, new ArrayList<>(lines.size() - first - 1));
		for (int i = first + 1; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.isBlank()) {
				continue; // trailing newlines from editors are not rows
			}
			List<String> cells = split(line);
			if (cells.size() != header.length) {
				throw new DataFormatException(file, i + 1L,
						"expected " + header.length + " values as in the header, found " + cells.size());
			}
			table.rows.add(table.new Row(i + 1L, cells.toArray(new String[0])));
		}
		if (table.rows.isEmpty()) {
			throw new DataFormatException(file, "empty file (a header row but no data rows)");
		}
		return table;
	}

	/**
	 * Splits one line on commas outside double quotes; quotes are removed and {@code ""}
	 * inside them is a quote. Public: the service's history imports read the same CSV
	 * dialect line by line.
	 */
	public static List<String> split(String line) {
		List<String> cells = new ArrayList<>();
		StringBuilder cell = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
					cell.append('"');
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
				else {
					cell.append(c);
				}
			}
			else if (c == '"') {
				quoted = true;
			}
			else if (c == ',') {
				cells.add(cell.toString());
				cell.setLength(0);
			}
			else {
				cell.append(c);
			}
		}
		cells.add(cell.toString());
		return cells;
	}

	Path file() {
		return file;
	}

	List<Row> rows() {
		return rows;
	}

	/** The index of a required column; a missing one is reported on the header line. */
	int column(String name, String layout) {
		Integer i = index.get(name);
		if (i == null) {
			throw new DataFormatException(file, 1, name, "missing from the header (is this a " + layout + " file?)");
		}
		return i;
	}

	/** The index of an optional column, or -1. */
	int optionalColumn(String name) {
		return index.getOrDefault(name, -1);
	}

	DataFormatException error(Row row, int column, String problem) {
		return new DataFormatException(file, row.line(), header[column], problem);
	}

	/** One data row; {@code line} is its 1-based line in the file. */
	final class Row {

		private final long line;

		private final String[] cells;

		private Row(long line, String[] cells) {
			this.line = line;
			this.cells = cells;
		}

		long line() {
			return line;
		}

		/** The trimmed cell; empty for an absent optional column. */
		String text(int column) {
			return column < 0 ? "" : cells[column].trim();
		}

		String requiredText(int column) {
			String s = text(column);
			if (s.isEmpty()) {
				throw error(this, column, "empty value");
			}
			return s;
		}

		double number(int column) {
			String s = text(column);
			if (s.isEmpty()) {
				throw error(this, column, "empty value, expected a number");
			}
			if (!NUMBER.matcher(s).matches()) {
				throw error(this, column, "not a number: '" + s + "'");
			}
			double v = Double.parseDouble(s);
			if (!Double.isFinite(v)) {
				throw error(this, column, "number out of range: '" + s + "'");
			}
			return v;
		}

		/** A number that may be empty (then {@code ifEmpty}). */
		double optionalNumber(int column, double ifEmpty) {
			return text(column).isEmpty() ? ifEmpty : number(column);
		}

		/** A whole number within bounds, also when written as a double ("2.0", "2e0"). */
		int integer(int column, int min, int max) {
			double v = number(column);
			if (v != Math.rint(v) || v < min || v > max) {
				throw error(this, column,
						"expected a whole number in " + min + ".." + max + ", found '" + text(column) + "'");
			}
			return (int) v;
		}

		LocalDate date(int column, DateTimeFormatter format, String pattern) {
			String s = text(column);
			if (s.isEmpty()) {
				throw error(this, column, "empty value, expected a date (" + pattern + ")");
			}
			return parseDate(column, s, format, pattern);
		}

		LocalDate optionalDate(int column, DateTimeFormatter format, String pattern) {
			String s = text(column);
			return s.isEmpty() ? null : parseDate(column, s, format, pattern);
		}

		private LocalDate parseDate(int column, String s, DateTimeFormatter format, String pattern) {
			try {
				return LocalDate.parse(s, format);
			}
			catch (DateTimeParseException e) {
				throw error(this, column, "not a date (" + pattern + "): '" + s + "'");
			}
		}

		/** true/false, yes/no or 1/0, any case. */
		boolean bool(int column, boolean ifEmpty) {
			String s = text(column).toLowerCase(Locale.ROOT);
			return switch (s) {
				case "" -> ifEmpty;
				case "true", "yes", "y", "1" -> true;
				case "false", "no", "n", "0" -> false;
				default -> throw error(this, column, "expected true/false or yes/no, found '" + text(column) + "'");
			};
		}

	}

}
