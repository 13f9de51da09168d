/**
 * The model's input vocabulary: a customer's payment history as monthly statements
 * (credit limit, balance, payment, delay status), most recent first, the labelled form
 * used for training, and {@link io.creditdesk.scoring.history.HistoryResult}: a history
 * as of a date or the documented reason there is none ({@code INSUFFICIENT_HISTORY}).
 * Every loader produces these types and every feature is computed from them, which is
 * what keeps training and serving on the same footing.
 */
package io.creditdesk.scoring.history;
