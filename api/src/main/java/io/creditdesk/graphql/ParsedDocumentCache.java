package io.creditdesk.graphql;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.stereotype.Component;

/**
 * Parses and validates each distinct operation once. Clients send the same documents over
 * and over with different variables (order entry, sales portals), and parsing plus
 * validation is a large part of a request's cost.
 * <p>
 * Bounded by bytes, not entries: each entry weighs its estimated size (the query text it
 * is keyed by plus its syntax tree, {@link #estimatedBytes}), and the least useful
 * entries are evicted once the total passes the configured size. Documents longer than
 * the configured maximum are never cached (no client sends the same huge document twice;
 * an attacker sends many), nor are documents that failed to parse or validate (they are
 * answered with their errors and forgotten).
 */
@Component
class ParsedDocumentCache implements PreparsedDocumentProvider, GraphQlSourceBuilderCustomizer {

	/**
	 * Bytes an entry holds per character of its document, with headroom: the syntax tree
	 * took 7-15 bytes per character for this service's operations (graphql-java 25,
	 * source locations kept; measured on the heap after a full GC for 2,000 distinct
	 * copies of each of the README's operations, and for a 55,000-character document of
	 * 1,000 aliases), the key 1-2 more.
	 */
	static final int BYTES_PER_CHARACTER = 24;

	/**
	 * Bytes of an entry whatever its document: the map entry, the key object, the entry
	 * object.
	 */
	static final int BYTES_PER_ENTRY = 256;

	private final Cache<String, PreparsedDocumentEntry> entries;

	private final long maxCachedCharacters;

	@Autowired
	ParsedDocumentCache(GraphQlLimitsProperties properties) {
		this(properties.documentCacheSize().toBytes(), properties.maxCachedDocument().toBytes());
	}

	ParsedDocumentCache(long maxBytes, long maxCachedCharacters) {
		this.maxCachedCharacters = maxCachedCharacters;
		this.entries = Caffeine.newBuilder()
			.maximumWeight(maxBytes)
			.weigher((String key,
					PreparsedDocumentEntry entry) -> (int) Math.min(Integer.MAX_VALUE, estimatedBytes(key)))
			.executor(Runnable::run)
			.build();
	}

	static long estimatedBytes(String key) {
		return BYTES_PER_ENTRY + (long) key.length() * BYTES_PER_CHARACTER;
	}

	@Override
	public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(ExecutionInput input,
			Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
		String query = input.getQuery();
		if (query.length() > this.maxCachedCharacters) {
			return CompletableFuture.completedFuture(parseAndValidate.apply(input));
		}
		// The operation name's length first: a name holding the query's first lines
		// cannot make the key of another document.
		String name = input.getOperationName();
		String key = ((name == null) ? "-" : name.length() + ":" + name) + "\n" + query;
		PreparsedDocumentEntry entry = this.entries.getIfPresent(key);
		if (entry == null) {
			entry = parseAndValidate.apply(input);
			if (!entry.hasErrors()) {
				this.entries.put(key, entry);
			}
		}
		return CompletableFuture.completedFuture(entry);
	}

	@Override
	public void customize(GraphQlSource.SchemaResourceBuilder builder) {
		builder.configureGraphQl(graphQl -> graphQl.preparsedDocumentProvider(this));
	}

	long size() {
		this.entries.cleanUp();
		return this.entries.estimatedSize();
	}

	long weightedBytes() {
		this.entries.cleanUp();
		return this.entries.policy().eviction().map(eviction -> eviction.weightedSize().orElse(0)).orElse(0L);
	}

}
