package io.creditdesk.risk.registry;

/**
 * Who may do what with models, as method-security expressions (shared by the registry,
 * training and drift packages of this module).
 */
public final class ModelRoles {

	/**
	 * Read models, promotions, comparisons and drift: credit staff and data scientists.
	 */
	public static final String READ = "hasAnyRole('CREDIT_ANALYST','CREDIT_MANAGER','CFO','DATA_SCIENTIST','ADMIN')";

	/** Register (upload), train and propose models. */
	public static final String DEVELOP = "hasAnyRole('DATA_SCIENTIST','ADMIN')";

	/** Approve a promotion or roll back: the second pair of eyes. */
	public static final String APPROVE = "hasAnyRole('CREDIT_MANAGER','CFO','ADMIN')";

	/** Re-score the portfolio on demand. */
	public static final String RESCORE = "hasAnyRole('DATA_SCIENTIST','CREDIT_MANAGER','CFO','ADMIN')";

	/**
	 * Read the challenger's shadow scores of customers, a model-evaluation artefact never
	 * used for decisions: the roles that develop, approve or re-score models (the people
	 * who decide about a challenger), not every reader of customers.
	 */
	public static final String READ_SHADOW_SCORES = "hasAnyRole('DATA_SCIENTIST','CREDIT_MANAGER','CFO','ADMIN')";

	private ModelRoles() {
	}

}
