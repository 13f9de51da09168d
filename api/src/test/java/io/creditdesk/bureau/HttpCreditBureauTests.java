package io.creditdesk.bureau;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.creditdesk.MutableClock;
import io.creditdesk.common.Money;
import io.creditdesk.common.WorkDeadline;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The HTTP connector against a stub of the bureau API (docs/bureau.md) answering with
 * recorded-style bodies from {@code src/test/resources/bureau/}. Waits between tries are
 * recorded, not slept.
 */
class HttpCreditBureauTests {

	@RegisterExtension
	static final WireMockExtension bureau = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private static final String REPORT = "/companies/DE-0001234567";

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));

	private final List<Duration> waits = new CopyOnWriteArrayList<>();

	@BeforeEach
	void theBureauIssuesTokensForTheConfiguredCredentials() {
		bureau.stubFor(post("/authenticate")
			.withRequestBody(equalToJson("{\"username\": \"creditdesk\", \"password\": \"s3cret\"}"))
			.willReturn(okJson(body("authenticate.json"))));
	}

	@Test
	void aTaxIdSearchFindsTheOneCompanyThatHasIt() {
		bureau.stubFor(get(urlPathEqualTo("/companies")).withQueryParam("countries", equalTo("DE"))
			.withQueryParam("taxId", equalTo("DE136695976"))
			.withHeader("Authorization", equalTo("Bearer eyJhbGciOiJIUzI1NiJ9.first"))
			.willReturn(okJson(body("search-one.json"))));
		CompanyMatch match = connector(3).matchByTaxId("de", "DE136695976");
		assertThat(match.companyId()).isEqualTo("DE-0001234567");
		assertThat(match.name()).isEqualTo("Rhein Steelworks GmbH");
		assertThat(match.status()).isEqualTo(BureauCompanyStatus.ACTIVE);
		assertThat(match.address()).isEqualTo("Hafenstrasse 12, 47119 Duisburg");
	}

	@Test
	void aNameSearchListsEveryCandidate() {
		bureau.stubFor(get(urlPathEqualTo("/companies")).withQueryParam("countries", equalTo("DE"))
			.withQueryParam("name", equalTo("Rhein Steel"))
			.willReturn(okJson(body("search-one.json"))));
		assertThat(connector(3).search(CompanySearch.byName("DE", "Rhein Steel"))).extracting(CompanyMatch::companyId)
			.containsExactly("DE-0001234567", "DE-0007654321");
	}

	@Test
	void aTokenIsReusedUntilShortlyBeforeItExpires() {
		bureau.stubFor(get(REPORT).willReturn(okJson(body("report-rated.json"))));
		HttpCreditBureau connector = connector(3);
		connector.report("DE-0001234567");
		this.clock.advance(Duration.ofSeconds(3600).minus(HttpCreditBureau.TOKEN_RENEWAL_MARGIN).minusSeconds(1));
		connector.report("DE-0001234567");
		bureau.verify(1, postRequestedFor(urlPathEqualTo("/authenticate")));
		this.clock.advance(Duration.ofSeconds(1));
		connector.report("DE-0001234567");
		bureau.verify(2, postRequestedFor(urlPathEqualTo("/authenticate")));
	}

	@Test
	void aRatedReportCarriesItsRatingScoreAndRecommendedLimitExactly() {
		bureau.stubFor(get(REPORT).willReturn(okJson(body("report-rated.json"))));
		BureauReport report = connector(3).report("DE-0001234567");
		assertThat(report.companyId()).isEqualTo("DE-0001234567");
		assertThat(report.taxId()).isEqualTo("DE136695976");
		assertThat(report.status()).isEqualTo(BureauCompanyStatus.ACTIVE);
		assertThat(report.rating()).isEqualTo("B");
		assertThat(report.score()).isEqualTo(72);
		assertThat(report.ratingDescription()).isEqualTo("Low risk");
		assertThat(report.recommendedLimit()).isEqualTo(Money.of("150000.50", "EUR"));
		assertThat(report.reportDate()).isEqualTo(LocalDate.of(2026, 11, 30));
		assertThat(report.fetchedAt()).isEqualTo(this.clock.instant());
	}

	@Test
	void notRatedIsNoRatingAndNoRecommendationNeverZero() {
		bureau.stubFor(get("/companies/GB-09876543").willReturn(okJson(body("report-not-rated.json"))));
		BureauReport report = connector(3).report("GB-09876543");
		assertThat(report.rating()).isNull();
		assertThat(report.score()).isNull();
		assertThat(report.recommendedLimit()).isNull();
		assertThat(report.ratingDescription()).isEqualTo("Insufficient data to rate");
		assertThat(report.status()).isEqualTo(BureauCompanyStatus.INSOLVENT);
		assertThat(report.statusText()).isEqualTo("In Administration");
	}

	@Test
	void aBureauThatDoesNotAnswerInTimeIsTriedAgainThenUnavailable() {
		bureau.stubFor(get(REPORT).willReturn(okJson(body("report-rated.json")).withFixedDelay(2000)));
		BureauException failure = failure(() -> connector(2, Duration.ofMillis(250)).report("DE-0001234567"));
		assertThat(failure.failure()).isEqualTo(BureauFailure.UNAVAILABLE);
		assertThat(failure.code()).isEqualTo("BUREAU_UNAVAILABLE");
		assertThat(failure.getMessage()).contains("failed 2 times").contains("no answer within 250 ms");
		bureau.verify(2, getRequestedFor(urlPathEqualTo(REPORT)));
		assertThat(this.waits).containsExactly(Duration.ofMillis(200));
	}

	/**
	 * A call made for a GraphQL field waits no longer than the field's request may take:
	 * the caller hears BUREAU_UNAVAILABLE before the request's limit, not QUERY_TIMEOUT
	 * after three tries of 12 s (what an unresponsive bureau did before).
	 */
	@Test
	void aCallWithinARequestStopsTryingBeforeTheRequestsLimit() {
		bureau.stubFor(get(REPORT).willReturn(okJson(body("report-rated.json")).withFixedDelay(4000)));
		WorkDeadline deadline = new WorkDeadline(Duration.ofMillis(2000), System::nanoTime, () -> {
		});
		HttpCreditBureau connector = connector(3, Duration.ofSeconds(5));
		BureauException failure = failure(() -> {
			try {
				deadline.bind(() -> connector.report("DE-0001234567"));
			}
			catch (RuntimeException ex) {
				throw ex;
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		assertThat(failure.failure()).isEqualTo(BureauFailure.UNAVAILABLE);
		assertThat(failure.code()).isEqualTo("BUREAU_UNAVAILABLE");
		assertThat(failure.getMessage())
			.contains("in the time this request may take (tries: 1; last: no answer within");
		assertThat(deadline.passed()).as("answered within the request's limit").isFalse();
		bureau.verify(1, getRequestedFor(urlPathEqualTo(REPORT)));
		assertThat(this.waits).isEmpty();
	}

	@Test
	void aRefusedTokenIsRenewedOnceAndTheCallRepeated() {
		bureau.stubFor(post("/authenticate").inScenario("token")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(okJson("{\"token\": \"first\", \"expiresIn\": 3600}"))
			.willSetStateTo("renewed"));
		bureau.stubFor(post("/authenticate").inScenario("token")
			.whenScenarioStateIs("renewed")
			.willReturn(okJson("{\"token\": \"second\", \"expiresIn\": 3600}")));
		bureau.stubFor(get(REPORT).withHeader("Authorization", equalTo("Bearer first"))
			.willReturn(aResponse().withStatus(401).withBody(body("error-401.json"))));
		bureau.stubFor(get(REPORT).withHeader("Authorization", equalTo("Bearer second"))
			.willReturn(okJson(body("report-rated.json"))));
		assertThat(connector(3).report("DE-0001234567").rating()).isEqualTo("B");
		bureau.verify(2, postRequestedFor(urlPathEqualTo("/authenticate")));
		bureau.verify(2, getRequestedFor(urlPathEqualTo(REPORT)));
		assertThat(this.waits).isEmpty();
	}

	@Test
	void aFreshTokenRefusedAgainIsUnauthorized() {
		bureau.stubFor(get(REPORT).willReturn(aResponse().withStatus(401)));
		BureauException failure = failure(() -> connector(3).report("DE-0001234567"));
		assertThat(failure.failure()).isEqualTo(BureauFailure.UNAUTHORIZED);
		bureau.verify(2, postRequestedFor(urlPathEqualTo("/authenticate")));
		bureau.verify(2, getRequestedFor(urlPathEqualTo(REPORT)));
	}

	@Test
	void wrongCredentialsAreUnauthorizedWithoutRetrying() {
		bureau.stubFor(post("/authenticate").willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"message\": \"Invalid username or password\"}")));
		BureauException failure = failure(() -> connector(3).report("DE-0001234567"));
		assertThat(failure.failure()).isEqualTo(BureauFailure.UNAUTHORIZED);
		assertThat(failure.getMessage()).contains("Invalid username or password").doesNotContain("s3cret");
		bureau.verify(1, postRequestedFor(urlPathEqualTo("/authenticate")));
		bureau.verify(0, getRequestedFor(urlPathEqualTo(REPORT)));
	}

	@Test
	void tooManyRequestsWaitsAsLongAsRetryAfterSays() {
		bureau.stubFor(get(REPORT).inScenario("rate limit")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7"))
			.willSetStateTo("calm"));
		bureau.stubFor(get(REPORT).inScenario("rate limit")
			.whenScenarioStateIs("calm")
			.willReturn(okJson(body("report-rated.json"))));
		assertThat(connector(3).report("DE-0001234567").rating()).isEqualTo("B");
		assertThat(this.waits).containsExactly(Duration.ofSeconds(7));
	}

	@Test
	void retryAfterAsAnHttpDateIsHonouredToo() {
		bureau.stubFor(get(REPORT).inScenario("rate limit")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503).withHeader("Retry-After", "Fri, 04 Dec 2026 10:00:12 GMT"))
			.willSetStateTo("calm"));
		bureau.stubFor(get(REPORT).inScenario("rate limit")
			.whenScenarioStateIs("calm")
			.willReturn(okJson(body("report-rated.json"))));
		connector(3).report("DE-0001234567");
		assertThat(this.waits).containsExactly(Duration.ofSeconds(12));
	}

	@Test
	void aBureauAskingToWaitTooLongIsUnavailableAtOnce() {
		bureau.stubFor(get(REPORT).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));
		BureauException failure = failure(() -> connector(3).report("DE-0001234567"));
		assertThat(failure.failure()).isEqualTo(BureauFailure.UNAVAILABLE);
		assertThat(failure.getMessage()).contains("asks to wait 120 s");
		bureau.verify(1, getRequestedFor(urlPathEqualTo(REPORT)));
		assertThat(this.waits).isEmpty();
	}

	@Test
	void aServerErrorIsTriedAgainAfterABackoff() {
		bureau.stubFor(get(REPORT).inScenario("hiccup")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(500))
			.willSetStateTo("recovered"));
		bureau.stubFor(get(REPORT).inScenario("hiccup")
			.whenScenarioStateIs("recovered")
			.willReturn(okJson(body("report-rated.json"))));
		assertThat(connector(3).report("DE-0001234567").rating()).isEqualTo("B");
		assertThat(this.waits).containsExactly(Duration.ofMillis(200));
	}

	@Test
	void whatABureauSaysInAnErrorReachesTheLogAndTheCallerOnOneShortLine() {
		String forged = "down\n2026-12-05T10:00:00Z INFO  io.creditdesk.security Admin password reset for admin"
				+ "x".repeat(100_000);
		bureau.stubFor(get(REPORT).willReturn(
				aResponse().withStatus(503).withBody("{\"message\": \"" + forged.replace("\n", "\\n") + "\"}")));
		ListAppender<ILoggingEvent> logs = new ListAppender<>();
		logs.start();
		Logger logger = (Logger) LoggerFactory.getLogger(HttpCreditBureau.class);
		logger.addAppender(logs);
		try {
			BureauException failure = failure(() -> connector(2).report("DE-0001234567"));
			assertThat(failure.getMessage()).contains("HTTP 503: down").doesNotContain("\n");
			assertThat(logs.list).isNotEmpty().allSatisfy(event -> {
				assertThat(event.getFormattedMessage()).doesNotContain("\n");
				assertThat(event.getFormattedMessage()).hasSizeLessThan(1000);
			});
		}
		finally {
			logger.detachAppender(logs);
		}
	}

	@Test
	void backoffDoublesUpToItsMaximumAndTriesAreBounded() {
		bureau.stubFor(get(REPORT).willReturn(aResponse().withStatus(503)));
		BureauException failure = failure(() -> connector(5).report("DE-0001234567"));
		assertThat(failure.failure()).isEqualTo(BureauFailure.UNAVAILABLE);
		assertThat(failure.getMessage()).contains("failed 5 times").contains("HTTP 503");
		assertThat(this.waits).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800),
				Duration.ofSeconds(1));
		bureau.verify(5, getRequestedFor(urlPathEqualTo(REPORT)));
	}

	@Test
	void persistentServerErrorsOpenTheBreakerUntilATrialCallSucceeds() {
		bureau.stubFor(get(REPORT).willReturn(aResponse().withStatus(500)));
		HttpCreditBureau connector = connector(2);
		for (int call = 0; call < 2; call++) {
			assertThat(failure(() -> connector.report("DE-0001234567")).failure()).isEqualTo(BureauFailure.UNAVAILABLE);
		}
		bureau.verify(4, getRequestedFor(urlPathEqualTo(REPORT)));
		assertThat(connector.acceptingCalls()).isFalse();

		BureauException refused = failure(() -> connector.report("DE-0001234567"));
		assertThat(refused.failure()).isEqualTo(BureauFailure.UNAVAILABLE);
		assertThat(refused.getMessage()).contains("calls pause for 60 s");
		bureau.verify(4, getRequestedFor(urlPathEqualTo(REPORT)));

		bureau.stubFor(get(REPORT).willReturn(okJson(body("report-rated.json"))));
		this.clock.advance(Duration.ofSeconds(61));
		assertThat(connector.report("DE-0001234567").rating()).isEqualTo("B");
		assertThat(connector.acceptingCalls()).isTrue();
	}

	@Test
	void answersThatAreNotFailuresOfTheBureauDoNotOpenTheBreaker() {
		bureau.stubFor(get(REPORT).willReturn(aResponse().withStatus(404)));
		bureau.stubFor(get("/companies/DE-0000000403").willReturn(aResponse().withStatus(403)));
		bureau.stubFor(get("/companies/DE-0000000200").willReturn(okJson("{\"report\": {}}")));
		HttpCreditBureau connector = connector(2);
		for (int call = 0; call < 3; call++) {
			assertThat(failure(() -> connector.report("DE-0001234567")).failure()).isEqualTo(BureauFailure.NOT_FOUND);
			assertThat(failure(() -> connector.report("DE-0000000403")).failure())
				.isEqualTo(BureauFailure.UNAUTHORIZED);
			assertThat(failure(() -> connector.report("DE-0000000200")).failure())
				.isEqualTo(BureauFailure.MALFORMED_RESPONSE);
		}
		assertThat(connector.acceptingCalls()).isTrue();
		bureau.verify(3, getRequestedFor(urlPathEqualTo(REPORT)));
	}

	@Test
	void aBodyThatKeepsComingAfterTheReadTimeoutIsNoAnswerInTime() {
		// The headers arrive at once; the body trickles in over 6 s, far beyond the
		// 2 s to connect and 250 ms to answer.
		bureau.stubFor(get(REPORT).willReturn(okJson(body("report-rated.json")).withChunkedDribbleDelay(30, 6000)));
		BureauException failure = failure(() -> connector(1, Duration.ofMillis(250)).report("DE-0001234567"));
		assertThat(failure.failure()).isEqualTo(BureauFailure.UNAVAILABLE);
		assertThat(failure.getMessage()).contains("no answer within 250 ms");
	}

	@Test
	void aBodyLargerThanAnyAnswerOfTheBureauIsRefusedUnread() {
		String padding = "x".repeat(HttpCreditBureau.MAX_BODY_BYTES);
		bureau.stubFor(get(REPORT)
			.willReturn(okJson(body("report-rated.json").replaceFirst("\\{", "{\"padding\": \"" + padding + "\", "))));
		BureauException failure = failure(() -> connector(3).report("DE-0001234567"));
		assertThat(failure.failure()).isEqualTo(BureauFailure.MALFORMED_RESPONSE);
		assertThat(failure.code()).isEqualTo("BUREAU_MALFORMED_RESPONSE");
		assertThat(failure.getMessage()).contains("larger than");
		bureau.verify(1, getRequestedFor(urlPathEqualTo(REPORT)));
	}

	@Test
	void aBodyThatIsNotJsonIsMalformedAndNotRetried() {
		bureau.stubFor(get(REPORT).willReturn(okJson("{\"report\": {\"companyId\": \"DE-0001234567\", ")));
		BureauException failure = failure(() -> connector(3).report("DE-0001234567"));
		assertThat(failure.failure()).isEqualTo(BureauFailure.MALFORMED_RESPONSE);
		assertThat(failure.errors().get(0).message())
			.startsWith("The bureau's company report answer is not in the documented shape");
		bureau.verify(1, getRequestedFor(urlPathEqualTo(REPORT)));
	}

	@Test
	void aReportMissingWhatItMustHaveIsMalformed() {
		bureau.stubFor(get(REPORT)
			.willReturn(okJson("{\"report\": {\"name\": \"Rhein Steelworks GmbH\", \"country\": \"DE\"}}")));
		BureauException failure = failure(() -> connector(3).report("DE-0001234567"));
		assertThat(failure.failure()).isEqualTo(BureauFailure.MALFORMED_RESPONSE);
		assertThat(failure.getMessage()).contains("'companyId' is missing");
	}

	@Test
	void anUnknownCompanyIsNotFound() {
		bureau.stubFor(get(REPORT).willReturn(aResponse().withStatus(404)));
		bureau.stubFor(get(urlPathEqualTo("/companies")).willReturn(okJson(body("search-none.json"))));
		HttpCreditBureau connector = connector(3);
		assertThat(failure(() -> connector.report("DE-0001234567")).failure()).isEqualTo(BureauFailure.NOT_FOUND);
		BureauException byTaxId = failure(() -> connector.matchByTaxId("DE", "DE999999999"));
		assertThat(byTaxId.failure()).isEqualTo(BureauFailure.NOT_FOUND);
		assertThat(byTaxId.code()).isEqualTo("BUREAU_NOT_FOUND");
		assertThat(byTaxId.errors().get(0).field()).isEqualTo("taxId");
	}

	@Test
	void aSearchTheBureauAnswersWith404FindsNothing() {
		bureau.stubFor(get(urlPathEqualTo("/companies")).willReturn(aResponse().withStatus(404)));
		assertThat(connector(3).search(CompanySearch.byName("DE", "Nobody"))).isEmpty();
	}

	@Test
	void twoCompaniesWithTheTaxIdAreAnAmbiguousMatch() {
		bureau.stubFor(get(urlPathEqualTo("/companies")).willReturn(okJson(body("search-two.json"))));
		BureauException failure = failure(() -> connector(3).matchByTaxId("DE", "DE136695976"));
		assertThat(failure.failure()).isEqualTo(BureauFailure.AMBIGUOUS_MATCH);
		assertThat(failure.getMessage()).contains("DE-0001234567").contains("DE-0001234599");
	}

	@Test
	void aQueryTheBureauRefusesIsAnInvalidQuery() {
		bureau.stubFor(get(urlPathEqualTo("/companies"))
			.willReturn(aResponse().withStatus(400).withBody("{\"message\": \"taxId has an invalid check digit\"}")));
		BureauException failure = failure(() -> connector(3).search(CompanySearch.byTaxId("DE", "DE136695977")));
		assertThat(failure.failure()).isEqualTo(BureauFailure.INVALID_QUERY);
		assertThat(failure.getMessage()).contains("taxId has an invalid check digit");
		assertThat(failure(() -> CompanySearch.byTaxId("Germany", "DE136695976")).failure())
			.isEqualTo(BureauFailure.INVALID_QUERY);
		assertThat(failure(() -> new CompanySearch("DE", " ", null)).failure()).isEqualTo(BureauFailure.INVALID_QUERY);
	}

	@Test
	void anAccountWithoutTheRightIsUnauthorized() {
		bureau.stubFor(get(REPORT).willReturn(aResponse().withStatus(403)));
		assertThat(failure(() -> connector(3).report("DE-0001234567")).failure()).isEqualTo(BureauFailure.UNAUTHORIZED);
	}

	@Test
	void monitoringEventsArePulledPageByPage() {
		bureau
			.stubFor(get(urlPathEqualTo("/monitoring/notificationEvents")).withQueryParam("after", equalTo("ev-000100"))
				.withQueryParam("pageSize", equalTo("50"))
				.willReturn(okJson(body("notifications.json"))));
		bureau
			.stubFor(get(urlPathEqualTo("/monitoring/notificationEvents")).withQueryParam("after", equalTo("ev-000102"))
				.willReturn(okJson("{\"events\": []}")));
		HttpCreditBureau connector = connector(3);
		NotificationPage page = connector.notifications("ev-000100", 50);
		assertThat(page.events()).extracting(NotificationEvent::eventId).containsExactly("ev-000101", "ev-000102");
		NotificationEvent first = page.events().get(0);
		assertThat(first.companyId()).isEqualTo("DE-0001234567");
		assertThat(first.occurredAt()).isEqualTo(Instant.parse("2026-12-02T08:15:00Z"));
		assertThat(first.ruleCode()).isEqualTo("RATING_CHANGE");
		assertThat(first.oldValue()).isEqualTo("B");
		assertThat(first.newValue()).isEqualTo("C");
		assertThat(page.nextCursor()).isEqualTo("ev-000102");
		NotificationPage nothingNew = connector.notifications(page.nextCursor(), 50);
		assertThat(nothingNew.events()).isEmpty();
		assertThat(nothingNew.nextCursor()).isEqualTo("ev-000102");
	}

	private HttpCreditBureau connector(int maxAttempts) {
		return connector(maxAttempts, Duration.ofSeconds(5));
	}

	/**
	 * Backoff 200 ms doubling to 1 s; the breaker judges 4 calls, opens at 50 % after 2,
	 * for 60 s.
	 */
	private HttpCreditBureau connector(int maxAttempts, Duration readTimeout) {
		BureauProperties settings = new BureauProperties(URI.create(bureau.baseUrl()), "creditdesk", "s3cret",
				Duration.ofSeconds(2), readTimeout, maxAttempts, Duration.ofMillis(200), Duration.ofSeconds(1),
				Duration.ofSeconds(30), 4, 2, 50, Duration.ofSeconds(60));
		return new HttpCreditBureau(settings, JsonMapper.builder().build(), this.clock, this.waits::add);
	}

	private static BureauException failure(Runnable call) {
		BureauException failure = catchThrowableOfType(BureauException.class, call::run);
		assertThat(failure).as("a BureauException").isNotNull();
		return failure;
	}

	static String body(String name) {
		try (InputStream in = HttpCreditBureauTests.class.getResourceAsStream("/bureau/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
