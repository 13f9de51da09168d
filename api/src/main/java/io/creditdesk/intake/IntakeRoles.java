package io.creditdesk.intake;

/** Who may see and act on failed intake records. */
final class IntakeRoles {

	/** Read the failed-intake worklist. */
	static final String READ_FAILURES = "hasAnyRole('CREDIT_ANALYST','CREDIT_MANAGER','CFO','ADMIN','INTEGRATION')";

	/** Replay or discard failed intake records. */
	static final String OPERATE_FAILURES = "hasAnyRole('CREDIT_ANALYST','CREDIT_MANAGER','ADMIN','INTEGRATION')";

	private IntakeRoles() {
	}

}
