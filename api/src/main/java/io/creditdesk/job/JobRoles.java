package io.creditdesk.job;

/** Who may read jobs, as a method-security expression. */
final class JobRoles {

	/**
	 * Jobs train models and re-score the portfolio: data scientists, credit staff and
	 * administrators follow them; sales and integrations do not.
	 */
	static final String READ_JOBS = "hasAnyRole('CREDIT_ANALYST','CREDIT_MANAGER','CFO','DATA_SCIENTIST','ADMIN')";

	private JobRoles() {
	}

}
