package io.creditdesk.bureau;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.creditdesk.common.WorkDeadline;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP connector to a credit bureau with the API shape of docs/bureau.md.
 * <ul>
 * <li>Authentication: a token from {@code POST /authenticate}, kept until shortly before
 * it expires; a 401 on a call fetches a new token once and repeats the call.</li>
 * <li>Timeouts on connecting and on each answer, its body included (a body that trickles
 * in is no answer in time); bodies of at most {@link #MAX_BODY_BYTES}; bounded retries
 * with exponential backoff on timeouts, connection failures, 429 and 5xx, honouring
 * {@code Retry-After} up to a maximum.</li>
 * <li>A circuit breaker over whole calls (retries included): when enough calls in a row
 * end {@link BureauFailure#UNAVAILABLE}, calls fail at once for a while instead of piling
 * up on a bureau that is down; then one trial call decides whether it is back.</li>
 * <li>Every failure is a {@link BureauException} with a typed reason.</li>
 * </ul>
 */
public final class HttpCreditBureau implements CreditBureau {

	/** What a call leaves of its request's time limit for the answer to be written. */
	private static final Duration DEADLINE_MARGIN = Duration.ofMillis(500);

	/** The shortest try worth making within a request's time limit. */
	private static final Duration SHORTEST_TRY = Duration.ofMillis(250);

	private static final Logger log = LoggerFactory.getLogger(HttpCreditBureau.class);

	/**
	 * A token is renewed this long before the bureau says it expires, so no call carries
	 * a dying one.
	 */
	static final Duration TOKEN_RENEWAL_MARGIN = Duration.ofSeconds(30);

	/**
	 * The largest body read from the bureau: a report is a few kilobytes and a page of
	 * 1000 monitoring events well under a megabyte; anything larger is refused unread
	 * rather than held in memory.
	 */
	static final int MAX_BODY_BYTES = 2 * 1024 * 1024;

	/** Waits between tries; a test replaces it to record waits instead of sleeping. */
	@FunctionalInterface
	interface Sleeper {

		void sleep(Duration duration) throws InterruptedException;

	}

	private record Token(String value, Instant renewAt) {

		boolean usableAt(Instant now) {
			return this.renewAt == null || now.isBefore(this.renewAt);
		}

	}

	private final BureauProperties settings;

	private final String baseUrl;

	private final HttpClient http;

	private final BureauResponses responses;

	private final JsonMapper json;

	private final Clock clock;

	private final Sleeper sleeper;

	private final CircuitBreaker breaker;

	private final Object tokenLock = new Object();

	private volatile Token token;

	public HttpCreditBureau(BureauProperties settings, JsonMapper json, Clock clock) {
		this(settings, json, clock, (duration) -> Thread.sleep(duration.toMillis()));
	}

	HttpCreditBureau(BureauProperties settings, JsonMapper json, Clock clock, Sleeper sleeper) {
		if (!settings.configured()) {
			throw new IllegalArgumentException("No bureau configured: creditdesk.bureau.base-url is not set");
		}
		this.settings = settings;
		String base = settings.baseUrl().toString();
		this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
		// HTTP/1.1: a bureau API is a handful of calls a minute; it spares the h2c
		// upgrade on plain http.
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(settings.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.json = json;
		this.responses = new BureauResponses(json);
		this.clock = clock;
		this.sleeper = sleeper;
		this.breaker = CircuitBreaker.of("credit-bureau", CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(settings.breakerWindow())
			.minimumNumberOfCalls(settings.breakerMinimumCalls())
			.failureRateThreshold(settings.breakerFailureRate())
			.waitDurationInOpenState(settings.breakerOpenFor())
			.permittedNumberOfCallsInHalfOpenState(1)
			// Only an unavailable bureau trips the breaker; "not found" and the like are
			// answers.
			.recordException(
					(ex) -> ex instanceof BureauException bureau && bureau.failure() == BureauFailure.UNAVAILABLE)
			.clock(clock)
			.build());
	}

	@Override
	public List<CompanyMatch> search(CompanySearch search) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("countries", search.country());
		if (search.taxId() != null) {
			query.put("taxId", search.taxId());
		}
		if (search.name() != null) {
			query.put("name", search.name());
		}
		return call("company search", "/companies" + queryString(query), (response) -> switch (response.statusCode()) {
			case 200 -> this.responses.companies(response.body());
			case 404 -> List.of();
			default -> throw unexpected("company search", response);
		});
	}

	@Override
	public BureauReport report(String companyId) {
		if (companyId == null || companyId.isBlank()) {
			throw BureauException.of(BureauFailure.INVALID_QUERY, "companyId", "companyId");
		}
		return call("company report", "/companies/" + pathSegment(companyId.trim()),
				(response) -> switch (response.statusCode()) {
					case 200 -> this.responses.report(response.body(), this.clock.instant());
					case 404 -> throw BureauException.of(BureauFailure.NOT_FOUND, "report", "companyId", companyId);
					default -> throw unexpected("company report", response);
				});
	}

	@Override
	public NotificationPage notifications(String cursor, int pageSize) {
		if (pageSize < 1 || pageSize > 1000) {
			throw BureauException.of(BureauFailure.INVALID_QUERY, "pageSize", "pageSize", pageSize);
		}
		Map<String, String> query = new LinkedHashMap<>();
		if (cursor != null) {
			query.put("after", cursor);
		}
		query.put("pageSize", Integer.toString(pageSize));
		return call("notification events", "/monitoring/notificationEvents" + queryString(query), (response) -> {
			if (response.statusCode() == 200) {
				return this.responses.notifications(response.body(), cursor);
			}
			throw unexpected("notification events", response);
		});
	}

	/** Whether the breaker lets calls through now (closed or half open). */
	boolean acceptingCalls() {
		return this.breaker.getState() != CircuitBreaker.State.OPEN;
	}

	/**
	 * One call through the breaker: the request with its retries and token renewal, and
	 * reading the answer.
	 */
	private <T> T call(String what, String pathAndQuery, Function<HttpResponse<String>, T> answer) {
		try {
			return this.breaker.executeSupplier(() -> answer.apply(authorisedGet(what, pathAndQuery)));
		}
		catch (CallNotPermittedException ex) {
			throw BureauException.of(BureauFailure.UNAVAILABLE, "paused", null,
					this.settings.breakerOpenFor().toSeconds());
		}
	}

	private HttpResponse<String> authorisedGet(String what, String pathAndQuery) {
		Token used = currentToken();
		HttpResponse<String> response = send(what, () -> authorised(pathAndQuery, used));
		if (response.statusCode() == 401) {
			Token renewed = renewAfterRejection(used);
			response = send(what, () -> authorised(pathAndQuery, renewed));
			if (response.statusCode() == 401) {
				throw BureauException.of(BureauFailure.UNAUTHORIZED, "freshToken", null, BureauException.call(what));
			}
		}
		if (response.statusCode() == 403) {
			throw BureauException.of(BureauFailure.UNAUTHORIZED, "endpoint", null, BureauException.call(what),
					detail(response));
		}
		if (response.statusCode() == 400 || response.statusCode() == 422) {
			throw BureauException.of(BureauFailure.INVALID_QUERY, "refused", null, BureauException.call(what),
					detail(response));
		}
		return response;
	}

	private HttpRequest authorised(String pathAndQuery, Token token) {
		return HttpRequest.newBuilder(URI.create(this.baseUrl + pathAndQuery))
			.timeout(this.settings.readTimeout())
			.header("Accept", "application/json")
			.header("Authorization", "Bearer " + token.value())
			.GET()
			.build();
	}

	private Token currentToken() {
		Token current = this.token;
		if (current != null && current.usableAt(this.clock.instant())) {
			return current;
		}
		synchronized (this.tokenLock) {
			current = this.token;
			if (current == null || !current.usableAt(this.clock.instant())) {
				current = authenticate();
				this.token = current;
			}
			return current;
		}
	}

	/**
	 * A new token after the bureau refused {@code rejected}, unless another call renewed
	 * it meanwhile.
	 */
	private Token renewAfterRejection(Token rejected) {
		synchronized (this.tokenLock) {
			Token current = this.token;
			if (current != null && current != rejected && current.usableAt(this.clock.instant())) {
				return current;
			}
			log.info("The credit bureau refused its token; authenticating again");
			current = authenticate();
			this.token = current;
			return current;
		}
	}

	private Token authenticate() {
		String body = this.json
			.writeValueAsString(Map.of("username", this.settings.username(), "password", this.settings.password()));
		HttpResponse<String> response = send("authentication",
				() -> HttpRequest.newBuilder(URI.create(this.baseUrl + "/authenticate"))
					.timeout(this.settings.readTimeout())
					.header("Accept", "application/json")
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build());
		int status = response.statusCode();
		if (status == 200) {
			BureauResponses.Token token = this.responses.token(response.body());
			Instant renewAt = (token.lifetime() != null) ? this.clock.instant()
				.plus(token.lifetime())
				.minus(min(TOKEN_RENEWAL_MARGIN, token.lifetime().dividedBy(2))) : null;
			return new Token(token.value(), renewAt);
		}
		if (status == 400 || status == 401 || status == 403) {
			throw BureauException.of(BureauFailure.UNAUTHORIZED, "credentials", null, this.settings.username(),
					detail(response));
		}
		throw unexpected("authentication", response);
	}

	/**
	 * How long one try may take: the connect and read timeouts, or less when the request
	 * this call serves (a GraphQL field) must answer sooner, so the caller hears
	 * {@code BUREAU_UNAVAILABLE} rather than {@code QUERY_TIMEOUT}. Before, an
	 * unresponsive bureau held {@code fetchBureauReport} for three tries of 12 s.
	 */
	private Duration patience() {
		Duration full = this.settings.connectTimeout().plus(this.settings.readTimeout());
		Optional<Duration> left = WorkDeadline.remaining();
		if (left.isEmpty()) {
			return full;
		}
		Duration within = left.get().minus(DEADLINE_MARGIN);
		if (within.compareTo(SHORTEST_TRY) < 0) {
			within = SHORTEST_TRY;
		}
		return (within.compareTo(full) < 0) ? within : full;
	}

	/**
	 * Sends a request, trying again on timeouts, connection failures, 429 and 5xx, at
	 * most {@code maxAttempts} times; any other answer is returned to the caller.
	 */
	private HttpResponse<String> send(String what, Supplier<HttpRequest> request) {
		int attempts = this.settings.maxAttempts();
		for (int attempt = 1;; attempt++) {
			String problem;
			Duration wait = backoff(attempt);
			Duration patience = patience();
			try {
				HttpResponse<String> response = exchange(request.get(), patience);
				int status = response.statusCode();
				if (status != 429 && status < 500) {
					return response;
				}
				problem = "HTTP " + status + detail(response);
				Optional<Duration> retryAfter = retryAfter(response);
				if (retryAfter.isPresent()) {
					wait = retryAfter.get();
					if (wait.compareTo(this.settings.maxRetryAfter()) > 0) {
						throw BureauException.of(BureauFailure.UNAVAILABLE, "retryAfter", null,
								BureauException.call(what), wait.toSeconds(), problem,
								this.settings.maxRetryAfter().toSeconds());
					}
				}
			}
			catch (BodyTooLarge ex) {
				throw BureauResponses.malformed(what, "the body is larger than " + MAX_BODY_BYTES + " bytes");
			}
			catch (HttpConnectTimeoutException ex) {
				problem = "no connection within " + this.settings.connectTimeout().toMillis() + " ms";
			}
			catch (HttpTimeoutException ex) {
				problem = "no answer within " + Math.min(this.settings.readTimeout().toMillis(), patience.toMillis())
						+ " ms";
			}
			catch (IOException ex) {
				problem = "connection failed (" + ex.getClass().getSimpleName() + ")";
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw BureauException.of(BureauFailure.UNAVAILABLE, "interrupted", null, BureauException.call(what));
			}
			if (attempt >= attempts) {
				throw BureauException.of(BureauFailure.UNAVAILABLE, "failed", null, BureauException.call(what),
						attempts, problem);
			}
			Optional<Duration> left = WorkDeadline.remaining();
			if (left.isPresent() && left.get().minus(DEADLINE_MARGIN).minus(wait).compareTo(SHORTEST_TRY) < 0) {
				// No time for another try within the request's own limit: the caller
				// hears
				// the bureau's failure, not that its request ran too long.
				throw BureauException.of(BureauFailure.UNAVAILABLE, "deadline", null, BureauException.call(what),
						attempt, problem);
			}
			log.warn("Credit bureau {}: {}; try {} of {} in {} ms", what, problem, attempt + 1, attempts,
					wait.toMillis());
			pause(what, wait);
		}
	}

	/**
	 * One request and its whole answer, body included, within the connect and read
	 * timeouts: the request's own timeout ends when the headers arrive, so a body that
	 * trickles in would otherwise hold the caller (a GraphQL request, the poller's lease)
	 * for as long as the bureau likes. The body is read up to {@link #MAX_BODY_BYTES}.
	 */
	private HttpResponse<String> exchange(HttpRequest request, Duration patience)
			throws IOException, InterruptedException {
		CompletableFuture<HttpResponse<String>> answer = this.http.sendAsync(request,
				(info) -> new LimitedBody(info.headers(), MAX_BODY_BYTES));
		try {
			return answer.get(patience.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			answer.cancel(true);
			throw new HttpTimeoutException("no complete answer in time");
		}
		catch (InterruptedException ex) {
			answer.cancel(true);
			throw ex;
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			while (cause instanceof CompletionException && cause.getCause() != null) {
				cause = cause.getCause();
			}
			if (cause instanceof IOException io) {
				throw io;
			}
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IOException(cause);
		}
	}

	/** A body over {@link #MAX_BODY_BYTES}: not read further. */
	private static final class BodyTooLarge extends IOException {

		BodyTooLarge(long limit) {
			super("The body is larger than " + limit + " bytes");
		}

	}

	/**
	 * Reads a body as text in the charset its {@code Content-Type} names (UTF-8 when
	 * none, as JSON is), failing with {@link BodyTooLarge} and cancelling the rest once
	 * more than {@code limit} bytes arrived.
	 */
	private static final class LimitedBody implements HttpResponse.BodySubscriber<String> {

		private final HttpResponse.BodySubscriber<String> text;

		private final CompletableFuture<String> body = new CompletableFuture<>();

		private final long limit;

		private long received;

		private volatile Flow.Subscription subscription;

		LimitedBody(HttpHeaders headers, long limit) {
			this.text = HttpResponse.BodySubscribers.ofString(charset(headers));
			this.limit = limit;
			this.text.getBody().whenComplete((value, failure) -> {
				if (failure != null) {
					this.body.completeExceptionally(failure);
				}
				else {
					this.body.complete(value);
				}
			});
		}

		private static Charset charset(HttpHeaders headers) {
			String type = headers.firstValue("Content-Type").orElse("");
			for (String parameter : type.split(";")) {
				String[] pair = parameter.trim().split("=", 2);
				if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("charset")) {
					try {
						return Charset.forName(pair[1].trim().replace("\"", ""));
					}
					catch (IllegalArgumentException ex) {
						return StandardCharsets.UTF_8;
					}
				}
			}
			return StandardCharsets.UTF_8;
		}

		@Override
		public CompletionStage<String> getBody() {
			return this.body;
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription = subscription;
			this.text.onSubscribe(subscription);
		}

		@Override
		public void onNext(List<ByteBuffer> items) {
			if (this.body.isDone()) {
				return;
			}
			for (ByteBuffer item : items) {
				this.received += item.remaining();
			}
			if (this.received > this.limit) {
				this.body.completeExceptionally(new BodyTooLarge(this.limit));
				this.subscription.cancel();
				return;
			}
			this.text.onNext(items);
		}

		@Override
		public void onError(Throwable failure) {
			this.text.onError(failure);
		}

		@Override
		public void onComplete() {
			if (!this.body.isDone()) {
				this.text.onComplete();
			}
		}

	}

	private Duration backoff(int attempt) {
		Duration wait = this.settings.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
		return min(wait, this.settings.maxBackoff());
	}

	/**
	 * {@code Retry-After} in seconds or as an HTTP date; empty when absent or unreadable.
	 */
	private Optional<Duration> retryAfter(HttpResponse<String> response) {
		Optional<String> header = response.headers().firstValue("Retry-After").map(String::trim);
		if (header.isEmpty()) {
			return Optional.empty();
		}
		String value = header.get();
		if (value.matches("\\d{1,9}")) {
			return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
		}
		try {
			Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			Duration wait = Duration.between(this.clock.instant(), at);
			return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

	private void pause(String what, Duration wait) {
		try {
			this.sleeper.sleep(wait);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw BureauException.of(BureauFailure.UNAVAILABLE, "interrupted", null, BureauException.call(what));
		}
	}

	private BureauException unexpected(String what, HttpResponse<String> response) {
		return BureauException.of(BureauFailure.UNAVAILABLE, "unexpected", null, BureauException.call(what),
				response.statusCode(), detail(response));
	}

	private String detail(HttpResponse<String> response) {
		String message = this.responses.errorMessage(response.body());
		return (message != null) ? ": " + BureauResponses.oneLine(message) : "";
	}

	private static String queryString(Map<String, String> query) {
		return query.entrySet()
			.stream()
			.map((e) -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&", "?", ""));
	}

	private static String pathSegment(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

}
