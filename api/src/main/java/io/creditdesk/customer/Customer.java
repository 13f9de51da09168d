package io.creditdesk.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import io.creditdesk.policy.PolicySubject;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A customer's credit profile, one document per customer. Only targeted updates write it
 * (never a whole-document replace), so counters that other capabilities keep in the same
 * document are never overwritten by a profile edit.
 *
 * @param flags the risk flags currently raised (history is in the audit trail)
 * @param creditLimit the approved limit, or null before the first approval
 * @param version optimistic-concurrency version of the profile
 * @param customerSince the day the business relationship began: no ledger document may be
 * dated before it (a customer moved from an ERP brings its history); the registration day
 * when not given (and for profiles stored before the field existed)
 * @param creditAnalyst the username of the credit analyst in charge of the customer, or
 * null; notifications about the customer go to them
 * @param salesOwner the username of the salesperson who owns the relationship, or null;
 * told of credit decisions on the customer
 */
@Document("customers")
public record Customer(@Id String id, String externalRef, String name, String taxId, String countryCode, String segment,
		String tier, String industry, String parentId, String creditCurrency, CustomerStatus status,
		List<RiskFlag> flags, CreditLimit creditLimit, Instant createdAt, Instant updatedAt, long version,
		LocalDate customerSince, String creditAnalyst, String salesOwner) {

	@PersistenceCreator
	public Customer {
		flags = (flags != null) ? List.copyOf(flags) : List.of();
		if (customerSince == null && createdAt != null) {
			customerSince = LocalDate.ofInstant(createdAt, ZoneOffset.UTC);
		}
	}

	/** A customer nobody is assigned to yet. */
	public Customer(String id, String externalRef, String name, String taxId, String countryCode, String segment,
			String tier, String industry, String parentId, String creditCurrency, CustomerStatus status,
			List<RiskFlag> flags, CreditLimit creditLimit, Instant createdAt, Instant updatedAt, long version,
			LocalDate customerSince) {
		this(id, externalRef, name, taxId, countryCode, segment, tier, industry, parentId, creditCurrency, status,
				flags, creditLimit, createdAt, updatedAt, version, customerSince, null, null);
	}

	public PolicySubject policySubject() {
		return new PolicySubject(this.id, this.segment, this.tier, this.industry);
	}

	public boolean hasFlag(RiskFlagType type) {
		return this.flags.stream().anyMatch(f -> f.type() == type);
	}

}
