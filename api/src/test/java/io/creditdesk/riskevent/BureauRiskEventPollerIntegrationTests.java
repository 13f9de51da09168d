package io.creditdesk.riskevent;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.bureau.BureauProperties;
import io.creditdesk.bureau.CreditBureau;
import io.creditdesk.bureau.HttpCreditBureau;
import io.creditdesk.customer.CustomerService;
import io.creditdesk.events.Outbox;
import io.creditdesk.infrastructure.JobLock;
import io.creditdesk.intake.IntakeWorklist;
import io.creditdesk.limitrequest.SystemReviews;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bureau poller against a bureau on WireMock, with the service's real processing and
 * store: a downgrade of a monitored customer opens its review, an event for a company no
 * customer is and one of a kind no event type stands for go to the worklist, the cursor
 * moves past what was processed (the next pull asks after it), and pulling the same page
 * again changes nothing.
 */
@CreditDeskIntegrationTest
class BureauRiskEventPollerIntegrationTests {

	@RegisterExtension
	static final WireMockExtension bureau = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	@Autowired
	private CustomerService customerService;

	@Autowired
	private RiskEventPolicies policies;

	@Autowired
	private AppliedRiskEvents records;

	@Autowired
	private SystemReviews reviews;

	@Autowired
	private Outbox outbox;

	@Autowired
	private IntakeWorklist worklist;

	@Autowired
	private JobLock lock;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private RiskEventProperties properties;

	@Autowired
	private Clock clock;

	@Autowired
	private HttpGraphQlTester graphQl;

	private BureauRiskEventPoller poller;

	@BeforeEach
	void aPollerOfTheBureauOnWireMock() {
		bureau.stubFor(post("/authenticate").willReturn(okJson("{\"token\": \"t\", \"expiresIn\": 3600}")));
		BureauProperties settings = new BureauProperties(URI.create(bureau.baseUrl()), "creditdesk", "s3cret",
				Duration.ofSeconds(2), Duration.ofSeconds(5), 1, Duration.ofMillis(100), Duration.ofSeconds(1),
				Duration.ofSeconds(30), 10, 5, 50, Duration.ofSeconds(60));
		HttpCreditBureau connector = new HttpCreditBureau(settings, JsonMapper.builder().build(), this.clock);
		StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("bureau", connector));
		RiskEventProcessor processor = new RiskEventProcessor(
				new RiskEventCustomers(this.customerService, beans.getBeanProvider(CreditBureau.class)),
				this.customerService, this.policies, this.records, this.reviews, this.outbox, this.clock);
		this.poller = new BureauRiskEventPoller(beans.getBeanProvider(CreditBureau.class), processor, this.worklist,
				this.lock, this.mongo, this.properties, JsonMapper.builder().build(), this.clock);
		this.mongo.remove(Query.query(Criteria.where("_id").is(BureauRiskEventPoller.SOURCE)),
				BureauRiskEventPoller.CURSORS);
	}

	@Test
	void pullsTheMonitoringEventsFeedsTheFlowAndAcknowledgesWhatItProcessed() {
		RiskEventFixtures f = new RiskEventFixtures(this.graphQl);
		RiskEventFixtures.Registered customer = f.activeCustomer();
		String run = UUID.randomUUID().toString().substring(0, 8);
		String known = "DE-K" + run;
		String unknown = "DE-U" + run;
		bureau.stubFor(get("/companies/" + known).willReturn(okJson("""
				{ "report": { "companyId": "%s", "name": "Monitored GmbH", "country": "DE", "taxId": "%s",
				  "status": "Active", "rating": { "value": "C", "score": 41 } } }
				""".formatted(known, customer.taxId()))));
		bureau.stubFor(get("/companies/" + unknown).willReturn(notFound()));
		bureau.stubFor(get(urlPathEqualTo("/monitoring/notificationEvents")).withQueryParam("after", absent())
			.willReturn(okJson("""
					{ "events": [
					  { "eventId": "ev-%1$s-1", "companyId": "%2$s", "eventDate": "2026-12-02T08:15:00Z",
					    "ruleCode": "RATING_CHANGE", "ruleName": "Rating changed", "oldValue": "B", "newValue": "C" },
					  { "eventId": "ev-%1$s-2", "companyId": "%3$s", "eventDate": "2026-12-03T16:40:12Z",
					    "ruleCode": "STATUS_CHANGE", "ruleName": "Company status changed", "oldValue": "Active",
					    "newValue": "In Administration" },
					  { "eventId": "ev-%1$s-3", "companyId": "%2$s", "eventDate": "2026-12-03T17:00:00Z",
					    "ruleCode": "ADDRESS_CHANGE", "ruleName": "Address changed", "oldValue": "Old St 1",
					    "newValue": "New St 2" } ],
					  "nextCursor": "ev-%1$s-3" }
					""".formatted(run, known, unknown))));
		bureau.stubFor(get(urlPathEqualTo("/monitoring/notificationEvents"))
			.withQueryParam("after", equalTo("ev-" + run + "-3"))
			.willReturn(okJson("{ \"events\": [] }")));

		assertThat(this.poller.poll()).isEqualTo(3);

		AppliedRiskEvent downgrade = this.records.find("bureau:ev-" + run + "-1").orElseThrow();
		assertThat(downgrade.customerId()).isEqualTo(customer.id());
		assertThat(downgrade.type()).isEqualTo(ExternalEventType.RATING_DOWNGRADE);
		assertThat(downgrade.via()).isEqualTo(AppliedRiskEvent.Via.BUREAU_POLL);
		assertThat(downgrade.reviewRequestId()).isNotNull();
		assertThat(worklist(f, "risk-event:bureau:ev-" + run + "-2")).containsEntry("reasonCode",
				"EVENT_CUSTOMER_UNKNOWN");
		Map<String, Object> unmapped = worklist(f, "risk-event:bureau:ev-" + run + "-3");
		assertThat(unmapped).containsEntry("reasonCode", "UNMAPPED_BUREAU_EVENT");
		assertThat((String) unmapped.get("payload")).contains("\"bureauRuleCode\":\"ADDRESS_CHANGE\"");
		assertThat(this.poller.cursor()).isEqualTo("ev-" + run + "-3");

		// The next pull asks after the cursor; nothing new, nothing done.
		assertThat(this.poller.poll()).isZero();
		bureau.verify(getRequestedFor(urlPathEqualTo("/monitoring/notificationEvents")).withQueryParam("after",
				equalTo("ev-" + run + "-3")));

		// The same page pulled again (a crash before the cursor moved) changes nothing.
		this.mongo.remove(Query.query(Criteria.where("_id").is(BureauRiskEventPoller.SOURCE)),
				BureauRiskEventPoller.CURSORS);
		assertThat(this.poller.poll()).isEqualTo(3);
		AppliedRiskEvent again = this.records.find("bureau:ev-" + run + "-1").orElseThrow();
		assertThat(again.deliveries()).isEqualTo(2);
		assertThat(again.reviewRequestId()).isEqualTo(downgrade.reviewRequestId());
		assertThat(f.profile(customer.id())).isEqualTo(new RiskEventFixtures.Profile("ACTIVE", List.of()));
	}

	private static Map<String, Object> worklist(RiskEventFixtures f, String id) {
		return f.as("analyst")
			.document("query($id: ID!) { intakeFailure(id: $id) { reasonCode reasonMessage status payload } }")
			.variable("id", id)
			.execute()
			.path("intakeFailure")
			.entity(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
	}

}
