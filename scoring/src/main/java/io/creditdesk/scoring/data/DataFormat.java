package io.creditdesk.scoring.data;

import io.creditdesk.scoring.history.LabeledHistory;
import io.creditdesk.scoring.history.PaymentHistory;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The input formats of the command line ({@code --format}), each knowing how to load a
 * file into labelled histories (train, evaluate, cv) or plain histories (score). Invoice
 * formats go through {@link InvoiceAggregator} with the given options; the others ignore
 * them.
 */
public enum DataFormat {

	UCI_DEFAULT("uci-default"), INVOICES("invoices"), IBM_AR("ibm-ar"), STATEMENTS("statements");

	private final String cliName;

	DataFormat(String cliName) {
		this.cliName = cliName;
	}

	/** The name used on the command line and in model cards. */
	public String cliName() {
		return cliName;
	}

	/**
	 * Whether the format holds invoices, which need an as-of date and are aggregated into
	 * statements.
	 */
	public boolean isInvoiceData() {
		return this == INVOICES || this == IBM_AR;
	}

	/** The format with this command-line name. */
	public static DataFormat parse(String name) {
		for (DataFormat f : values()) {
			if (f.cliName.equals(name)) {
				return f;
			}
		}
		throw new IllegalArgumentException("unknown format '" + name + "' (expected one of "
				+ Arrays.stream(values()).map(DataFormat::cliName).collect(Collectors.joining(", ")) + ")");
	}

	/**
	 * Labelled histories; for invoice data the label is derived as of the options' date
	 * (see the README).
	 */
	public List<LabeledHistory> loadLabeled(Path file, InvoiceAggregator.Options options) {
		return switch (this) {
			case UCI_DEFAULT -> UciCreditDefaultLoader.load(file);
			case STATEMENTS -> StatementsCsv.load(file);
			case INVOICES, IBM_AR -> InvoiceAggregator.labeled(invoices(file), options);
		};
	}

	/**
	 * Histories to score; labels in the file are ignored, invoice data defaults to
	 * everything known.
	 */
	public List<PaymentHistory> loadForScoring(Path file, InvoiceAggregator.Options options) {
		return switch (this) {
			case UCI_DEFAULT -> UciCreditDefaultLoader.loadUnlabeled(file);
			case STATEMENTS -> StatementsCsv.loadUnlabeled(file);
			case INVOICES, IBM_AR -> InvoiceAggregator.histories(invoices(file), options);
		};
	}

	private List<Invoice> invoices(Path file) {
		return this == IBM_AR ? IbmAccountsReceivableLoader.read(file) : InvoiceCsv.read(file);
	}

}
