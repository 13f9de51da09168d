/**
 * The history customers bring from their previous system: the CSV imports of invoices and
 * monthly statements ({@code POST /api/imports/invoices}, {@code /statements}), all or
 * nothing per file and idempotent, and the imported facts as scoring reads them.
 */
package io.creditdesk.risk.imports;
