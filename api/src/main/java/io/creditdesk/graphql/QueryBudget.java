package io.creditdesk.graphql;

import java.util.Map;

import io.creditdesk.common.Connection;

/**
 * What one GraphQL operation may ask for, judged on the document and its variables before
 * any data is read (see {@link QueryAnalysis} for how each figure is counted).
 *
 * @param maxDepth the deepest nesting of fields (a top-level field is at depth 1)
 * @param maxCost the highest cost (points)
 * @param maxAliases the most aliased fields
 * @param maxFields the most field selections, with fragments expanded
 * @param mutationCost what each top-level field of a mutation costs, instead of 1
 * @param fieldCosts what a field costs instead of its default (1 for an object, 0 for a
 * scalar), keyed {@code Type.field}: fields that read much more than one document, such
 * as a reconciliation
 * @param defaultPage the page size a connection returns without {@code first}
 * @param maxPage the largest page a connection returns, whatever {@code first} asks
 */
public record QueryBudget(int maxDepth, long maxCost, int maxAliases, int maxFields, int mutationCost,
		Map<String, Integer> fieldCosts, int defaultPage, int maxPage) {

	/**
	 * The defaults: Shopify's cost formula and maximum, depth 15, 50 aliases, 500 fields.
	 */
	public static final QueryBudget DEFAULTS = new QueryBudget(15, 1_000, 50, 500, 10, defaultFieldCosts(),
			Connection.DEFAULT_PAGE, Connection.MAX_PAGE);

	public QueryBudget {
		fieldCosts = Map.copyOf(fieldCosts);
	}

	/**
	 * Fields that read far more than one document: a reconciliation reads every order and
	 * invoice of a customer, the portfolio KPIs aggregate over every customer, the
	 * payment history reads every invoice in a range, a customer's DSO and 90-day average
	 * read its invoices and exposure history.
	 */
	public static Map<String, Integer> defaultFieldCosts() {
		return Map.of("Query.exposureReconciliation", 100, "Mutation.reconcileExposure", 100, "Query.portfolioKpis",
				200, "Query.paymentHistoryReport", 50, "Customer.dso", 5, "Customer.averageExposure90d", 5);
	}

	int costOf(String type, String field, int otherwise) {
		Integer cost = this.fieldCosts.get(type + "." + field);
		return (cost != null) ? cost : otherwise;
	}

}
