package io.creditdesk.demo;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.creditdesk.GraphQlClients;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.tester.AutoConfigureHttpGraphQlTester;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo portfolio as a newcomer meets it: seeded at start (a small one here), with exchange
 * rates for every currency its customers use, so the Finance KPIs in EUR answer in full.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "creditdesk.demo.enabled=true", "creditdesk.demo.customers=40" })
@AutoConfigureHttpGraphQlTester
@ActiveProfiles("test")
class DemoPortfolioIntegrationTests {

	@Autowired
	private HttpGraphQlTester graphQl;

	@Test
	void everyCurrencyOfTheDemoHasARateIntoEuro() {
		HttpGraphQlTester cfo = GraphQlClients.as(this.graphQl, "cfo");
		List<Map<String, Object>> customers = cfo.document("{ customers(first: 200) { edges { node { creditCurrency } } } }")
			.execute()
			.path("customers.edges[*].node")
			.entityList(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
		Set<String> currencies = new TreeSet<>();
		customers.forEach(customer -> currencies.add((String) customer.get("creditCurrency")));
		assertThat(currencies).as("the demo has customers in more than one currency").contains("EUR", "GBP", "USD");
		for (String currency : currencies) {
			if (!currency.equals("EUR")) {
				cfo.document("{ fxRates(base: \"" + currency + "\", quote: \"EUR\") { rate } }")
					.execute()
					.path("fxRates")
					.entityList(Object.class)
					.hasSizeGreaterThan(0);
			}
		}
	}

	@Test
	void portfolioKpisInEuroAnswerInFullOnTheDemo() {
		GraphQlTester.Response kpis = GraphQlClients.as(this.graphQl, "cfo")
			.document("{ portfolioKpis { customersWithLimit averageUtilization receivablesAtEnd { amount currency } "
					+ "creditSales { amount currency } dso dsoMethod } }")
			.execute();
		kpis.errors().verify();
		kpis.path("portfolioKpis.receivablesAtEnd.currency").entity(String.class).isEqualTo("EUR");
		assertThat(kpis.path("portfolioKpis.creditSales.amount").entity(String.class).get()).isNotEqualTo("0.00");
		assertThat(kpis.path("portfolioKpis.customersWithLimit").entity(Integer.class).get()).isPositive();
	}

	@Test
	void theDemoSeedsARateForEveryCurrencyItsCompaniesUse() {
		Set<String> foreign = new TreeSet<>(DemoCompany.currencies());
		foreign.remove("EUR");
		assertThat(DemoPortfolioSeeder.DEMO_RATES_TO_EUR).containsOnlyKeys(foreign);
	}

}
