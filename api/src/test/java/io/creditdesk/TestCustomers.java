package io.creditdesk;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.creditdesk.customer.TaxIds;

import org.springframework.graphql.test.tester.HttpGraphQlTester;

/** Creates customers with unique references and valid German tax ids through the API. */
public final class TestCustomers {

	/** The day test customers became customers. */
	public static final String SINCE = "2020-01-01";

	private static final AtomicInteger SEQUENCE = new AtomicInteger((int) (System.nanoTime() % 1_000_000));

	private TestCustomers() {
	}

	public static String uniqueGermanTaxId() {
		String eight = String.format("%08d", SEQUENCE.incrementAndGet() % 100_000_000);
		return "DE" + eight + TaxIds.germanCheckDigit(eight);
	}

	public static String uniqueRef() {
		return "T-" + SEQUENCE.incrementAndGet();
	}

	/**
	 * Creates a customer as admin and returns its id. A customer since {@value #SINCE},
	 * so that tests may date its documents in the past (nothing is dated before the
	 * customer relationship began).
	 */
	public static String create(HttpGraphQlTester admin, String segment, String tier, String industry,
			String currency) {
		return create(admin,
				Map.of("externalRef", uniqueRef(), "name", "Test Customer " + SEQUENCE.get(), "taxId",
						uniqueGermanTaxId(), "countryCode", "DE", "segment", segment, "tier", tier, "industry",
						industry, "creditCurrency", currency, "customerSince", SINCE));
	}

	/**
	 * Creates a customer from a whole {@code CreateCustomerInput} as admin, asserts no
	 * user error, returns its id.
	 */
	public static String create(HttpGraphQlTester admin, Map<String, Object> input) {
		return admin.documentName("createCustomer")
			.variable("input", input)
			.execute()
			.path("createCustomer.userErrors")
			.entityList(Object.class)
			.hasSize(0)
			.path("createCustomer.customer.id")
			.entity(String.class)
			.get();
	}

	/** Sets the customer's credit limit as admin and asserts no user error. */
	public static void setLimit(HttpGraphQlTester admin, String customerId, String amount) {
		setLimit(admin, customerId, amount, null);
	}

	/**
	 * Sets the customer's credit limit as admin, valid until {@code validUntil} (an ISO
	 * date; null: open-ended), and asserts no user error.
	 */
	public static void setLimit(HttpGraphQlTester admin, String customerId, String amount, String validUntil) {
		Map<String, Object> input = new HashMap<>();
		input.put("customerId", customerId);
		input.put("amount", amount);
		input.put("reason", "test");
		input.put("validUntil", validUntil);
		admin.document(
				"mutation($input: SetCreditLimitInput!) { setCreditLimit(input: $input) { userErrors { code message } } }")
			.variable("input", input)
			.execute()
			.path("setCreditLimit.userErrors")
			.entityList(Object.class)
			.hasSize(0);
	}

}
