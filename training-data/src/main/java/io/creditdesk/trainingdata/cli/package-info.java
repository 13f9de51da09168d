/**
 * The command that writes the committed generated samples (generic invoice CSV and labelled statement
 * histories) from a seed, so anyone can regenerate them or make larger ones.
 */
package io.creditdesk.trainingdata.cli;
