package io.creditdesk.bureau;

import java.util.Locale;

/**
 * A company's legal and trading status as a bureau reports it. Statuses this service does
 * not know are {@link #UNKNOWN}; the report keeps the bureau's own text beside it.
 */
public enum BureauCompanyStatus {

	/** Trading. */
	ACTIVE,

	/** Registered but not trading (dormant, ceased trading). */
	INACTIVE,

	/** In insolvency, administration or liquidation proceedings. */
	INSOLVENT,

	/** Struck off or dissolved: the company no longer exists. */
	DISSOLVED,

	/** A status text this service does not recognise. */
	UNKNOWN;

	/**
	 * The status a bureau's text means; {@link #UNKNOWN} for texts not listed in
	 * docs/bureau.md.
	 */
	public static BureauCompanyStatus parse(String text) {
		if (text == null) {
			return UNKNOWN;
		}
		return switch (text.trim().toLowerCase(Locale.ROOT).replace('_', ' ')) {
			case "active", "trading" -> ACTIVE;
			case "inactive", "dormant", "non-trading", "ceased trading" -> INACTIVE;
			case "insolvent", "insolvency", "in administration", "administration", "in liquidation", "liquidation",
					"receivership", "bankrupt" ->
				INSOLVENT;
			case "dissolved", "struck off", "closed" -> DISSOLVED;
			default -> UNKNOWN;
		};
	}

}
