package io.creditdesk.limitrequest;

/** Who may do what with credit limit requests (method-security expressions). */
final class RequestRoles {

	/** Make, resubmit and withdraw requests; read them; simulate routes. */
	static final String REQUEST = "hasAnyRole('SALES','CREDIT_ANALYST','CREDIT_MANAGER','CFO','ADMIN')";

	/**
	 * Decide steps: the approver roles (segregation of duties then checks the step's
	 * role); ADMIN passes to be refused by it, not by authorization.
	 */
	static final String DECIDE = "hasAnyRole('CREDIT_ANALYST','CREDIT_MANAGER','CFO','ADMIN')";

	/** Record verifications and fetch bureau reports: analysts and up. */
	static final String VERIFY = "hasAnyRole('CREDIT_ANALYST','CREDIT_MANAGER','CFO','ADMIN')";

	/** Change approval matrices: part of the credit policy. */
	static final String CHANGE_MATRIX = "hasAnyRole('CFO','ADMIN')";

	/** Read approval matrices and turnaround figures. */
	static final String READ_POLICY = "hasAnyRole('CREDIT_ANALYST','CREDIT_MANAGER','CFO','ADMIN')";

	private RequestRoles() {
	}

}
