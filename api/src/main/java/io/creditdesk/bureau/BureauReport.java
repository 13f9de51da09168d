package io.creditdesk.bureau;

import java.time.Instant;
import java.time.LocalDate;

import io.creditdesk.common.Money;

/**
 * A bureau's credit report on a company. What the bureau leaves unrated is null here,
 * never zero: "Not Rated" is no rating, and a recommended limit of "Not Rated" is no
 * recommendation, not a limit of nothing.
 *
 * @param companyId the bureau's id of the company
 * @param name the registered name
 * @param taxId the tax ID the bureau holds; null when it holds none
 * @param country the ISO 3166-1 alpha-2 country code
 * @param status the company's status
 * @param statusText the bureau's own status text
 * @param rating the bureau's rating (a class such as "B", or a number as text); null when
 * not rated
 * @param score the bureau's score, 0 to 100; null when not scored
 * @param ratingDescription the bureau's words for the rating; null when it gives none
 * @param recommendedLimit the credit limit the bureau recommends; null when it recommends
 * none
 * @param reportDate the date the bureau compiled the report; null when it does not say
 * @param fetchedAt when this service fetched it (reports are reused while young enough)
 */
public record BureauReport(String companyId, String name, String taxId, String country, BureauCompanyStatus status,
		String statusText, String rating, Integer score, String ratingDescription, Money recommendedLimit,
		LocalDate reportDate, Instant fetchedAt) {
}
