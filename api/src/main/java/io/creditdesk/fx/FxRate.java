package io.creditdesk.fx;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * 1 {@code base} = {@code rate} {@code quote}, valid from {@code validOn} until a newer
 * rate.
 */
@Document("fx_rates")
public record FxRate(@Id String id, String base, String quote, LocalDate validOn, BigDecimal rate, String setBy,
		Instant setAt) {

	static String idOf(String base, String quote, LocalDate validOn) {
		return base + ":" + quote + ":" + validOn;
	}

}
