/**
 * The single feature definition shared by training and serving:
 * {@link io.creditdesk.scoring.features.PaymentHistoryFeatures} turns a payment history
 * into delays, delay trend, utilization, payment ratios and amounts. Models store feature
 * names, so a model trained on one version of this class refuses nothing silently: the
 * model card records {@code PaymentHistoryFeatures.VERSION}.
 */
package io.creditdesk.scoring.features;
