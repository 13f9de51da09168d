/**
 * The shared kernel every capability may use: {@link io.creditdesk.common.Money}, the one
 * bound every amount, price, rate and percentage entering the service is held to
 * ({@link io.creditdesk.common.MoneyBounds}), the domain error type with its stable codes
 * and bounded messages, the one message catalogue every sentence a person reads comes
 * from ({@link io.creditdesk.common.MessageCatalogue}: a refusal names its code, field
 * and figures, never a sentence), Relay connection values and the acting user. A code is
 * an {@link io.creditdesk.common.ErrorCode}: each capability declares its own enum of
 * them, and {@link io.creditdesk.common.CommonErrorCode} holds those every capability
 * uses. It depends on no other module (module boundaries: {@code ModularityTests}).
 */
@ApplicationModule(allowedDependencies = {})
package io.creditdesk.common;

import org.springframework.modulith.ApplicationModule;
