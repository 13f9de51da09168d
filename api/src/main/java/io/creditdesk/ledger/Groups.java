package io.creditdesk.ledger;

import java.math.BigDecimal;

import io.creditdesk.common.Money;
import io.creditdesk.fx.FxRateService;

import org.springframework.stereotype.Component;

/**
 * The credit-group side of exposure changes. A group's net exposure (the sum of its members'
 * and its parent's own) is kept on the parent's document; an order must fit the group limit as
 * well as the customer's. The two documents are updated one after the other: a group
 * reservation that does not fit is undone on the member, so neither limit is ever exceeded.
 */
@Component
class Groups {

	private final Ledger ledger;

	private final FxRateService fx;

	Groups(Ledger ledger, FxRateService fx) {
		this.ledger = ledger;
		this.fx = fx;
	}

	/** The parent whose document carries the group figures, or null when not in a group. */
	static String rootOf(CreditAccount account) {
		if (account.parentId() != null) {
			return account.parentId();
		}
		return (account.groupLimit() != null) ? account.id() : null;
	}

	/**
	 * Adds a member's reservation to its group.
	 * @return false when the group limit does not allow it (nothing changed then)
	 */
	boolean reserve(Ledger.Change change, SecuredTerms secured, boolean checkLimit) {
		String root = rootOf(change.before());
		if (root == null) {
			return true;
		}
		CreditAccount parent = root.equals(change.before().id()) ? change.before() : this.ledger.find(root).orElse(null);
		if (parent == null) {
			return true;
		}
		BigDecimal delta = toParentCurrency(netDelta(change, secured), change.before(), parent);
		if (checkLimit && parent.groupLimit() != null && delta.signum() > 0) {
			return this.ledger.reserveGroup(root, delta);
		}
		this.ledger.adjustGroup(root, delta);
		return true;
	}

	/** Follows any other change of a member's exposure on its group. */
	void follow(Ledger.Change change, SecuredTerms secured) {
		reserve(change, secured, false);
	}

	private BigDecimal toParentCurrency(BigDecimal amount, CreditAccount member, CreditAccount parent) {
		if (member.creditCurrency().equals(parent.creditCurrency()) || amount.signum() == 0) {
			return amount;
		}
		Money converted = this.fx
			.convertStored(new Money(amount.abs(), member.creditCurrency()), parent.creditCurrency(), null, "currency")
			.converted();
		return (amount.signum() < 0) ? converted.amount().negate() : converted.amount();
	}

	private static BigDecimal netDelta(Ledger.Change change, SecuredTerms secured) {
		return ExposureFormula.net(change.after().exposure(), secured)
			.subtract(ExposureFormula.net(change.before().exposure(), secured));
	}

}
