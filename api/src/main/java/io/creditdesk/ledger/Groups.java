package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.Money;
import io.creditdesk.fx.FxRateService;

import org.springframework.stereotype.Component;

/**
 * The credit-group side of exposure changes. A group's exposure is kept on the parent's
 * document as each member's net exposure (the parent's own included) in the member's own
 * credit currency ({@code groupExposure.members}), never converted when stored: a change
 * of a member's exposure moves its own entry by exactly its change, so what a reservation
 * added its release takes back, whatever the exchange rates did meanwhile. The group's
 * exposure in the parent's currency is the sum of the entries converted at today's rates,
 * when it is read and when the group limit is checked: the check is part of the filter of
 * the one conditional update that reserves a member's change on the parent's document,
 * with today's rates as figures of the filter, so concurrent reservations of a group
 * never take it over its limit. An order must fit the group limit as well as the
 * customer's. The two documents are updated one after the other, each reservation marked
 * pending on its own document ({@link LedgerWrite}): a group reservation that does not
 * fit is undone on the member, so neither limit is ever exceeded.
 */
@Component
class Groups {

	private final Ledger ledger;

	private final FxRateService fx;

	private final Clock clock;

	private final GroupMoves moves;

	Groups(Ledger ledger, FxRateService fx, Clock clock, GroupMoves moves) {
		this.ledger = ledger;
		this.fx = fx;
		this.clock = clock;
		this.moves = moves;
	}

	GroupMoves moves() {
		return this.moves;
	}

	/**
	 * The parent whose document carries the group figures, or null when not in a group.
	 */
	static String rootOf(CreditAccount account) {
		// Until a change of its group is followed, the member counts in the group it
		// left (GroupMoves).
		return root(account,
				account.groupChanges().isEmpty() ? account.parentId() : account.groupChanges().get(0).from());
	}

	/**
	 * The parent of the group the customer is in now, whether or not its group figures
	 * have followed a change of it yet.
	 */
	static String currentRootOf(CreditAccount account) {
		return root(account, account.parentId());
	}

	private static String root(CreditAccount account, String parentId) {
		if (parentId != null) {
			return parentId;
		}
		return (account.groupLimit() != null) ? account.id() : null;
	}

	/**
	 * A member's change as the group sees it: the parent's document, the member and the
	 * change of its net exposure in its own credit currency, and, when the group limit is
	 * to be checked, today's rate of every currency the group holds into the parent's
	 * (null otherwise).
	 */
	record Share(String root, String member, String currency, BigDecimal amount, Map<String, BigDecimal> rates) {
	}

	/**
	 * The group's share of a member's change, or null when the member is in no group (or
	 * the group parent is gone). {@code checkLimit}: the group limit, if the group has
	 * one, is to be checked against the raise, at today's rates.
	 */
	Share share(Ledger.Change change, SecuredTerms secured, boolean checkLimit) {
		CreditAccount member = change.before();
		String root = rootOf(member);
		if (root == null) {
			return null;
		}
		CreditAccount parent = root.equals(member.id()) ? member : this.ledger.find(root).orElse(null);
		if (parent == null) {
			return null;
		}
		if (checkLimit && parent.groupLimit() != null && this.moves.followInto(root)) {
			// Members joining the group whose exposure was not in its figures yet: the
			// limit is checked on the figures with it.
			parent = this.ledger.find(root).orElse(parent);
		}
		Map<String, BigDecimal> rates = null;
		if (checkLimit && parent.groupLimit() != null) {
			LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
			rates = new LinkedHashMap<>();
			rates.put(member.creditCurrency(), rate(member.creditCurrency(), parent.creditCurrency(), today));
			for (CreditAccount.MemberExposure entry : parent.groupMembers().values()) {
				if (entry.currency() != null && entry.net() != null && entry.net().signum() != 0
						&& !rates.containsKey(entry.currency())) {
					rates.put(entry.currency(), rate(entry.currency(), parent.creditCurrency(), today));
				}
			}
		}
		return new Share(root, member.id(), member.creditCurrency(), netDelta(change, secured), rates);
	}

	/**
	 * Why a member's change did not fit its group, with the figures as the group stands
	 * now, in the parent's currency at today's rates: the group's available credit (its
	 * limit less its exposure), what the change needs of it, the limit and the exposure.
	 * Without figures when the group has no limit, its parent is gone or a currency has
	 * no rate today.
	 */
	CreditReason overAvailable(Ledger.Change change, SecuredTerms secured) {
		CreditAccount member = change.before();
		String root = rootOf(member);
		CreditAccount parent = (root == null) ? null : this.ledger.find(root).orElse(null);
		if (parent == null || parent.groupLimit() == null) {
			return CreditReason.of(CreditReasonCode.EXCEEDS_GROUP_AVAILABLE_CREDIT);
		}
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		BigDecimal exposure = exposure(parent, today);
		BigDecimal rate = rateOrNull(member.creditCurrency(), parent.creditCurrency(), today);
		if (exposure == null || rate == null) {
			return CreditReason.of(CreditReasonCode.EXCEEDS_GROUP_AVAILABLE_CREDIT);
		}
		BigDecimal limit = parent.groupLimit().amount();
		return CreditReason.overGroupAvailable(CreditCheck.figure(parent, limit.subtract(exposure)),
				CreditCheck.figure(parent, netDelta(change, secured).multiply(rate)), CreditCheck.figure(parent, limit),
				CreditCheck.figure(parent, exposure));
	}

	/**
	 * What the group limit leaves a new order of {@code member} now, in the member's
	 * credit currency: the limit of the group it counts in less the group's exposure
	 * ({@link #exposure}, in the parent's currency at {@code on}'s rates), converted as
	 * the order's group check converts the member's change (multiplied by the member's
	 * rate into the parent's currency, so divided by it here), rounded down to the
	 * member's minor units, so that an order of this figure fits the group. Below zero
	 * when the group is over its limit. Null when the member is in no group with a limit,
	 * the parent is gone, or a currency has no rate (the group check then refuses).
	 */
	BigDecimal available(CreditAccount member, LocalDate on) {
		String root = rootOf(member);
		if (root == null) {
			return null;
		}
		CreditAccount parent = root.equals(member.id()) ? member : this.ledger.find(root).orElse(null);
		if (parent == null || parent.groupLimit() == null) {
			return null;
		}
		BigDecimal exposure = exposure(parent, on);
		BigDecimal rate = rateOrNull(member.creditCurrency(), parent.creditCurrency(), on);
		if (exposure == null || rate == null || rate.signum() <= 0) {
			return null;
		}
		int digits = Math.max(Currency.getInstance(member.creditCurrency()).getDefaultFractionDigits(), 0);
		return parent.groupLimit().amount().subtract(exposure).divide(rate, digits, RoundingMode.FLOOR);
	}

	/**
	 * Follows a change of a member's exposure that the group does not need to approve (a
	 * decrease, after the fact) on its group: its own entry, in its own currency.
	 */
	void follow(Ledger.Change change, SecuredTerms secured) {
		CreditAccount member = change.before();
		String root = rootOf(member);
		if (root != null) {
			this.ledger.adjustGroup(root, member.id(), member.creditCurrency(), netDelta(change, secured));
		}
	}

	/**
	 * The group's exposure in the parent's currency at {@code on}'s rates (what the group
	 * limit is checked against), or null when a member's currency has no rate.
	 */
	BigDecimal exposure(CreditAccount parent, LocalDate on) {
		BigDecimal total = parent.legacyGroupNet();
		for (CreditAccount.MemberExposure entry : parent.groupMembers().values()) {
			if (entry.net() == null || entry.net().signum() == 0) {
				continue;
			}
			BigDecimal rate = rateOrNull((entry.currency() != null) ? entry.currency() : parent.creditCurrency(),
					parent.creditCurrency(), on);
			if (rate == null) {
				return null;
			}
			total = total.add(entry.net().multiply(rate));
		}
		return total;
	}

	/**
	 * 1 {@code from} in {@code to} at the latest rate on or before {@code on}.
	 * @throws CreditDeskException {@code FX_RATE_MISSING}
	 */
	BigDecimal rate(String from, String to, LocalDate on) {
		if (from.equals(to)) {
			return BigDecimal.ONE;
		}
		return this.fx.convertStored(new Money(BigDecimal.ONE, from), to, on, "currency").rate();
	}

	private BigDecimal rateOrNull(String from, String to, LocalDate on) {
		try {
			return rate(from, to, on);
		}
		catch (CreditDeskException ex) {
			return null;
		}
	}

	private static BigDecimal netDelta(Ledger.Change change, SecuredTerms secured) {
		return ExposureFormula.net(change.after().exposure(), secured)
			.subtract(ExposureFormula.net(change.before().exposure(), secured));
	}

}
