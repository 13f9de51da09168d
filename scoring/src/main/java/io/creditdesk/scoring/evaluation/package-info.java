/**
 * Judging a model: ROC-AUC, PR-AUC, Brier score, log-loss, KS, top-decile lift, a confusion matrix at a
 * threshold, a calibration table per decile and the observed default rate per risk grade, overall and per
 * segment; and seeded, stratified k-fold cross-validation.
 */
package io.creditdesk.scoring.evaluation;
