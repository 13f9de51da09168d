package io.creditdesk.scoring.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file that cannot be loaded as the format it was given as: missing or empty file,
 * missing column, unparseable number or date, inconsistent rows. The message names the
 * file, and the line and column when the problem has one, so that a data scientist can
 * open the file at the right place ({@code broken.csv, line 3, column 'BILL_AMT2': not a
 * number: 'nine'}). Unchecked, because a bad file is a fact about the input that callers
 * report rather than recover from.
 */
public class DataFormatException extends RuntimeException {

	/** Used for {@link #line()} when the problem concerns the whole file. */
	public static final long NO_LINE = 0;

	private final transient Path file;

	private final long line;

	private final String column;

	private final String problem;

	/**
	 * A problem with a cell: {@code line} is 1-based and counts the header,
	 * {@code column} is the header name.
	 */
	public DataFormatException(Path file, long line, String column, String problem) {
		super(message(file, line, column, problem));
		this.file = Objects.requireNonNull(file, "file");
		this.line = line;
		this.column = column;
		this.problem = problem;
	}

	/** A problem with a whole line (for example a wrong number of cells). */
	public DataFormatException(Path file, long line, String problem) {
		this(file, line, null, problem);
	}

	/** A problem with the whole file (missing, empty, not text). */
	public DataFormatException(Path file, String problem) {
		this(file, NO_LINE, null, problem);
	}

	public Path file() {
		return file;
	}

	/** The 1-based line (the header is line 1), or {@link #NO_LINE}. */
	public long line() {
		return line;
	}

	/** The column's header name, or null when the problem is not about one column. */
	public String column() {
		return column;
	}

	/** The message without the location. */
	public String problem() {
		return problem;
	}

	private static String message(Path file, long line, String column, String problem) {
		StringBuilder sb = new StringBuilder(String.valueOf(file));
		if (line > NO_LINE) {
			sb.append(", line ").append(line);
		}
		if (column != null) {
			sb.append(", column '").append(column).append('\'');
		}
		return sb.append(": ").append(problem).toString();
	}

}
