/**
 * Training: the trainer choices (baseline, standardized logistic regression, XGBoost),
 * their seeded configuration from defaults, a properties file or the command line, and
 * the conversion of labelled histories into a Tribuo dataset through the shared feature
 * definition.
 */
package io.creditdesk.scoring.training;
