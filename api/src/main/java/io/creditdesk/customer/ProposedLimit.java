package io.creditdesk.customer;

import java.util.List;
import java.util.Objects;

import io.creditdesk.common.Money;

/**
 * A limit the dynamic limit policy applies by itself, within its automatic authority, to
 * be applied by {@link CustomerService#applyProposedLimit}: a system change, audited with
 * the rules that shaped it and the model that scored the customer.
 *
 * @param customerId the customer
 * @param amount the new limit, in the customer's credit currency
 * @param expectedAmount the limit the proposal was made on: when the customer's limit is
 * another by now, nothing changes
 * @param reason the sentence for the audit record and the {@code CreditLimitChanged}
 * event
 * @param reasons the rules that shaped the proposal, with their figures
 * @param modelVersion the version of the model whose score the proposal used
 * @param noticeReasons for a decrease, the principal reasons of the
 * {@code CustomerNoticeIssued} event written with the change (at most four); empty for an
 * increase
 */
public record ProposedLimit(String customerId, Money amount, Money expectedAmount, String reason, List<String> reasons,
		String modelVersion, List<String> noticeReasons) {

	/** Who a proposed limit is approved by, on the limit and in its events. */
	public static final String APPROVER = "system:dynamic-limits";

	public ProposedLimit {
		Objects.requireNonNull(customerId, "customerId");
		Objects.requireNonNull(amount, "amount");
		Objects.requireNonNull(expectedAmount, "expectedAmount");
		reasons = List.copyOf(reasons);
		noticeReasons = List.copyOf(noticeReasons);
	}

	/** What became of an application. */
	public enum Outcome {

		/** The limit now applies. */
		APPLIED,

		/**
		 * The customer's limit is no longer the one the proposal saw: nothing changed.
		 */
		LIMIT_CHANGED

	}

}
