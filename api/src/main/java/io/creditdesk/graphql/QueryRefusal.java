package io.creditdesk.graphql;

import java.util.Locale;

import io.creditdesk.graphql.QueryAnalysis.Measure;

/**
 * Why an operation was refused before it ran; the name is the stable
 * {@code extensions.code}.
 */
public enum QueryRefusal {

	/** Fields nested deeper than {@link QueryBudget#maxDepth()}. */
	QUERY_TOO_DEEP {
		@Override
		String message(Measure measure, QueryBudget budget) {
			return "The query nests fields more than " + budget.maxDepth()
					+ " levels deep, the most allowed. Ask for less nesting, or make a second request.";
		}
	},

	/** More aliased fields than {@link QueryBudget#maxAliases()}. */
	QUERY_TOO_MANY_ALIASES {
		@Override
		String message(Measure measure, QueryBudget budget) {
			return "The query uses more than " + budget.maxAliases() + " aliases (" + measure.aliases()
					+ " counted), the most allowed in one request. Split it into several requests.";
		}
	},

	/**
	 * More field selections, fragments expanded, than {@link QueryBudget#maxFields()}.
	 */
	QUERY_TOO_MANY_FIELDS {
		@Override
		String message(Measure measure, QueryBudget budget) {
			return "The query selects more than " + budget.maxFields()
					+ " fields (fragments counted where they are spread), the most allowed in one request. Split it into several requests.";
		}
	},

	/** A cost above {@link QueryBudget#maxCost()}. */
	QUERY_TOO_COSTLY {
		@Override
		String message(Measure measure, QueryBudget budget) {
			return String.format(Locale.ROOT,
					"The query would cost %s points, more than the %d allowed in one request (extensions.cost says how it"
							+ " is counted). Ask for fewer items with first, or fewer connections inside connections.",
					(measure.cost() >= 1_000_000_000_000_000L) ? "over 10^18" : Long.toString(measure.cost()),
					budget.maxCost());
		}
	};

	abstract String message(Measure measure, QueryBudget budget);

}
