package io.creditdesk.graphql;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.creditdesk.common.WorkDeadline;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The execution timeout stops the work, on graphql-java's real engine with a clock the
 * data fetchers move: a long loop that calls the checkpoint stops at the first check past
 * the deadline, no field after it is fetched, and the answer carries one
 * {@code QUERY_TIMEOUT}.
 */
class QueryTimeoutTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final AtomicLong clock = new AtomicLong();

	private final AtomicInteger loops = new AtomicInteger();

	private final AtomicInteger laterFetches = new AtomicInteger();

	private final GraphQL graphQl = graphQl();

	private GraphQL graphQl() {
		GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse("""
				type Query { long: Int, later: Int, quick: Int }
				type Mutation { first: Int, second: Int }
				"""),
				RuntimeWiring.newRuntimeWiring()
					.type("Query",
							type -> type.dataFetcher("long", env -> longLoop())
								.dataFetcher("later", env -> this.laterFetches.incrementAndGet())
								.dataFetcher("quick", env -> 1))
					.type("Mutation",
							type -> type.dataFetcher("first", env -> longLoop())
								.dataFetcher("second", env -> this.laterFetches.incrementAndGet()))
					.build());
		GraphQlLimitsProperties properties = new GraphQlLimitsProperties(15, 1000, 50, 500, 10, Map.of(), TIMEOUT,
				DataSize.ofKilobytes(256), DataSize.ofMegabytes(16), DataSize.ofKilobytes(64));
		return GraphQL.newGraphQL(schema)
			.instrumentation(
					new QueryLimitsInstrumentation(properties, List.of(), new SimpleMeterRegistry(), this.clock::get))
			.build();
	}

	/** A loop over many documents, each taking a second of the test's clock. */
	private int longLoop() {
		for (int i = 0; i < 1000; i++) {
			WorkDeadline.checkpoint();
			this.loops.incrementAndGet();
			this.clock.addAndGet(Duration.ofSeconds(1).toNanos());
		}
		return this.loops.get();
	}

	private static List<Object> codes(ExecutionResult result) {
		return result.getErrors()
			.stream()
			.map(GraphQLError::getExtensions)
			.map(ext -> (ext != null) ? ext.get("code") : null)
			.toList();
	}

	@Test
	void aLongLoopStopsAtItsDeadlineAndNothingAfterItRuns() {
		ExecutionResult result = this.graphQl.execute(ExecutionInput.newExecutionInput("{ long later }").build());
		assertThat(this.loops).hasValue(11);
		assertThat(this.laterFetches).hasValue(0);
		assertThat(codes(result)).containsExactly(QueryLimitsInstrumentation.TIMEOUT_CODE);
		assertThat(result.getErrors().get(0).getMessage()).contains("10000 ms");
	}

	/** The message is the catalogue's, in the request's language. */
	@Test
	void theTimeoutReadsInTheRequestsLanguage() {
		ExecutionResult result = this.graphQl
			.execute(ExecutionInput.newExecutionInput("{ long later }").locale(java.util.Locale.GERMAN).build());
		assertThat(codes(result)).containsExactly(QueryLimitsInstrumentation.TIMEOUT_CODE);
		assertThat(result.getErrors().get(0).getMessage())
			.startsWith("Die Anfrage lief länger als ihr Limit von 10000 ms und wurde angehalten");
	}

	@Test
	void aTimedOutMutationRunsNoFurtherMutation() {
		ExecutionResult result = this.graphQl
			.execute(ExecutionInput.newExecutionInput("mutation { first second }").build());
		assertThat(this.loops).hasValue(11);
		assertThat(this.laterFetches).hasValue(0);
		assertThat(codes(result)).containsExactly(QueryLimitsInstrumentation.TIMEOUT_CODE);
	}

	@Test
	void workWithinTheDeadlineAnswersWithItsCost() {
		ExecutionResult result = this.graphQl.execute(ExecutionInput.newExecutionInput("{ quick later }").build());
		assertThat(result.getErrors()).isEmpty();
		assertThat(result.<Map<String, Object>>getData()).containsEntry("quick", 1);
		assertThat(result.getExtensions()).containsKey("cost");
	}

	@Test
	void withoutARequestTheCheckpointDoesNothing() {
		this.clock.set(Long.MAX_VALUE);
		WorkDeadline.checkpoint();
	}

}
