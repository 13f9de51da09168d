/**
 * Judging a model: ROC-AUC, PR-AUC, Brier score, log-loss, KS, top-decile lift, a
 * confusion matrix at a threshold, a calibration table per decile and the observed
 * default rate per risk grade, overall and per segment; seeded, stratified k-fold
 * cross-validation; and watching it once it serves: population stability (PSI of scores,
 * CSI of features) against the training baseline stored in the model card, and a
 * champion-challenger comparison on a labelled window.
 */
package io.creditdesk.scoring.evaluation;
