package io.creditdesk.graphql;

import java.util.concurrent.atomic.AtomicInteger;

import graphql.ExecutionInput;
import graphql.GraphqlErrorBuilder;
import graphql.language.OperationDefinition;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.parser.Parser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ParsedDocumentCacheTests {

	private static final long MEGABYTE = 1024 * 1024;

	private final AtomicInteger parses = new AtomicInteger();

	private PreparsedDocumentEntry parse(ExecutionInput input) {
		this.parses.incrementAndGet();
		try {
			return new PreparsedDocumentEntry(Parser.parse(input.getQuery()));
		}
		catch (RuntimeException ex) {
			return new PreparsedDocumentEntry(GraphqlErrorBuilder.newError().message(ex.getMessage()).build());
		}
	}

	private static ExecutionInput input(String query) {
		return ExecutionInput.newExecutionInput(query).build();
	}

	/**
	 * A caller cannot plant a document under another's key by putting the first lines of
	 * that document into its operation name: the name's length is part of the key.
	 */
	@Test
	void anOperationNameCannotStandForTheStartOfAnotherDocument() throws Exception {
		ParsedDocumentCache cache = new ParsedDocumentCache(16 * MEGABYTE, 64 * 1024);
		cache
			.getDocumentAsync(ExecutionInput.newExecutionInput()
				.operationName("Op\nquery Op { customers { totalCount } }")
				.query("query Other { __typename }")
				.build(), this::parse)
			.get();
		PreparsedDocumentEntry served = cache
			.getDocumentAsync(ExecutionInput.newExecutionInput()
				.operationName("Op")
				.query("query Op { customers { totalCount } }\nquery Other { __typename }")
				.build(), this::parse)
			.get();
		assertThat(served.getDocument().getDefinitionsOfType(OperationDefinition.class))
			.extracting(OperationDefinition::getName)
			.containsExactly("Op", "Other");
	}

	@Test
	void eachDistinctOperationIsParsedOnce() {
		ParsedDocumentCache cache = new ParsedDocumentCache(16 * MEGABYTE, 64 * 1024);
		ExecutionInput a = input("query A($id: ID!) { customer(id: $id) { id } }");
		ExecutionInput b = input("query B { customers { totalCount } }");
		PreparsedDocumentEntry first = cache.getDocumentAsync(a, this::parse).join();
		assertThat(cache.getDocumentAsync(a, this::parse).join()).isSameAs(first);
		cache.getDocumentAsync(b, this::parse).join();
		assertThat(this.parses).hasValue(2);
		assertThat(cache.size()).isEqualTo(2);
	}

	@Test
	void theCacheIsBoundedByBytes() {
		long max = MEGABYTE;
		ParsedDocumentCache cache = new ParsedDocumentCache(max, 64 * 1024);
		String padding = "x".repeat(1000);
		for (int i = 0; i < 200; i++) {
			// Each about 1,000 characters, estimated at 24 KB: 200 of them would be 4.8
			// MB.
			cache.getDocumentAsync(input("{ a" + i + " # " + padding + "\n}"), this::parse).join();
		}
		assertThat(cache.weightedBytes()).isPositive().isLessThanOrEqualTo(max);
		assertThat(cache.size()).isLessThan(200);
	}

	@Test
	void aDocumentThatFailedToParseIsNotKept() {
		ParsedDocumentCache cache = new ParsedDocumentCache(16 * MEGABYTE, 64 * 1024);
		ExecutionInput broken = input("{ customer(id: ");
		assertThat(cache.getDocumentAsync(broken, this::parse).join().hasErrors()).isTrue();
		assertThat(cache.getDocumentAsync(broken, this::parse).join().hasErrors()).isTrue();
		assertThat(this.parses).hasValue(2);
		assertThat(cache.size()).isZero();
	}

	@Test
	void documentsAboveTheMaximumSizeAreNeverKept() {
		ParsedDocumentCache cache = new ParsedDocumentCache(16 * MEGABYTE, 64 * 1024);
		String large = "{ a }" + " ".repeat(64 * 1024);
		cache.getDocumentAsync(input(large), this::parse).join();
		cache.getDocumentAsync(input(large), this::parse).join();
		assertThat(this.parses).hasValue(2);
		assertThat(cache.size()).isZero();
	}

	/**
	 * The observed attack: 19 distinct 10 MB queries (no longer reaching the parser over
	 * HTTP, see the size filter).
	 */
	@Test
	void nineteenDistinctTenMegabyteQueriesLeaveNothingBehind() {
		ParsedDocumentCache cache = new ParsedDocumentCache(16 * MEGABYTE, 64 * 1024);
		String tenMegabytes = " ".repeat(10 * 1024 * 1024);
		for (int i = 0; i < 19; i++) {
			cache.getDocumentAsync(input("{ a" + i + " }" + tenMegabytes), this::parse).join();
		}
		assertThat(cache.size()).isZero();
		assertThat(cache.weightedBytes()).isZero();
	}

}
