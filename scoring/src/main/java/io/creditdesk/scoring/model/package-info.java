/**
 * The serving API: {@link io.creditdesk.scoring.model.ScoringModel} loads a Tribuo
 * protobuf model file and scores payment histories into a probability, a
 * {@link io.creditdesk.scoring.model.RiskGrade} and reason codes, one customer or many in
 * one batch, and passes customers without enough history through as
 * {@code INSUFFICIENT_HISTORY} ({@link io.creditdesk.scoring.model.CustomerScore}).
 * Reason codes are exact per-prediction log-odds contributions: coefficient times
 * standardized value for logistic regression, TreeSHAP from the XGBoost booster itself
 * ({@code predictContrib}) for XGBoost, each with a description from the
 * {@link io.creditdesk.scoring.features.FeatureCatalogue}.
 */
package io.creditdesk.scoring.model;
