package io.creditdesk.graphql;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;

import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.stereotype.Component;

/**
 * Parses and validates each distinct operation once. Clients send the same documents over and
 * over with different variables (order entry, sales portals), and parsing plus validation is a
 * large part of a request's cost. Entries are immutable ASTs; the cache is bounded and simply
 * starts over when full, so operations sent with literal values cannot grow it without limit.
 */
@Component
class ParsedDocumentCache implements PreparsedDocumentProvider, GraphQlSourceBuilderCustomizer {

	static final int MAX_ENTRIES = 2_000;

	private final Map<String, PreparsedDocumentEntry> entries = new ConcurrentHashMap<>();

	@Override
	public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
			Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
		String key = input.getOperationName() + "\n" + input.getQuery();
		PreparsedDocumentEntry entry = this.entries.get(key);
		if (entry == null) {
			entry = parseAndValidate.apply(input);
			if (this.entries.size() >= MAX_ENTRIES) {
				this.entries.clear();
			}
			this.entries.put(key, entry);
		}
		return CompletableFuture.completedFuture(entry);
	}

	@Override
	public void customize(GraphQlSource.SchemaResourceBuilder builder) {
		builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(this));
	}

	int size() {
		return this.entries.size();
	}

}
