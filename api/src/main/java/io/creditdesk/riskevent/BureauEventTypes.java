package io.creditdesk.riskevent;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.creditdesk.bureau.NotificationEvent;

/**
 * Which external event type a bureau's monitoring event stands for, by its rule code and
 * values. A rating change is a downgrade or an upgrade by its direction: ratings as
 * numbers (scores) are better when higher, ratings as letter classes ({@code A} to
 * {@code E}, {@code AAA} to {@code D}) better when earlier in the alphabet and, on the
 * same letter, longer. A status change counts as an insolvency filing when its new status
 * names insolvency, administration, liquidation or bankruptcy. Anything else stands for
 * no type: the poller puts it on the worklist instead of guessing.
 */
final class BureauEventTypes {

	private static final Set<String> INSOLVENCY_WORDS = Set.of("INSOLVEN", "ADMINISTRATION", "LIQUIDATION", "BANKRUPT",
			"RECEIVERSHIP");

	private BureauEventTypes() {
	}

	static Optional<ExternalEventType> of(NotificationEvent event) {
		String rule = event.ruleCode().trim().toUpperCase(Locale.ROOT);
		return switch (rule) {
			case "RATING_CHANGE", "SCORE_CHANGE" -> rating(event.oldValue(), event.newValue());
			case "INSOLVENCY", "INSOLVENCY_FILING", "BANKRUPTCY" -> Optional.of(ExternalEventType.INSOLVENCY_FILING);
			case "STATUS_CHANGE" ->
				insolvent(event.newValue()) ? Optional.of(ExternalEventType.INSOLVENCY_FILING) : Optional.empty();
			case "PAYMENT_DEFAULT", "PAYMENT_DEFAULT_REPORTED", "CCJ", "COURT_JUDGMENT" ->
				Optional.of(ExternalEventType.PAYMENT_DEFAULT_REPORTED);
			case "FRAUD", "FRAUD_ALERT", "FRAUD_SUSPECTED" -> Optional.of(ExternalEventType.FRAUD_SUSPECTED);
			default -> Optional.empty();
		};
	}

	private static boolean insolvent(String status) {
		if (status == null) {
			return false;
		}
		String upper = status.toUpperCase(Locale.ROOT);
		return INSOLVENCY_WORDS.stream().anyMatch(upper::contains);
	}

	private static Optional<ExternalEventType> rating(String before, String after) {
		if (before == null || after == null) {
			return Optional.empty();
		}
		int compared = compare(before.trim(), after.trim());
		if (compared == 0) {
			return Optional.empty();
		}
		return Optional.of((compared < 0) ? ExternalEventType.RATING_DOWNGRADE : ExternalEventType.RATING_UPGRADE);
	}

	/**
	 * Negative when {@code after} is worse than {@code before}, positive when better, 0
	 * when equal or not comparable.
	 */
	private static int compare(String before, String after) {
		BigDecimal from = number(before);
		BigDecimal to = number(after);
		if (from != null && to != null) {
			return to.compareTo(from);
		}
		if (from != null || to != null || before.isEmpty() || after.isEmpty()) {
			return 0;
		}
		String a = before.toUpperCase(Locale.ROOT);
		String b = after.toUpperCase(Locale.ROOT);
		if (!a.chars().allMatch(Character::isLetter) || !b.chars().allMatch(Character::isLetter)) {
			return 0;
		}
		if (a.charAt(0) != b.charAt(0)) {
			// An earlier letter is the better class.
			return Character.compare(a.charAt(0), b.charAt(0));
		}
		return Integer.compare(b.length(), a.length());
	}

	private static BigDecimal number(String text) {
		try {
			return new BigDecimal(text);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
