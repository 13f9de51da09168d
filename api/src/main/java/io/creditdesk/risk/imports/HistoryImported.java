package io.creditdesk.risk.imports;

/**
 * Published after an import wrote history: the scores of the customers it touched are
 * stale until they are scored again.
 *
 * @param kind {@code invoices} or {@code statements}
 * @param rows the rows imported
 */
public record HistoryImported(String kind, long rows) {
}
