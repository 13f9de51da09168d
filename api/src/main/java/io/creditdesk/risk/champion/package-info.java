/**
 * The fallback source of the active models: the champion the build trained into the jar,
 * verified by the model intake, used when no model registry provides
 * {@link io.creditdesk.risk.ActiveModels}.
 */
package io.creditdesk.risk.champion;
