package io.creditdesk.security;

/**
 * The roles of the service and the method-security expressions built from them. Services
 * annotate their operations with these constants, so each rule is written once.
 */
public final class Roles {

	public static final String SALES = "SALES";

	public static final String CREDIT_ANALYST = "CREDIT_ANALYST";

	public static final String CREDIT_MANAGER = "CREDIT_MANAGER";

	public static final String CFO = "CFO";

	public static final String DATA_SCIENTIST = "DATA_SCIENTIST";

	public static final String ADMIN = "ADMIN";

	public static final String INTEGRATION = "INTEGRATION";

	public static final String[] ALL = { SALES, CREDIT_ANALYST, CREDIT_MANAGER, CFO, DATA_SCIENTIST, ADMIN,
			INTEGRATION };

	/** Read customer profiles and credit figures. */
	public static final String READ_CUSTOMERS = "hasAnyRole('SALES','CREDIT_ANALYST','CREDIT_MANAGER','CFO','DATA_SCIENTIST','ADMIN','INTEGRATION')";

	/** Register customers (onboarding by sales, credit staff or integrations). */
	public static final String CREATE_CUSTOMERS = "hasAnyRole('SALES','CREDIT_ANALYST','CREDIT_MANAGER','ADMIN','INTEGRATION')";

	/** Change customer master data. */
	public static final String UPDATE_CUSTOMERS = "hasAnyRole('CREDIT_ANALYST','CREDIT_MANAGER','ADMIN')";

	/**
	 * Assign a customer's credit analyst and sales owner, who are notified about it:
	 * credit management decides who works a customer.
	 */
	public static final String ASSIGN_CUSTOMERS = "hasAnyRole('CREDIT_MANAGER','ADMIN')";

	/** Set group credit limits (a group limit has no request workflow). */
	public static final String SET_LIMITS = "hasAnyRole('CREDIT_MANAGER','CFO','ADMIN')";

	/**
	 * Set a customer's limit directly, bypassing the credit limit request workflow: ADMIN
	 * only, for migrations and corrections (audited as a direct change).
	 */
	public static final String SET_LIMITS_DIRECTLY = "hasRole('ADMIN')";

	/** Change a customer's credit status. */
	public static final String SET_STATUS = "hasAnyRole('CREDIT_ANALYST','CREDIT_MANAGER','CFO','ADMIN')";

	/** Raise risk flags (credit staff, or a bureau feed through an integration). */
	public static final String RAISE_FLAGS = "hasAnyRole('CREDIT_ANALYST','CREDIT_MANAGER','CFO','ADMIN','INTEGRATION')";

	/** Clear risk flags. */
	public static final String CLEAR_FLAGS = "hasAnyRole('CREDIT_MANAGER','CFO','ADMIN')";

	/** Read credit policies and audit trails. */
	public static final String READ_POLICIES_AND_AUDIT = "hasAnyRole('CREDIT_ANALYST','CREDIT_MANAGER','CFO','ADMIN')";

	/**
	 * Read alerts: credit staff, and sales for the customers they own (the alert service
	 * narrows a sales caller to those).
	 */
	public static final String READ_ALERTS = "hasAnyRole('SALES','CREDIT_ANALYST','CREDIT_MANAGER','CFO','ADMIN')";

	/** Read and acknowledge alerts: credit staff (analysts and up). */
	public static final String ALERTS = "hasAnyRole('CREDIT_ANALYST','CREDIT_MANAGER','CFO','ADMIN')";

	/**
	 * Change credit policies: hard caps bound every limit approval, so only CFO and
	 * ADMIN.
	 */
	public static final String CHANGE_POLICIES = "hasAnyRole('CFO','ADMIN')";

	/** Place, amend, cancel, reopen and ship orders (sales channels and the ERP). */
	public static final String PLACE_ORDERS = "hasAnyRole('SALES','INTEGRATION','ADMIN')";

	/** Release or reject held orders: Finance sign-off. */
	public static final String APPROVE_ORDERS = "hasAnyRole('CREDIT_MANAGER','CFO','ADMIN')";

	/**
	 * Issue invoices, record payments and credit notes (billing systems and credit
	 * staff).
	 */
	public static final String BILLING = "hasAnyRole('INTEGRATION','CREDIT_ANALYST','CREDIT_MANAGER','CFO','ADMIN')";

	/**
	 * Write off receivables, manage securities and exchange rates, reconcile exposure.
	 */
	public static final String FINANCE = "hasAnyRole('CREDIT_MANAGER','CFO','ADMIN')";

	private Roles() {
	}

}
