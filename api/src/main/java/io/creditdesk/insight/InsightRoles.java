package io.creditdesk.insight;

/** Who may read the figures of this package, as method-security expressions. */
final class InsightRoles {

	/** Portfolio KPIs: credit staff, the CFO, administrators and data scientists. */
	static final String READ_PORTFOLIO = "hasAnyRole('CREDIT_ANALYST','CREDIT_MANAGER','CFO','ADMIN','DATA_SCIENTIST')";

	/**
	 * A customer's payment history: credit staff, and sales (who negotiate the terms).
	 */
	static final String READ_PAYMENT_HISTORY = "hasAnyRole('SALES','CREDIT_ANALYST','CREDIT_MANAGER','CFO','ADMIN')";

	private InsightRoles() {
	}

}
