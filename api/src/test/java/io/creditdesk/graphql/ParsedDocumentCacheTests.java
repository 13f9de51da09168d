package io.creditdesk.graphql;

import java.util.concurrent.atomic.AtomicInteger;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.parser.Parser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ParsedDocumentCacheTests {

	private final AtomicInteger parses = new AtomicInteger();

	private PreparsedDocumentEntry parse(ExecutionInput input) {
		this.parses.incrementAndGet();
		return new PreparsedDocumentEntry(Parser.parse(input.getQuery()));
	}

	@Test
	void eachDistinctOperationIsParsedOnce() {
		ParsedDocumentCache cache = new ParsedDocumentCache();
		ExecutionInput a = ExecutionInput.newExecutionInput("query A($id: ID!) { customer(id: $id) { id } }").build();
		ExecutionInput b = ExecutionInput.newExecutionInput("query B { customers { totalCount } }").build();
		PreparsedDocumentEntry first = cache.getDocumentAsync(a, this::parse).join();
		assertThat(cache.getDocumentAsync(a, this::parse).join()).isSameAs(first);
		cache.getDocumentAsync(b, this::parse).join();
		assertThat(this.parses).hasValue(2);
		assertThat(cache.size()).isEqualTo(2);
	}

	@Test
	void theCacheIsBounded() {
		ParsedDocumentCache cache = new ParsedDocumentCache();
		for (int i = 0; i < ParsedDocumentCache.MAX_ENTRIES + 10; i++) {
			cache.getDocumentAsync(ExecutionInput.newExecutionInput("{ a" + i + " }").build(), this::parse).join();
		}
		assertThat(cache.size()).isLessThanOrEqualTo(ParsedDocumentCache.MAX_ENTRIES);
	}

}
