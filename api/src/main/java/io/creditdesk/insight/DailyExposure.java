package io.creditdesk.insight;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A customer's net exposure at the close of one day (UTC), in its credit currency: the
 * last value read that day. The id {@code customerId:yyyy-mm-dd} makes every write of the
 * same day an overwrite, whichever instance writes it.
 */
@Document(DailyExposure.COLLECTION)
record DailyExposure(@Id String id, String customerId, LocalDate day, BigDecimal net, String currency,
		Instant recordedAt) {

	static final String COLLECTION = "exposure_daily";

	static String id(String customerId, LocalDate day) {
		return customerId + ":" + day;
	}

}
