package io.creditdesk.scoring;

import io.creditdesk.scoring.data.StatementsCsv;
import io.creditdesk.scoring.history.LabeledHistory;

import java.nio.file.Path;
import java.util.List;

/**
 * Committed test data: generated statement histories (see training-data), 600 customers.
 */
public final class Fixtures {

	public static final Path DIR = Path.of("src/test/resources/fixtures");

	public static final Path STATEMENTS = DIR.resolve("statements-600.csv");

	private static List<LabeledHistory> statements;

	private Fixtures() {
	}

	public static synchronized List<LabeledHistory> statements() {
		if (statements == null) {
			statements = StatementsCsv.load(STATEMENTS);
		}
		return statements;
	}

}
