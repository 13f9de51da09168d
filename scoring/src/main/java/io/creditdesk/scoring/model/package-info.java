/**
 * The serving API: {@link io.creditdesk.scoring.model.ScoringModel} loads a Tribuo protobuf model file and
 * scores payment histories into a probability, a {@link io.creditdesk.scoring.model.RiskGrade} and reason codes.
 * Reason codes are exact per-prediction log-odds contributions: coefficient times standardized value for
 * logistic regression, Saabas path attributions on a pure-Java copy of the trees for XGBoost.
 */
package io.creditdesk.scoring.model;
