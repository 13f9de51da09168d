package io.creditdesk.risk.imports;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One imported monthly statement of a customer: a calendar month as the previous system
 * knew it. The id is {@code customerId|YYYY-MM}, so a re-import replaces it with itself.
 *
 * @param month the calendar month, {@code YYYY-MM}
 */
@Document("imported_statements")
record ImportedStatement(@Id String id, String customerId, String month, double creditLimit, double billed, double paid,
		int delayStatus) {

	static String id(String customerId, String month) {
		return customerId + "|" + month;
	}

}
