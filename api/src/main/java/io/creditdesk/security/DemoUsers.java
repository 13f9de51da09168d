package io.creditdesk.security;

import java.util.List;

/**
 * The demo users of embedded / demo mode, one per role and a second credit manager (four
 * eyes: a request one credit manager files is approved by the other), all with the demo
 * password. One list for the user store and for GraphiQL's sign-in page, which offers
 * them by name.
 */
public final class DemoUsers {

	/** A demo user and the one role it has. */
	public record DemoUser(String username, String role) {
	}

	public static final List<DemoUser> ALL = List.of(new DemoUser("sales", Roles.SALES),
			new DemoUser("analyst", Roles.CREDIT_ANALYST), new DemoUser("manager", Roles.CREDIT_MANAGER),
			new DemoUser("manager2", Roles.CREDIT_MANAGER), new DemoUser("cfo", Roles.CFO),
			new DemoUser("datasci", Roles.DATA_SCIENTIST), new DemoUser("admin", Roles.ADMIN),
			new DemoUser("integration", Roles.INTEGRATION));

	private DemoUsers() {
	}

}
