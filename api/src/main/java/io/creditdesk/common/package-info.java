/**
 * The shared kernel every capability may use: {@link io.creditdesk.common.Money}, the one bound
 * every amount, price, rate and percentage entering the service is held to
 * ({@link io.creditdesk.common.MoneyBounds}), the domain error type with its stable codes and
 * bounded messages, Relay connection values and the acting user. Nothing here depends on another
 * capability.
 * <p>
 * The shared kernel: it depends on no other module. (Module boundaries: {@code ModularityTests}.)
 */
@ApplicationModule(allowedDependencies = {})
package io.creditdesk.common;

import org.springframework.modulith.ApplicationModule;
