package io.creditdesk.risk.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.creditdesk.common.MessageCatalogue.Phrase;
import io.creditdesk.common.UserError;
import io.creditdesk.customer.CustomerBatches;
import io.creditdesk.customer.CustomerBatches.CustomerKey;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Imports a history file, all or nothing, without multi-document transactions: the file
 * (already on disk) is read three times, a row at a time. The first pass collects the
 * customer references and resolves them to customers; the second validates every row (an
 * unknown customer is an error of its rows; duplicates within the file are errors) and,
 * with any error, the import stops there having written nothing; the third writes. Every
 * document's id derives from its customer and its month or invoice, and each is written
 * as a whole (an upsert of the row's content), so importing the same rows again changes
 * nothing and a retry after a failure half-way through the third pass completes the
 * import: an import that did not answer success is simply sent again.
 */
@Service
class HistoryImport {

	/** At most this many problems are listed; the file imports nothing either way. */
	static final int MAX_ERRORS = 1000;

	private static final int WRITE_BATCH = 1000;

	private final CustomerBatches customers;

	private final MongoTemplate mongo;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	HistoryImport(CustomerBatches customers, MongoTemplate mongo, ApplicationEventPublisher events, Clock clock) {
		this.customers = customers;
		this.mongo = mongo;
		this.events = events;
		this.clock = clock;
	}

	LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

	/** The monthly statements of {@code file}, whose month 1 is {@code month1}. */
	ImportReport statements(Path file, YearMonth month1, Locale language) {
		return run(file, new StatementRows(month1), ImportedStatement.class, "statements", language);
	}

	/** The invoices of {@code file}. */
	ImportReport invoices(Path file, Locale language) {
		return run(file, new InvoiceRows(today()), ImportedInvoice.class, "invoices", language);
	}

	/**
	 * Imports {@code file}; the problems' reasons in {@code language} (English when
	 * null).
	 */
	private <T> ImportReport run(Path file, RowKind<T> kind, Class<T> type, String name, Locale language) {
		Problems problems = new Problems(language);
		long rows = 0;
		Set<String> refs = new HashSet<>();
		try (CsvRows csv = open(file)) {
			if (csv.header().isEmpty()) {
				return ImportReport.refused(ImportErrorCode.EMPTY_FILE, null,
						Problems.reason(language, "EMPTY_FILE.noHeader"));
			}
			for (String column : kind.required()) {
				if (csv.column(column) < 0) {
					problems.add(1, column, ImportErrorCode.MISSING_COLUMN, "MISSING_COLUMN", UserError.quoted(column),
							kind.required());
				}
			}
			if (problems.any()) {
				return new ImportReport(0, 0, problems.list());
			}
			int customer = csv.column("customer_id");
			for (CsvRows.Row row = csv.nextRow(); row != null; row = csv.nextRow()) {
				rows++;
				String ref = row.get(customer);
				if (!ref.isEmpty()) {
					refs.add(ref);
				}
			}
		}
		if (rows == 0) {
			return ImportReport.refused(ImportErrorCode.EMPTY_FILE, null,
					Problems.reason(language, "EMPTY_FILE.noRows"));
		}
		Map<String, CustomerKey> ids = this.customers.byExternalRefs(refs);
		validate(file, kind, ids, problems);
		if (problems.any()) {
			return new ImportReport(rows, 0, problems.list());
		}
		write(file, kind, ids, type);
		this.events.publishEvent(new HistoryImported(name, rows));
		return new ImportReport(rows, rows, List.of());
	}

	private <T> void validate(Path file, RowKind<T> kind, Map<String, CustomerKey> ids, Problems problems) {
		Set<String> seen = new HashSet<>();
		try (CsvRows csv = open(file)) {
			kind.bind(csv);
			int customer = csv.column("customer_id");
			int width = csv.header().size();
			for (CsvRows.Row row = csv.nextRow(); row != null; row = csv.nextRow()) {
				if (row.cells().size() > width) {
					problems.add(row.line(), null, ImportErrorCode.TOO_MANY_VALUES, "TOO_MANY_VALUES",
							row.cells().size(), width);
					continue;
				}
				String ref = row.get(customer);
				CustomerKey id = null;
				if (ref.isEmpty()) {
					problems.add(row.line(), "customer_id", ImportErrorCode.REQUIRED, "REQUIRED", "customer_id");
				}
				else {
					id = ids.get(ref);
					if (id == null) {
						problems.add(row.line(), "customer_id", ImportErrorCode.UNKNOWN_CUSTOMER, "UNKNOWN_CUSTOMER",
								UserError.quoted(ref));
					}
				}
				T document = kind.parse(row, id, problems);
				if (document != null && !seen.add(kind.id(document))) {
					Phrase duplicate = kind.duplicate(document);
					problems.add(row.line(), null, ImportErrorCode.DUPLICATE_ROW, duplicate.key(),
							duplicate.figures().toArray());
				}
			}
		}
	}

	private <T> void write(Path file, RowKind<T> kind, Map<String, CustomerKey> ids, Class<T> type) {
		List<T> batch = new ArrayList<>(WRITE_BATCH);
		Problems none = new Problems(null);
		try (CsvRows csv = open(file)) {
			kind.bind(csv);
			int customer = csv.column("customer_id");
			for (CsvRows.Row row = csv.nextRow(); row != null; row = csv.nextRow()) {
				batch.add(kind.parse(row, ids.get(row.get(customer)), none));
				if (batch.size() == WRITE_BATCH) {
					flush(batch, kind, type);
				}
			}
		}
		flush(batch, kind, type);
		if (none.any()) {
			// The file was validated moments ago: it changed on disk, which must not
			// happen.
			throw new IllegalStateException("the import file changed between validating and writing it");
		}
	}

	private <T> void flush(List<T> batch, RowKind<T> kind, Class<T> type) {
		if (batch.isEmpty()) {
			return;
		}
		BulkOperations bulk = this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, type);
		for (T document : batch) {
			bulk.replaceOne(Query.query(Criteria.where("_id").is(kind.id(document))), document,
					FindAndReplaceOptions.options().upsert());
		}
		bulk.execute();
		batch.clear();
	}

	private static CsvRows open(Path file) {
		try {
			BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
			return new CsvRows(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
