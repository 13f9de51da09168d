package io.creditdesk.limitrequest;

import java.time.Instant;

import io.creditdesk.bureau.BureauReport;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What is known to verify a customer, one document per customer: the latest manual
 * verification and the latest bureau report (with the time it was fetched: it is reused
 * while younger than the policy age).
 *
 * @param id the customer id
 * @param manual the latest manual verification; null when none
 * @param bureauReport the latest bureau report; null when none was fetched
 * @param version optimistic-concurrency version
 */
@Document("customer_verifications")
public record CustomerVerification(@Id String id, ManualVerification manual, BureauReport bureauReport, long version) {

	/**
	 * A verification recorded by an analyst when no bureau is configured or the bureau
	 * does not know the company.
	 *
	 * @param by who recorded it
	 * @param at when
	 * @param evidence what was checked, in words
	 * @param reference where the evidence is kept (a document number, a register entry)
	 */
	public record ManualVerification(String by, Instant at, String evidence, String reference) {
	}

}
