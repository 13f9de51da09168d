package io.creditdesk.graphql;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.common.WorkDeadline;
import io.creditdesk.graphql.QueryAnalysis.Measure;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;

/**
 * Bounds the work of every GraphQL operation:
 * <ul>
 * <li>before any data is read, measures the operation with its variables
 * ({@link QueryAnalysis}) and refuses it with a request error ({@code QUERY_TOO_DEEP},
 * {@code QUERY_TOO_MANY_ALIASES}, {@code QUERY_TOO_MANY_FIELDS},
 * {@code QUERY_TOO_COSTLY}; no {@code data}) when it breaks a limit; otherwise charges
 * its cost to the {@link QueryCostMeter}s (the rate limits);</li>
 * <li>answers every operation with its cost in {@code extensions.cost};</li>
 * <li>stops a query or mutation that runs longer than its timeout: every data fetcher
 * that is not a plain property read runs with a {@link WorkDeadline} bound to its thread,
 * checked before it starts and by long loops inside it
 * ({@link WorkDeadline#checkpoint()}); the first check past the deadline cancels the
 * execution, which graphql-java then ends at its next field. The answer carries one
 * {@code QUERY_TIMEOUT} error. Subscriptions live as long as their client wants and have
 * no deadline.</li>
 * </ul>
 */
@Component
class QueryLimitsInstrumentation implements Instrumentation {

	private static final Logger log = LoggerFactory.getLogger(QueryLimitsInstrumentation.class);

	static final String TIMEOUT_CODE = "QUERY_TIMEOUT";

	private final QueryBudget budget;

	private final Duration timeout;

	private final List<QueryCostMeter> meters;

	private final MeterRegistry registry;

	private final LongSupplier nanoTime;

	@Autowired
	QueryLimitsInstrumentation(GraphQlLimitsProperties properties, List<QueryCostMeter> meters,
			MeterRegistry registry) {
		this(properties, meters, registry, System::nanoTime);
	}

	QueryLimitsInstrumentation(GraphQlLimitsProperties properties, List<QueryCostMeter> meters, MeterRegistry registry,
			LongSupplier nanoTime) {
		this.budget = properties.budget();
		this.timeout = properties.timeout();
		this.meters = meters;
		this.registry = registry;
		this.nanoTime = nanoTime;
	}

	/** Per execution: its cost as the caller sees it, and its deadline once it runs. */
	static final class Limits implements InstrumentationState {

		volatile Map<String, Object> cost;

		volatile WorkDeadline deadline;

	}

	@Override
	public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
		return new Limits();
	}

	@Override
	public InstrumentationContext<ExecutionResult> beginExecuteOperation(
			InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
		Limits limits = (Limits) state;
		ExecutionContext context = parameters.getExecutionContext();
		Measure measure = QueryAnalysis.measure(context.getGraphQLSchema(), context.getOperationDefinition(),
				context.getFragmentsByName(), context.getCoercedVariables().toMap(), this.budget);
		Map<String, Object> cost = new LinkedHashMap<>();
		cost.put("requestedQueryCost", measure.cost());
		cost.put("maximumQueryCost", this.budget.maxCost());
		QueryRefusal refusal = measure.refusal(this.budget);
		if (refusal != null) {
			limits.cost = cost;
			this.registry.counter("creditdesk.graphql.refused", "code", refusal.name()).increment();
			log.info("Refused a GraphQL operation ({}): depth {}, {} fields, {} aliases, cost {}", refusal,
					measure.depth(), measure.fields(), measure.aliases(), measure.cost());
			Map<String, Object> extensions = new LinkedHashMap<>();
			extensions.put("code", refusal.name());
			extensions.put("cost", cost);
			GraphQLError error = GraphqlErrorBuilder.newError()
				.errorType(ErrorType.BAD_REQUEST)
				.message(refusal.message(measure, this.budget, context.getExecutionInput().getLocale()))
				.extensions(extensions)
				.build();
			throw new AbortExecutionException(List.of(error));
		}
		for (QueryCostMeter meter : this.meters) {
			cost.putAll(meter.charge(measure.cost()));
		}
		limits.cost = cost;
		if (!context.isSubscriptionOperation()) {
			limits.deadline = new WorkDeadline(this.timeout, this.nanoTime, () -> {
				context.getExecutionInput().cancel();
				this.registry.counter("creditdesk.graphql.refused", "code", TIMEOUT_CODE).increment();
				log.warn("Stopped a GraphQL {} after its limit of {} ms",
						context.getOperationDefinition().getOperation(), this.timeout.toMillis());
			});
		}
		return SimpleInstrumentationContext.noOp();
	}

	@Override
	public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher,
			InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
		WorkDeadline deadline = (state instanceof Limits limits) ? limits.deadline : null;
		if (deadline == null || parameters.isTrivialDataFetcher()) {
			return dataFetcher;
		}
		return environment -> {
			deadline.check();
			return deadline.bind(() -> dataFetcher.get(environment));
		};
	}

	@Override
	public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
			InstrumentationExecutionParameters parameters, InstrumentationState state) {
		Limits limits = (Limits) state;
		if (limits == null || limits.cost == null) {
			return CompletableFuture.completedFuture(result);
		}
		WorkDeadline deadline = limits.deadline;
		boolean timedOut = deadline != null && parameters.getExecutionInput().isCancelled() && deadline.passed();
		return CompletableFuture.completedFuture(result.transform(builder -> {
			builder.addExtension("cost", limits.cost);
			if (timedOut) {
				builder.errors(
						timedOut(result.getErrors(), deadline.budget(), parameters.getExecutionInput().getLocale()));
			}
		}));
	}

	/**
	 * One {@code QUERY_TIMEOUT} error in place of the cancellation and the per-field
	 * deadline errors it caused; other errors stay.
	 */
	private static List<GraphQLError> timedOut(List<GraphQLError> errors, Duration budget, Locale language) {
		List<GraphQLError> kept = new ArrayList<>();
		for (GraphQLError error : errors) {
			boolean fromTimeout = error instanceof AbortExecutionException
					|| (error instanceof ExceptionWhileDataFetching fetching
							&& fetching.getException() instanceof WorkDeadline.Exceeded)
					|| TIMEOUT_CODE.equals((error.getExtensions() != null) ? error.getExtensions().get("code") : null);
			if (!fromTimeout) {
				kept.add(error);
			}
		}
		kept.add(0,
				GraphqlErrorBuilder.newError()
					.errorType(ErrorType.INTERNAL_ERROR)
					.message(timeoutMessage(budget, language))
					.extensions(Map.of("code", TIMEOUT_CODE))
					.build());
		return kept;
	}

	/**
	 * The {@code QUERY_TIMEOUT} sentence in {@code language}: the limit in milliseconds
	 * as configured.
	 */
	static String timeoutMessage(Duration budget, Locale language) {
		return MessageCatalogue.render(language, "graphql.timeout", List.of(Long.toString(budget.toMillis())));
	}

}
