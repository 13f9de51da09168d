package io.creditdesk.graphql;

import java.util.List;
import java.util.Locale;

import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.graphql.QueryAnalysis.Measure;

/**
 * Why an operation was refused before it ran; the name is the stable
 * {@code extensions.code}.
 */
public enum QueryRefusal {

	/** Fields nested deeper than {@link QueryBudget#maxDepth()}. */
	QUERY_TOO_DEEP {
		@Override
		List<Object> figures(Measure measure, QueryBudget budget) {
			return List.of(plain(budget.maxDepth()));
		}
	},

	/** More aliased fields than {@link QueryBudget#maxAliases()}. */
	QUERY_TOO_MANY_ALIASES {
		@Override
		List<Object> figures(Measure measure, QueryBudget budget) {
			return List.of(plain(budget.maxAliases()), plain(measure.aliases()));
		}
	},

	/**
	 * More field selections, fragments expanded, than {@link QueryBudget#maxFields()}.
	 */
	QUERY_TOO_MANY_FIELDS {
		@Override
		List<Object> figures(Measure measure, QueryBudget budget) {
			return List.of(plain(budget.maxFields()));
		}
	},

	/** A cost above {@link QueryBudget#maxCost()}. */
	QUERY_TOO_COSTLY {
		@Override
		List<Object> figures(Measure measure, QueryBudget budget) {
			return List.of(plain(measure.cost()), plain(budget.maxCost()));
		}

		@Override
		String key(Measure measure) {
			// A cost that large is a count of loops, not a figure anyone reads.
			return (measure.cost() >= 1_000_000_000_000_000L) ? super.key(measure) + ".huge" : super.key(measure);
		}
	};

	/**
	 * The sentence {@code graphql.refusal.<CODE>} of the catalogue in {@code language}
	 * (English when null).
	 */
	String message(Measure measure, QueryBudget budget, Locale language) {
		return MessageCatalogue.render(language, key(measure), figures(measure, budget));
	}

	String key(Measure measure) {
		return "graphql.refusal." + name();
	}

	abstract List<Object> figures(Measure measure, QueryBudget budget);

	/** A figure as the limits are configured: digits, ungrouped. */
	private static String plain(long figure) {
		return Long.toString(figure);
	}

}
