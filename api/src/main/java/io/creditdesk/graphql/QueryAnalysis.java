package io.creditdesk.graphql;

import java.util.List;
import java.util.Map;

import graphql.introspection.Introspection;
import graphql.language.Argument;
import graphql.language.BooleanValue;
import graphql.language.Directive;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;

/**
 * Measures a validated operation with its variables before it runs: depth, field
 * selections, aliases and cost. The cost is Shopify's formula:
 * <ul>
 * <li>a scalar or enum field costs 0, an object field 1 (a list that is not a connection
 * counts once), each top-level field of a mutation
 * {@link QueryBudget#mutationCost()};</li>
 * <li>a connection (a field with a {@code first} argument returning a
 * {@code ...Connection}) costs 2 plus 1 per node it may return ({@code first}, by default
 * {@link QueryBudget#defaultPage()}, at most {@link QueryBudget#maxPage()} as the server
 * clamps it), and everything selected inside its nodes counts once per node: connections
 * inside connections multiply;</li>
 * <li>the wrappers of a connection ({@code edges}, {@code node}, {@code pageInfo}) cost
 * nothing of their own;</li>
 * <li>{@link QueryBudget#fieldCosts()} overrides the cost of named fields that read much
 * more.</li>
 * </ul>
 * Fragments are expanded where they are spread and {@code @skip}/{@code @include} are
 * honoured. The walk stops once the fields exceed {@link QueryBudget#maxFields()} or the
 * depth {@link QueryBudget#maxDepth()}, so measuring a hostile document (fragments spread
 * into fragments, which expand exponentially) costs at most that much; the cost saturates
 * instead of overflowing.
 */
public final class QueryAnalysis {

	private final GraphQLSchema schema;

	private final Map<String, FragmentDefinition> fragments;

	private final Map<String, Object> variables;

	private final QueryBudget budget;

	private int depth;

	private int fields;

	private int aliases;

	private long cost;

	private boolean stopped;

	private QueryAnalysis(GraphQLSchema schema, Map<String, FragmentDefinition> fragments,
			Map<String, Object> variables, QueryBudget budget) {
		this.schema = schema;
		this.fragments = fragments;
		this.variables = variables;
		this.budget = budget;
	}

	/** The figures of one operation, and the first limit it breaks, if any. */
	public record Measure(int depth, int fields, int aliases, long cost) {

		/**
		 * The first limit broken, in the order depth, aliases, fields, cost; null when
		 * within all.
		 */
		public QueryRefusal refusal(QueryBudget budget) {
			if (this.depth > budget.maxDepth()) {
				return QueryRefusal.QUERY_TOO_DEEP;
			}
			if (this.aliases > budget.maxAliases()) {
				return QueryRefusal.QUERY_TOO_MANY_ALIASES;
			}
			if (this.fields > budget.maxFields()) {
				return QueryRefusal.QUERY_TOO_MANY_FIELDS;
			}
			if (this.cost > budget.maxCost()) {
				return QueryRefusal.QUERY_TOO_COSTLY;
			}
			return null;
		}

	}

	public static Measure measure(GraphQLSchema schema, OperationDefinition operation,
			Map<String, FragmentDefinition> fragments, Map<String, Object> variables, QueryBudget budget) {
		QueryAnalysis analysis = new QueryAnalysis(schema, fragments, variables, budget);
		GraphQLCompositeType root = switch (operation.getOperation()) {
			case MUTATION -> schema.getMutationType();
			case SUBSCRIPTION -> schema.getSubscriptionType();
			default -> schema.getQueryType();
		};
		boolean mutation = operation.getOperation() == OperationDefinition.Operation.MUTATION;
		analysis.selections(operation.getSelectionSet(), root, 1, 1, mutation);
		return new Measure(analysis.depth, analysis.fields, analysis.aliases, analysis.cost);
	}

	/**
	 * Walks one selection set of {@code parent} at {@code level}, each selection counting
	 * {@code times} (the product of the enclosing connections' page sizes).
	 */
	private void selections(SelectionSet set, GraphQLCompositeType parent, int level, long times,
			boolean mutationRoot) {
		if (set == null || parent == null) {
			return;
		}
		for (Selection<?> selection : set.getSelections()) {
			if (this.stopped) {
				return;
			}
			if (selection instanceof Field field) {
				if (included(field.getDirectives())) {
					field(field, parent, level, times, mutationRoot);
				}
			}
			else if (selection instanceof InlineFragment inline) {
				if (included(inline.getDirectives())) {
					GraphQLCompositeType on = (inline.getTypeCondition() != null)
							? composite(inline.getTypeCondition().getName()) : parent;
					selections(inline.getSelectionSet(), on, level, times, mutationRoot);
				}
			}
			else if (selection instanceof FragmentSpread spread) {
				FragmentDefinition fragment = this.fragments.get(spread.getName());
				if (fragment != null && included(spread.getDirectives())) {
					selections(fragment.getSelectionSet(), composite(fragment.getTypeCondition().getName()), level,
							times, mutationRoot);
				}
			}
		}
	}

	private void field(Field field, GraphQLCompositeType parent, int level, long times, boolean mutationRoot) {
		this.fields++;
		if (field.getAlias() != null) {
			this.aliases++;
		}
		this.depth = Math.max(this.depth, level);
		if (this.fields > this.budget.maxFields() || level > this.budget.maxDepth()) {
			// Refused whatever follows: stop here, so a hostile document costs no more to
			// measure.
			this.stopped = true;
			return;
		}
		GraphQLFieldDefinition definition = Introspection.getFieldDef(this.schema, parent, field.getName());
		GraphQLType type = GraphQLTypeUtil.unwrapAll(definition.getType());
		String parentName = ((GraphQLNamedType) parent).getName();
		if (!(type instanceof GraphQLCompositeType composite)) {
			add(times, this.budget.costOf(parentName, field.getName(), 0));
			return;
		}
		if (definition.getArgument("first") != null && composite.getName().endsWith("Connection")) {
			long each = saturated(times, pageSize(field));
			add(times, this.budget.costOf(parentName, field.getName(), 2));
			add(each, 1);
			selections(field.getSelectionSet(), composite, level + 1, each, false);
			return;
		}
		// A connection's edges and their node are its wrappers: their objects are the
		// nodes it counted.
		boolean wrapper = parentName.endsWith("Connection") || parentName.endsWith("Edge");
		int own = mutationRoot ? this.budget.mutationCost() : wrapper ? 0 : 1;
		add(times, this.budget.costOf(parentName, field.getName(), own));
		selections(field.getSelectionSet(), composite, level + 1, times, false);
	}

	/**
	 * The page size a connection field will use: its {@code first}, defaulted and clamped
	 * as the server does.
	 */
	private long pageSize(Field field) {
		for (Argument argument : field.getArguments()) {
			if (argument.getName().equals("first")) {
				Object value = value(argument.getValue());
				if (value instanceof Number number) {
					return Math.max(0, Math.min(number.longValue(), this.budget.maxPage()));
				}
			}
		}
		return this.budget.defaultPage();
	}

	private boolean included(List<Directive> directives) {
		for (Directive directive : directives) {
			if (directive.getName().equals("skip") && Boolean.TRUE.equals(condition(directive))) {
				return false;
			}
			if (directive.getName().equals("include") && Boolean.FALSE.equals(condition(directive))) {
				return false;
			}
		}
		return true;
	}

	private Object condition(Directive directive) {
		Argument argument = directive.getArgument("if");
		return (argument != null) ? value(argument.getValue()) : null;
	}

	private Object value(Value<?> value) {
		if (value instanceof VariableReference reference) {
			return this.variables.get(reference.getName());
		}
		if (value instanceof IntValue integer) {
			return integer.getValue();
		}
		if (value instanceof BooleanValue bool) {
			return bool.isValue();
		}
		return null;
	}

	private GraphQLCompositeType composite(String name) {
		return (this.schema.getType(name) instanceof GraphQLCompositeType type) ? type : null;
	}

	private void add(long times, long points) {
		this.cost = saturatedAdd(this.cost, saturated(times, points));
	}

	private static long saturated(long a, long b) {
		long product = a * b;
		return (a != 0 && (product / a != b || product < 0)) ? Long.MAX_VALUE : product;
	}

	private static long saturatedAdd(long a, long b) {
		long sum = a + b;
		return (sum < 0) ? Long.MAX_VALUE : sum;
	}

}
