package io.creditdesk.limitrequest;

import java.math.BigDecimal;
import java.util.Set;

import io.creditdesk.bureau.BureauCompanyStatus;
import io.creditdesk.common.Money;
import io.creditdesk.customer.CustomerStatus;
import io.creditdesk.customer.RiskFlagType;
import io.creditdesk.scoring.model.RiskGrade;

/**
 * What the pre-analysis looks at, taken once when a request is submitted. Amounts are in
 * the customer's credit currency except {@code requestedInPolicyCurrency}, the requested
 * limit converted to the currency of the policy's amounts (the caller converts at the
 * stored rate).
 *
 * @param type what the request asks for
 * @param requestedLimit the requested limit
 * @param requestedInPolicyCurrency the requested limit in the policy currency
 * @param currentLimit the limit today; null when there is none
 * @param status the customer's credit status
 * @param flags the raised risk flags
 * @param hardCap the effective hard cap in the credit currency; null when no level sets
 * one, or when it is set in another currency and no rate is known
 * @param overdue overdue receivables after grace days
 * @param oldestOverdueDays days the oldest overdue invoice is past its due date and grace
 * (0 when none)
 * @param annualRevenue the applicant's annual revenue; null when unknown
 * @param history how the customer paid; null when it has no invoices yet
 * @param verification how the customer was verified
 * @param grade the risk grade; null before scores exist
 * @param probabilityOfDefault the model's probability of default; null before scores
 * exist
 * @param hardCapAsSet the hard cap in the currency it is set in; null when none
 * @param hardCapRate the rate {@code hardCapAsSet} was converted at into the credit
 * currency; null when no conversion was needed or no rate is known
 */
public record AnalysisSnapshot(RequestType type, Money requestedLimit, Money requestedInPolicyCurrency,
		Money currentLimit, CustomerStatus status, Set<RiskFlagType> flags, Money hardCap, Money overdue,
		int oldestOverdueDays, Money annualRevenue, PaymentRecord history, Verification verification, RiskGrade grade,
		BigDecimal probabilityOfDefault, Money hardCapAsSet, BigDecimal hardCapRate) {

	public AnalysisSnapshot {
		flags = Set.copyOf(flags);
		if (verification == null) {
			verification = Verification.NONE;
		}
		if (hardCapAsSet == null) {
			hardCapAsSet = hardCap;
		}
	}

	/** A snapshot whose hard cap (if any) is set in the credit currency. */
	public AnalysisSnapshot(RequestType type, Money requestedLimit, Money requestedInPolicyCurrency, Money currentLimit,
			CustomerStatus status, Set<RiskFlagType> flags, Money hardCap, Money overdue, int oldestOverdueDays,
			Money annualRevenue, PaymentRecord history, Verification verification, RiskGrade grade,
			BigDecimal probabilityOfDefault) {
		this(type, requestedLimit, requestedInPolicyCurrency, currentLimit, status, flags, hardCap, overdue,
				oldestOverdueDays, annualRevenue, history, verification, grade, probabilityOfDefault, hardCap, null);
	}

	/**
	 * Whether the hard cap is set in another currency than the credit currency and was
	 * converted.
	 */
	public boolean hardCapConverted() {
		return this.hardCap != null && this.hardCapAsSet != null && this.hardCapRate != null
				&& !this.hardCapAsSet.currency().equals(this.hardCap.currency());
	}

	/** Whether the request asks for more credit than the customer has now. */
	public boolean raisesLimit() {
		return this.currentLimit == null || this.requestedLimit.isGreaterThan(this.currentLimit);
	}

	/**
	 * A summary of the customer's payments (as the payment-history report gives it).
	 *
	 * @param settledInvoices invoices settled so far
	 * @param onTimeRate the share of settled invoices paid by their due date, 0 to 1;
	 * null when none is settled
	 * @param averageDaysBeyondTerms the average days paid (or open) past the due date;
	 * null when no invoice
	 * @param worstDaysBeyondTerms the worst days beyond terms; null when no invoice
	 */
	public record PaymentRecord(int settledInvoices, BigDecimal onTimeRate, BigDecimal averageDaysBeyondTerms,
			Integer worstDaysBeyondTerms) {
	}

	/**
	 * How the customer was verified.
	 *
	 * @param source a bureau report, a manual verification, or none
	 * @param companyStatus the bureau's status of the company; null unless from a bureau
	 * report
	 * @param rating the bureau's rating; null when the bureau does not rate the company
	 * @param recommendedLimit the bureau's recommended limit in the credit currency; null
	 * when it gives none
	 */
	public record Verification(Source source, BureauCompanyStatus companyStatus, String rating,
			Money recommendedLimit) {

		public static final Verification NONE = new Verification(Source.NONE, null, null, null);

		public enum Source {

			BUREAU_REPORT, MANUAL, NONE

		}

		public static Verification manual() {
			return new Verification(Source.MANUAL, null, null, null);
		}

		public static Verification bureau(BureauCompanyStatus status, String rating, Money recommendedLimit) {
			return new Verification(Source.BUREAU_REPORT, status, rating, recommendedLimit);
		}

	}

}
