package io.creditdesk.ledger;

import java.math.BigDecimal;

import io.creditdesk.common.Money;
import io.creditdesk.fx.FxRateService;

import org.springframework.stereotype.Component;

/**
 * The credit-group side of exposure changes. A group's net exposure (the sum of its
 * members' and its parent's own) is kept on the parent's document; an order must fit the
 * group limit as well as the customer's. The two documents are updated one after the
 * other, each reservation marked pending on its own document ({@link LedgerWrite}): a
 * group reservation that does not fit is undone on the member, so neither limit is ever
 * exceeded.
 */
@Component
class Groups {

	private final Ledger ledger;

	private final FxRateService fx;

	Groups(Ledger ledger, FxRateService fx) {
		this.ledger = ledger;
		this.fx = fx;
	}

	/**
	 * The parent whose document carries the group figures, or null when not in a group.
	 */
	static String rootOf(CreditAccount account) {
		if (account.parentId() != null) {
			return account.parentId();
		}
		return (account.groupLimit() != null) ? account.id() : null;
	}

	/**
	 * A member's change as the group sees it: the parent's document and the net exposure,
	 * in its currency.
	 */
	record Share(String root, BigDecimal amount, boolean limited) {
	}

	/**
	 * The group's share of a member's change, or null when the member is in no group (or
	 * the group parent is gone). {@code limited}: the group has a limit to check a raise
	 * against.
	 */
	Share share(Ledger.Change change, SecuredTerms secured) {
		String root = rootOf(change.before());
		if (root == null) {
			return null;
		}
		CreditAccount parent = root.equals(change.before().id()) ? change.before()
				: this.ledger.find(root).orElse(null);
		if (parent == null) {
			return null;
		}
		return new Share(root, toParentCurrency(netDelta(change, secured), change.before(), parent),
				parent.groupLimit() != null);
	}

	/**
	 * Follows a change of a member's exposure that the group does not need to approve (a
	 * decrease, after the fact) on its group.
	 */
	void follow(Ledger.Change change, SecuredTerms secured) {
		Share share = share(change, secured);
		if (share != null) {
			this.ledger.adjustGroup(share.root(), share.amount());
		}
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
