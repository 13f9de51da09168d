package io.creditdesk.bureau;

import java.util.List;

/**
 * A credit bureau: finds companies, sells reports on them and tells of changes to
 * monitored ones. Every method either answers or throws a {@link BureauException} with a
 * typed {@link BureauFailure}.
 */
public interface CreditBureau {

	/** The companies that match; empty when none does. */
	List<CompanyMatch> search(CompanySearch search);

	/** The bureau's report on a company found by {@link #search}. */
	BureauReport report(String companyId);

	/**
	 * The monitoring events after a cursor.
	 * @param cursor the {@code nextCursor} of the previous page, or null for the bureau's
	 * oldest
	 * @param pageSize at most this many events
	 */
	NotificationPage notifications(String cursor, int pageSize);

	/**
	 * The one company with this tax ID in this country. Fuzzy results of the bureau's
	 * search that do not carry the tax ID do not count.
	 * @throws BureauException {@code NOT_FOUND} when none has it, {@code AMBIGUOUS_MATCH}
	 * when several do
	 */
	default CompanyMatch matchByTaxId(String country, String taxId) {
		List<CompanyMatch> matches = search(CompanySearch.byTaxId(country, taxId)).stream()
			.filter((match) -> match.hasTaxId(taxId))
			.toList();
		if (matches.isEmpty()) {
			throw BureauException.of(BureauFailure.NOT_FOUND, "taxId", "taxId", taxId, country);
		}
		if (matches.size() > 1) {
			throw BureauException.of(BureauFailure.AMBIGUOUS_MATCH, null, "taxId", matches.size(), taxId, country,
					matches.stream().map((m) -> m.name() + " [" + m.companyId() + "]").toList());
		}
		return matches.get(0);
	}

}
