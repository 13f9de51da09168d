/**
 * The model's input vocabulary: a customer's payment history as monthly statements (credit limit,
 * balance, payment, delay status), most recent first, and the labelled form used for training.
 * Every loader produces these types and every feature is computed from them, which is what keeps
 * training and serving on the same footing.
 */
package io.creditdesk.scoring.history;
