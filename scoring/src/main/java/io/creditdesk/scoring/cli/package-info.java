/**
 * The executable {@code scoring-cli.jar}: train, evaluate, score, cross-validate and
 * benchmark from the command line, writing model files, model cards and reports. Errors
 * in input data are reported with file, line and column and a non-zero exit code.
 */
package io.creditdesk.scoring.cli;
