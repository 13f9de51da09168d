package io.creditdesk.graphql;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.creditdesk.common.Connection;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The bounds of GraphQL work per request (README, "Limits").
 *
 * @param maxDepth deepest nesting of fields
 * @param maxCost highest cost of one operation, in points (Shopify's formula, see
 * {@link QueryAnalysis})
 * @param maxAliases most aliased fields in one operation
 * @param maxFields most field selections in one operation, fragments expanded
 * @param mutationCost cost of each top-level mutation field
 * @param fieldCosts costs of named fields ({@code Type.field}) that read much more than
 * one document; added to (and overriding) {@link QueryBudget#defaultFieldCosts()}
 * @param timeout how long one query or mutation may run before it is stopped
 * @param maxRequestSize the largest HTTP request body accepted (413 above)
 * @param documentCacheSize bytes the parsed-document cache may hold (estimated)
 * @param maxCachedDocument the longest document the cache keeps, in characters; longer
 * ones are parsed every time they are sent
 */
@ConfigurationProperties("creditdesk.graphql")
public record GraphQlLimitsProperties(@DefaultValue("15") int maxDepth, @DefaultValue("1000") long maxCost,
		@DefaultValue("50") int maxAliases, @DefaultValue("500") int maxFields, @DefaultValue("10") int mutationCost,
		Map<String, Integer> fieldCosts, @DefaultValue("10s") Duration timeout,
		@DefaultValue("256KB") DataSize maxRequestSize, @DefaultValue("16MB") DataSize documentCacheSize,
		@DefaultValue("64KB") DataSize maxCachedDocument) {

	public QueryBudget budget() {
		Map<String, Integer> costs = new HashMap<>(QueryBudget.defaultFieldCosts());
		if (this.fieldCosts != null) {
			costs.putAll(this.fieldCosts);
		}
		return new QueryBudget(this.maxDepth, this.maxCost, this.maxAliases, this.maxFields, this.mutationCost, costs,
				Connection.DEFAULT_PAGE, Connection.MAX_PAGE);
	}

}
