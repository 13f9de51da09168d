package io.creditdesk.limitrequest;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import com.mongodb.client.result.UpdateResult;
import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.TestCustomers;
import io.creditdesk.common.DecimalInput;
import io.creditdesk.common.MoneyInput;
import io.creditdesk.customer.CustomerInputs.CreateCustomerInput;
import io.creditdesk.customer.CustomerService;
import io.creditdesk.limitrequest.RequestInputs.RequestCreditLimitInput;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import static io.creditdesk.TestUsers.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests stored by an earlier build, whose check details and explanation were plain
 * text rather than catalogue sentences, still load: the old text reads as it was, in
 * every language.
 */
@CreditDeskIntegrationTest
class StoredSentenceIntegrationTests {

	@Autowired
	private CreditLimitRequestService requests;

	@Autowired
	private CustomerService customers;

	@Autowired
	private MongoTemplate mongo;

	@Test
	void aRequestWithPlainTextDetailsLoadsWithTheTextAsItWas() {
		String customer = as("admin", "ADMIN",
				() -> this.customers.create(new CreateCustomerInput(TestCustomers.uniqueRef(), "Old Shape",
						TestCustomers.uniqueGermanTaxId(), "DE", "SMB", "SILVER", "RETAIL", "EUR", null,
						LocalDate.parse(TestCustomers.SINCE))))
			.id();
		CreditLimitRequest request = as("sales", "SALES",
				() -> this.requests
					.request(new RequestCreditLimitInput(customer, new MoneyInput(DecimalInput.of("8000"), "EUR"),
							RequestType.INCREASE, "Seasonal orders", null, null, null, List.of())));
		assertThat(request.analysis().checks()).isNotEmpty();

		// As the earlier build stored it: the first check's detail and the explanation as
		// text. The template stores an id that is a valid ObjectId as one.
		Object storedId = ObjectId.isValid(request.id()) ? new ObjectId(request.id()) : request.id();
		UpdateResult changed = this.mongo.getCollection(this.mongo.getCollectionName(CreditLimitRequest.class))
			.updateOne(new Document("_id", storedId),
					new Document("$set", new Document("analysis.checks.0.detail", "Within the hard cap's {0} 'as is'.")
						.append("analysis.explanation", "Routed: the amount is above the analyst's authority.")));

		assertThat(changed.getModifiedCount()).isEqualTo(1);

		CreditLimitRequest loaded = this.requests.find(request.id()).orElseThrow();
		Sentence detail = loaded.analysis().checks().get(0).detail();
		assertThat(detail.render(Locale.ENGLISH)).isEqualTo("Within the hard cap's {0} 'as is'.");
		assertThat(detail.render(Locale.GERMAN)).isEqualTo("Within the hard cap's {0} 'as is'.");
		assertThat(loaded.analysis().explanation().english())
			.isEqualTo("Routed: the amount is above the analyst's authority.");
		assertThat(loaded.analysis().checks().subList(1, loaded.analysis().checks().size()))
			.isEqualTo(request.analysis().checks().subList(1, request.analysis().checks().size()));
	}

}
