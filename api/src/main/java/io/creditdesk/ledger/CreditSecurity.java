package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import io.creditdesk.common.Money;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Something that secures a customer's exposure: credit insurance (a percentage of
 * receivables up to a cover amount), a letter of credit or a guarantee (an amount). It
 * counts from {@code validFrom} to {@code expiresOn} inclusive; expired security stops
 * counting by itself.
 */
@Document("credit_securities")
public record CreditSecurity(@Id String id, String customerId, SecurityType type, String reference, Money amount,
		BigDecimal coverPercent, LocalDate validFrom, LocalDate expiresOn, String addedBy, Instant addedAt,
		boolean released) {

	/** The kinds of security. */
	public enum SecurityType {

		CREDIT_INSURANCE, LETTER_OF_CREDIT, GUARANTEE

	}

	/** Whether {@code day} is within its validity (released or not). */
	boolean validOn(LocalDate day) {
		return (this.validFrom == null || !day.isBefore(this.validFrom))
				&& (this.expiresOn == null || !day.isAfter(this.expiresOn));
	}

	boolean activeOn(LocalDate day) {
		return !this.released && (this.validFrom == null || !day.isBefore(this.validFrom))
				&& (this.expiresOn == null || !day.isAfter(this.expiresOn));
	}

}
