package io.creditdesk.graphql;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import graphql.introspection.IntrospectionQuery;
import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.validation.Validator;
import io.creditdesk.graphql.QueryAnalysis.Measure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cost formula, depth, fields and aliases, on the service's own schema, as a table.
 */
class QueryAnalysisTests {

	private static final GraphQLSchema SCHEMA = schema();

	private static GraphQLSchema schema() {
		try {
			TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
			for (Resource file : new PathMatchingResourcePatternResolver()
				.getResources("classpath*:graphql/credit/**/*.graphqls")) {
				try (var reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
					registry.merge(new SchemaParser().parse(reader));
				}
			}
			return UnExecutableSchemaGenerator.makeUnExecutableSchema(registry);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Measure measure(String query, Map<String, Object> variables) {
		Document document = Parser.parse(query);
		assertThat(new Validator().validateDocument(SCHEMA, document, Locale.ROOT)).as(query).isEmpty();
		Map<String, FragmentDefinition> fragments = new HashMap<>();
		document.getDefinitionsOfType(FragmentDefinition.class).forEach(f -> fragments.put(f.getName(), f));
		OperationDefinition operation = document.getDefinitionsOfType(OperationDefinition.class).get(0);
		return QueryAnalysis.measure(SCHEMA, operation, fragments, variables, QueryBudget.DEFAULTS);
	}

	static Stream<Arguments> costs() {
		return Stream.of(
				// Scalars cost nothing; an object 1.
				Arguments.of("{ customer(id: \"x\") { id name } }", Map.of(), 1),
				Arguments.of("{ customer(id: \"x\") { creditLimit { amount currency } } }", Map.of(), 2),
				// A mutation field 10: placeOrder as order entry sends it (decision 1,
				// userErrors 1).
				Arguments.of(
						"mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { decision { status } userErrors { code } } }",
						Map.of(), 12),
				// A connection: 2 + first, its edges and node are wrappers.
				Arguments.of(
						"{ customers(first: 10) { totalCount edges { cursor node { id } } pageInfo { hasNextPage } } }",
						Map.of(), 12),
				// Without first, the default page of 20; above 200, the 200 the server
				// returns.
				Arguments.of("{ customers { edges { node { id } } } }", Map.of(), 22),
				Arguments.of("{ customers(first: 100000) { edges { node { id } } } }", Map.of(), 202),
				Arguments.of("query($n: Int) { customers(first: $n) { edges { node { id } } } }", Map.of("n", 5), 7),
				// Objects inside nodes count per node; connections inside connections
				// multiply.
				Arguments.of("{ customers(first: 10) { edges { node { creditLimit { amount } } } } }", Map.of(), 22),
				Arguments.of(
						"{ customers(first: 10) { edges { node { orders(first: 5) { edges { node { id } } } } } } }",
						Map.of(), 2 + 10 + 10 * (2 + 5)),
				// A list that is not a connection counts once.
				Arguments.of("{ customer(id: \"x\") { flags { type } } }", Map.of(), 2),
				// Named fields that read much more: the reconciliation 100, the KPIs 200.
				Arguments.of("{ exposureReconciliation(customerId: \"x\") { drifted } }", Map.of(), 100),
				Arguments.of(
						"{ a: exposureReconciliation(customerId: \"x\") { drifted } b: exposureReconciliation(customerId: \"y\") { drifted } }",
						Map.of(), 200),
				// Fragments count where they are spread; skipped parts not at all.
				Arguments.of(
						"{ customer(id: \"x\") { ...F } } fragment F on Customer { creditLimit { amount } flags { type } }",
						Map.of(), 3),
				Arguments.of("query($s: Boolean!) { customer(id: \"x\") { creditLimit @skip(if: $s) { amount } } }",
						Map.of("s", true), 1),
				Arguments.of("{ customer(id: \"x\") { creditLimit @include(if: false) { amount } } }", Map.of(), 1));
	}

	@ParameterizedTest(name = "{0} costs {2}")
	@MethodSource
	void costs(String query, Map<String, Object> variables, long cost) {
		Measure measure = measure(query, variables);
		assertThat(measure.cost()).isEqualTo(cost);
		assertThat(measure.refusal(QueryBudget.DEFAULTS)).isNull();
	}

	static Stream<Arguments> refusals() {
		String thirtyDeep = "{ customer(id: \"x\") { " + "parent { ".repeat(29) + "id" + " }".repeat(29) + " } }";
		String fanOut = "{ customers(first: 200) { edges { node { orders(first: 200) { edges { node { customer {"
				+ " orders(first: 200) { edges { node { id } } } } } } } } } } }";
		StringBuilder aliases = new StringBuilder("{");
		for (int i = 0; i < 1000; i++) {
			aliases.append(" r").append(i).append(": exposureReconciliation(customerId: \"x\") { drifted }");
		}
		// Each fragment spreads the next one twice: 2^20 fields once expanded, from a few
		// hundred characters.
		StringBuilder doubling = new StringBuilder("{ customer(id: \"x\") { ...F0 } }");
		for (int i = 0; i < 20; i++) {
			doubling.append(" fragment F")
				.append(i)
				.append(" on Customer { id parent { ...F")
				.append(i + 1)
				.append(" } ...F")
				.append(i + 1)
				.append(" }");
		}
		doubling.append(" fragment F20 on Customer { id }");
		return Stream.of(Arguments.of("30 levels deep", thirtyDeep, QueryRefusal.QUERY_TOO_DEEP),
				Arguments.of("the 3-level fan-out", fanOut, QueryRefusal.QUERY_TOO_COSTLY),
				Arguments.of("1,000 aliases of exposureReconciliation", aliases.append(" }").toString(),
						QueryRefusal.QUERY_TOO_MANY_ALIASES),
				Arguments.of("fragments doubling 20 times", doubling.toString(), QueryRefusal.QUERY_TOO_DEEP),
				Arguments.of("a page of 200 customers with five objects each (1,002)",
						"{ customers(first: 200) { edges { node { creditLimit { amount } exposure { net { amount } gross { amount } } } } } }",
						QueryRefusal.QUERY_TOO_COSTLY));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void refusals(String name, String query, QueryRefusal refusal) {
		assertThat(measure(query, Map.of()).refusal(QueryBudget.DEFAULTS)).isEqualTo(refusal);
	}

	@Test
	void expandedFragmentsAreCountedAsFieldsAndTheWalkStopsAtTheLimit() {
		// Siblings only (no nesting): 2^12 = 4,096 fields of depth 2 once expanded.
		StringBuilder doubling = new StringBuilder("{ customer(id: \"x\") { ...F0 } }");
		for (int i = 0; i < 12; i++) {
			doubling.append(" fragment F")
				.append(i)
				.append(" on Customer { ...F")
				.append(i + 1)
				.append(" ...F")
				.append(i + 1)
				.append(" }");
		}
		doubling.append(" fragment F12 on Customer { id }");
		Measure measure = measure(doubling.toString(), Map.of());
		assertThat(measure.refusal(QueryBudget.DEFAULTS)).isEqualTo(QueryRefusal.QUERY_TOO_MANY_FIELDS);
		assertThat(measure.fields()).isEqualTo(QueryBudget.DEFAULTS.maxFields() + 1);
	}

	@Test
	void theStandardIntrospectionQueryIsWithinEveryLimit() {
		Measure measure = measure(IntrospectionQuery.INTROSPECTION_QUERY, Map.of());
		assertThat(measure.refusal(QueryBudget.DEFAULTS)).isNull();
		assertThat(measure.depth()).isLessThanOrEqualTo(QueryBudget.DEFAULTS.maxDepth());
	}

	@Test
	void fifteenLevelsAreAllowedSixteenAreNot() {
		String fifteen = "{ customer(id: \"x\") { " + "parent { ".repeat(13) + "id" + " }".repeat(13) + " } }";
		String sixteen = "{ customer(id: \"x\") { " + "parent { ".repeat(14) + "id" + " }".repeat(14) + " } }";
		assertThat(measure(fifteen, Map.of()).depth()).isEqualTo(15);
		assertThat(measure(fifteen, Map.of()).refusal(QueryBudget.DEFAULTS)).isNull();
		assertThat(measure(sixteen, Map.of()).refusal(QueryBudget.DEFAULTS)).isEqualTo(QueryRefusal.QUERY_TOO_DEEP);
	}

}
