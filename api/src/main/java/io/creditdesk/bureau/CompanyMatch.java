package io.creditdesk.bureau;

import java.util.Locale;

/**
 * A company the bureau found.
 *
 * @param companyId the bureau's id of the company, the key of its report
 * @param name the registered name
 * @param taxId the tax ID the bureau holds; null when it holds none
 * @param country the ISO 3166-1 alpha-2 country code
 * @param status the company's status
 * @param statusText the bureau's own status text
 * @param address the address as one line; null when the bureau gives none
 */
public record CompanyMatch(String companyId, String name, String taxId, String country, BureauCompanyStatus status,
		String statusText, String address) {

	/**
	 * Whether this company has the given tax ID: compared without blanks, dots, dashes or
	 * case, and with or without the country prefix of a VAT number ({@code DE136695976} =
	 * {@code 136695976}).
	 */
	public boolean hasTaxId(String taxId) {
		if (this.taxId == null || taxId == null) {
			return false;
		}
		String mine = normalize(this.taxId);
		String theirs = normalize(taxId);
		return mine.equals(theirs) || withoutPrefix(mine).equals(withoutPrefix(theirs));
	}

	private String withoutPrefix(String taxId) {
		return (this.country != null && taxId.startsWith(this.country) && taxId.length() > 2) ? taxId.substring(2)
				: taxId;
	}

	private static String normalize(String taxId) {
		return taxId.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
	}

}
