/**
 * Data scientists in the service: {@code trainModel} trains a candidate on the service's
 * own ledger as a background job (point-in-time histories from
 * {@link io.creditdesk.risk.CustomerLedgers} through the scoring module's
 * {@code TrainingSet}, an out-of-time holdout for the metrics, the candidate registered
 * with its model card), and the training set can be exported as the statements CSV with
 * labels.
 */
package io.creditdesk.risk.training;
