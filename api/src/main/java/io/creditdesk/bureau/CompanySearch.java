package io.creditdesk.bureau;

import java.util.Locale;

import io.creditdesk.common.UserError;

/**
 * A company search: in one country, by tax ID, by name, or both.
 *
 * @param country the ISO 3166-1 alpha-2 country code
 * @param taxId the tax ID (VAT or national), or null
 * @param name the company's name or part of it, or null
 */
public record CompanySearch(String country, String taxId, String name) {

	public CompanySearch {
		if (country == null || !country.trim().matches("[A-Za-z]{2}")) {
			throw BureauException.of(BureauFailure.INVALID_QUERY, "country", "country", UserError.quoted(country));
		}
		country = country.trim().toUpperCase(Locale.ROOT);
		taxId = blankToNull(taxId);
		name = blankToNull(name);
		if (taxId == null && name == null) {
			throw BureauException.of(BureauFailure.INVALID_QUERY, "taxIdOrName", "taxId");
		}
	}

	public static CompanySearch byTaxId(String country, String taxId) {
		return new CompanySearch(country, taxId, null);
	}

	public static CompanySearch byName(String country, String name) {
		return new CompanySearch(country, null, name);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
