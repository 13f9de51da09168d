package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import io.creditdesk.common.Money;
import io.creditdesk.customer.CreditLimit;
import io.creditdesk.customer.CustomerStatus;
import io.creditdesk.customer.RiskFlag;
import io.creditdesk.policy.PolicySubject;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The ledger's view of a customer document: what the credit check needs, including the
 * exposure counters, the changes of them whose order (or invoice) write is still pending
 * and, for the parent of a credit group, the group limit and group exposure.
 */
@Document(CreditAccount.COLLECTION)
record CreditAccount(@Id String id, String creditCurrency, CustomerStatus status, List<RiskFlag> flags,
		CreditLimit creditLimit, String parentId, String segment, String tier, String industry,
		ExposureCounters exposure, Money groupLimit, GroupExposure groupExposure, List<PendingChange> pendingChanges,
		List<GroupChange> groupChanges, GroupMove groupMove) {

	static final String COLLECTION = "customers";

	@PersistenceCreator
	CreditAccount {
		flags = (flags != null) ? flags : List.of();
		exposure = (exposure != null) ? exposure : ExposureCounters.ZERO;
		pendingChanges = (pendingChanges != null) ? pendingChanges : List.of();
		groupChanges = (groupChanges != null) ? groupChanges : List.of();
	}

	/** An account whose group changes, if any, have been followed. */
	CreditAccount(String id, String creditCurrency, CustomerStatus status, List<RiskFlag> flags,
			CreditLimit creditLimit, String parentId, String segment, String tier, String industry,
			ExposureCounters exposure, Money groupLimit, GroupExposure groupExposure,
			List<PendingChange> pendingChanges) {
		this(id, creditCurrency, status, flags, creditLimit, parentId, segment, tier, industry, exposure, groupLimit,
				groupExposure, pendingChanges, null, null);
	}

	/** This account with {@code counters} as its exposure. */
	CreditAccount withExposure(ExposureCounters counters) {
		return new CreditAccount(this.id, this.creditCurrency, this.status, this.flags, this.creditLimit, this.parentId,
				this.segment, this.tier, this.industry, counters, this.groupLimit, this.groupExposure,
				this.pendingChanges, this.groupChanges, this.groupMove);
	}

	/**
	 * A change of the customer's credit group that the group figures have not followed
	 * yet, as the customer profile records it with the change ({@code groupChanges}):
	 * until it is followed, the customer's exposure stays counted in the group it left
	 * ({@link Groups#rootOf}).
	 *
	 * @param from the parent it left (null: none)
	 * @param to the parent it joined (null: none)
	 */
	record GroupChange(String from, String to, Instant at) {
	}

	/**
	 * The move of a member's net exposure between group figures, in flight
	 * ({@link GroupMoves}): taken from the figures of {@code from}'s group and added to
	 * {@code to}'s, each once, both marked with {@code token}. A move from nowhere
	 * ({@code from} null) is a change of the member's net exposure that its counters do
	 * not show (a security added, released or expired).
	 *
	 * @param from the group parent whose figures give up the member's entry, or null
	 * @param to the group parent whose figures take it, or null
	 * @param amount the member's net exposure moved, in its credit currency
	 * @param leaving whether the member leaves {@code from}'s group (its entry goes)
	 */
	record GroupMove(String token, String from, String to, String currency, BigDecimal amount, boolean leaving,
			Instant at) {
	}

	/** The pending change of the document {@code key}, or null. */
	PendingChange pendingChange(String key) {
		for (PendingChange change : this.pendingChanges) {
			if (change.key().equals(key)) {
				return change;
			}
		}
		return null;
	}

	/**
	 * The exposure of the whole group, kept on the parent's document ({@link Groups}):
	 * each member's net exposure (the parent's own included) in the member's own credit
	 * currency, by customer id; converted into the parent's currency at today's rates
	 * when read or checked.
	 *
	 * @param net what the group exposure was before it was kept per member: one figure in
	 * the parent's currency, converted at the rates of the days of the changes; counted
	 * as it is until a reconciliation (or setting the group limit) replaces it
	 * @param members each member's net exposure in its own currency
	 * @param seq moves on with every change of the group figures, so that a replacement
	 * of them (a reconciliation) is conditional on nothing having changed since they were
	 * read
	 */
	record GroupExposure(BigDecimal net, Map<String, MemberExposure> members, Long seq) {

		GroupExposure {
			members = (members != null) ? members : Map.of();
		}

	}

	/**
	 * A member's net exposure, as its group holds it, in the member's credit currency.
	 */
	record MemberExposure(String currency, BigDecimal net) {
	}

	PolicySubject policySubject() {
		return new PolicySubject(this.id, this.segment, this.tier, this.industry);
	}

	BigDecimal limitAmount() {
		return (this.creditLimit != null) ? this.creditLimit.amount().amount() : BigDecimal.ZERO;
	}

	/**
	 * A figure in the credit currency, rounded to its minor units for display and
	 * records.
	 */
	Money money(BigDecimal amount) {
		int digits = Currency.getInstance(this.creditCurrency).getDefaultFractionDigits();
		return new Money(amount.setScale(Math.max(digits, 0), RoundingMode.HALF_EVEN), this.creditCurrency);
	}

	/**
	 * The group figure kept before the group exposure was held per member (parent's
	 * currency), zero when none.
	 */
	BigDecimal legacyGroupNet() {
		return (this.groupExposure != null && this.groupExposure.net() != null) ? this.groupExposure.net()
				: BigDecimal.ZERO;
	}

	/** The group's members' net exposures, by id, for the parent of a group. */
	Map<String, MemberExposure> groupMembers() {
		return (this.groupExposure != null) ? this.groupExposure.members() : Map.of();
	}

	/** The version of the group figures (0 when never changed). */
	long groupSeq() {
		return (this.groupExposure != null && this.groupExposure.seq() != null) ? this.groupExposure.seq() : 0;
	}

}
