package io.creditdesk.fx;

import java.math.BigDecimal;
import java.time.LocalDate;

import io.creditdesk.common.Money;

/**
 * The result of converting an amount: the converted money, and the rate and its date,
 * which are stored on the converted document. Same-currency conversion has rate 1 and no
 * date.
 */
public record Conversion(Money original, Money converted, BigDecimal rate, LocalDate rateDate) {
}
