/**
 * Loaders that turn source files into payment histories: the UCI credit-default layout,
 * the generic invoice CSV, the IBM accounts-receivable sample and the long statements
 * layout, plus {@link io.creditdesk.scoring.data.InvoiceAggregator}, which rolls invoices
 * up into monthly statements as of a date without looking past it. Loaders read only the
 * columns the model may use (never protected attributes, never facts known only later),
 * and every problem with a file is a
 * {@link io.creditdesk.scoring.data.DataFormatException} naming file, line and column.
 */
package io.creditdesk.scoring.data;
