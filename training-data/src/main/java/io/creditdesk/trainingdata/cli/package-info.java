/**
 * Commands of the training-data module:
 * {@link io.creditdesk.trainingdata.cli.GenerateSamples} writes the committed generated
 * samples (generic invoice CSV and labelled statement histories) from a seed, so anyone
 * can regenerate them or make larger ones;
 * {@link io.creditdesk.trainingdata.cli.PortfolioBench} times point-in-time histories and
 * batched scoring of a generated portfolio.
 */
package io.creditdesk.trainingdata.cli;
