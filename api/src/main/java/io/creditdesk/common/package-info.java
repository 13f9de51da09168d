/**
 * The shared kernel every capability may use: {@link io.creditdesk.common.Money}, the domain
 * error type with its stable codes, Relay connection values and the acting user. Nothing here
 * depends on another capability.
 */
package io.creditdesk.common;
