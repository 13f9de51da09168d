package io.creditdesk.graphql;

import java.util.List;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.GraphQlClients;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refusal's message in the caller's language: German from the catalogue where it has
 * the code's sentence, the service's own English sentence otherwise (and always without
 * {@code Accept-Language}).
 */
@CreditDeskIntegrationTest
class UserErrorMessagesIntegrationTests {

	private static final String PLACE = "mutation { placeOrder(input: {orderId: \"\", customerId: \"missing-customer\", amount: \"0\", currency: \"EUR\"}) { userErrors { field code message } } }";

	@Autowired
	private HttpGraphQlTester graphQl;

	record Error(String field, String code, String message) {
	}

	@Test
	void germanWhereTheCatalogueHasTheSentenceEnglishOtherwise() {
		assertThat(place(null)).contains(new Error("orderId", "REQUIRED", "orderId is required."));
		List<Error> german = place("de");
		assertThat(german).contains(new Error("orderId", "REQUIRED", "orderId ist erforderlich."));
		// A code the German catalogue does not translate keeps the service's sentence.
		List<Error> untranslated = place(null).stream().filter(error -> !error.code().equals("REQUIRED")).toList();
		assertThat(untranslated).isNotEmpty();
		assertThat(german).containsAll(untranslated);
	}

	@Test
	void anUntranslatedSentenceIsShownAsTheServiceWroteIt() {
		String unknownCustomer = "mutation { placeOrder(input: {orderId: \"messages-1\", customerId: \"missing-customer\", amount: \"1\", currency: \"EUR\"}) { userErrors { field code message } } }";
		for (String language : new String[] { null, "fr" }) {
			assertThat(run(unknownCustomer, language)).singleElement()
				.satisfies(error -> assertThat(error.message()).contains("'missing-customer'"));
		}
	}

	private List<Error> place(String language) {
		return run(PLACE, language);
	}

	private List<Error> run(String document, String language) {
		HttpGraphQlTester sales = GraphQlClients.as(this.graphQl, "sales");
		if (language != null) {
			sales = sales.mutate().header("Accept-Language", language).build();
		}
		return sales.document(document).execute().path("placeOrder.userErrors").entityList(Error.class).get();
	}

}
