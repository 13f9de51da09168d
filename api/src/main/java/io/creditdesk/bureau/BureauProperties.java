package io.creditdesk.bureau;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the credit bureau connector ({@code creditdesk.bureau.*}). With no
 * {@code base-url} no bureau is configured, and new customers are verified manually.
 *
 * @param baseUrl the bureau API's base URL (the paths of docs/bureau.md are relative to
 * it); unset for none
 * @param username the API user the connector authenticates as
 * @param password its password
 * @param connectTimeout how long connecting may take
 * @param readTimeout how long one request may wait for its answer
 * @param maxAttempts tries of one call when the bureau times out, answers 429 or 5xx (1 =
 * no retry)
 * @param initialBackoff wait before the second try; doubled for each further try up to
 * {@code maxBackoff}
 * @param maxBackoff the longest wait between tries
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a bureau asking for more
 * is unavailable
 * @param breakerWindow the number of recent calls the circuit breaker judges
 * @param breakerMinimumCalls calls in the window before the breaker may open
 * @param breakerFailureRate the percentage of unavailable calls in the window that opens
 * the breaker
 * @param breakerOpenFor how long an open breaker refuses calls before one trial call is
 * let through
 */
@ConfigurationProperties("creditdesk.bureau")
public record BureauProperties(URI baseUrl, String username, String password,
		@DefaultValue("2s") Duration connectTimeout, @DefaultValue("10s") Duration readTimeout,
		@DefaultValue("3") int maxAttempts, @DefaultValue("250ms") Duration initialBackoff,
		@DefaultValue("4s") Duration maxBackoff, @DefaultValue("30s") Duration maxRetryAfter,
		@DefaultValue("10") int breakerWindow, @DefaultValue("5") int breakerMinimumCalls,
		@DefaultValue("50") int breakerFailureRate, @DefaultValue("60s") Duration breakerOpenFor) {

	public BureauProperties {
		if (baseUrl != null) {
			if (!"https".equals(baseUrl.getScheme()) && !"http".equals(baseUrl.getScheme())) {
				throw new IllegalArgumentException("creditdesk.bureau.base-url must be an http(s) URL, got " + baseUrl);
			}
			if (username == null || username.isBlank() || password == null || password.isBlank()) {
				throw new IllegalArgumentException(
						"creditdesk.bureau.username and creditdesk.bureau.password are required with creditdesk.bureau.base-url");
			}
		}
		if (maxAttempts < 1 || maxAttempts > 10) {
			throw new IllegalArgumentException("creditdesk.bureau.max-attempts must be 1 to 10, got " + maxAttempts);
		}
		if (breakerMinimumCalls < 1 || breakerWindow < breakerMinimumCalls) {
			throw new IllegalArgumentException("creditdesk.bureau.breaker-window (" + breakerWindow
					+ ") must be at least breaker-minimum-calls (" + breakerMinimumCalls + "), which is at least 1");
		}
		if (breakerFailureRate < 1 || breakerFailureRate > 100) {
			throw new IllegalArgumentException(
					"creditdesk.bureau.breaker-failure-rate is a percentage from 1 to 100, got " + breakerFailureRate);
		}
	}

	/** Whether a bureau is configured. */
	public boolean configured() {
		return this.baseUrl != null;
	}

	@Override
	public String toString() {
		// Never the password: settings end up in logs and failure analyses.
		return "BureauProperties[baseUrl=" + this.baseUrl + ", username=" + this.username + "]";
	}

}
