/**
 * What a data scientist reads after training: the model card (JSON and Markdown: data and
 * its hash, features, hyperparameters, metrics, grade table, intended use, excluded
 * attributes, licence) and a self-contained HTML report with ROC and calibration plots
 * drawn as inline SVG.
 */
package io.creditdesk.scoring.report;
