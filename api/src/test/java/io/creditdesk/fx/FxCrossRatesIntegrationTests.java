package io.creditdesk.fx;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.GraphQlClients;
import io.creditdesk.TestCustomers;
import io.creditdesk.audit.AuditLog;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.Money;
import io.creditdesk.infrastructure.MongoIndexes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two currencies without a rate between them are converted through the cross currency
 * (EUR by default), as reference rates are published against one currency: HUF into BGN
 * is HUF into EUR times EUR into BGN, each stored either way round, dated the older of
 * the two. A rate of the pair itself comes first; without a rate into the cross currency
 * the conversion is still refused; of a pair stored both ways round, the later counts.
 * The currencies (HUF, BGN, MKD, GEL, AMD) are this class's own, so the rates set here
 * reach no other test.
 */
@CreditDeskIntegrationTest
class FxCrossRatesIntegrationTests {

	private static final LocalDate HUF_DAY = LocalDate.of(2020, 1, 2);

	private static final LocalDate BGN_DAY = LocalDate.of(2020, 1, 3);

	@Autowired
	private HttpGraphQlTester graphQl;

	@Autowired
	private FxRateService fx;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private AuditLog audit;

	@Autowired
	private MongoIndexes indexes;

	@BeforeEach
	void rates() {
		// 1 EUR = 400 HUF; 1 BGN = 0.5 EUR (stored the other way round: EUR into BGN is
		// its inverse, 2).
		rate("EUR", "HUF", "400", HUF_DAY);
		rate("BGN", "EUR", "0.5", BGN_DAY);
	}

	@Test
	void aPairWithoutARateGoesThroughTheCrossCurrency() {
		LocalDate on = LocalDate.of(2020, 1, 10);
		Conversion forint = this.fx.convertStored(new Money(new BigDecimal("4000"), "HUF"), "BGN", on, "currency");
		// 4,000 HUF = 10 EUR = 20 BGN.
		assertThat(forint.converted()).isEqualTo(new Money(new BigDecimal("20.00"), "BGN"));
		assertThat(forint.rate()).isEqualByComparingTo("0.005");
		assertThat(forint.rateDate()).isEqualTo(HUF_DAY);
		Conversion lev = this.fx.convertStored(new Money(new BigDecimal("20"), "BGN"), "HUF", on, "currency");
		assertThat(lev.converted()).isEqualTo(new Money(new BigDecimal("4000.00"), "HUF"));
		assertThat(lev.rate()).isEqualByComparingTo("200");
		// Before the second rate's day there is no cross rate.
		assertThatThrownBy(() -> this.fx.convertStored(new Money(BigDecimal.TEN, "HUF"), "BGN", HUF_DAY, "currency"))
			.isInstanceOfSatisfying(CreditDeskException.class, ex -> assertThat(ex.errors()).singleElement()
				.satisfies(error -> assertThat(error.code().code()).isEqualTo("FX_RATE_MISSING")));
	}

	@Test
	void aRateOfThePairItselfComesFirst() {
		rate("HUF", "BGN", "0.006", LocalDate.of(2020, 2, 1));
		assertThat(this.fx
			.convertStored(new Money(new BigDecimal("4000"), "HUF"), "BGN", LocalDate.of(2020, 2, 1), "currency")
			.converted()).isEqualTo(new Money(new BigDecimal("24.00"), "BGN"));
		// Before it, the cross rate.
		assertThat(this.fx
			.convertStored(new Money(new BigDecimal("4000"), "HUF"), "BGN", LocalDate.of(2020, 1, 31), "currency")
			.converted()).isEqualTo(new Money(new BigDecimal("20.00"), "BGN"));
	}

	@Test
	void aRateSetTheOtherWayRoundLaterThanTheStoredPairIsTheRateFromItsDay() {
		// Currencies of this test alone (GEL, AMD): GEL -> EUR 0.5 stored on 3 January,
		// EUR -> GEL 2.5 set later (1 March) is the rate from then on, for the pair and
		// for the cross rates through it.
		rate("EUR", "AMD", "400", HUF_DAY);
		rate("GEL", "EUR", "0.5", BGN_DAY);
		rate("EUR", "GEL", "2.5", LocalDate.of(2020, 3, 1));
		Conversion later = this.fx.convertStored(new Money(BigDecimal.TEN, "GEL"), "EUR", LocalDate.of(2020, 3, 10),
				"currency");
		assertThat(later.converted()).isEqualTo(new Money(new BigDecimal("4.00"), "EUR"));
		assertThat(later.rateDate()).isEqualTo(LocalDate.of(2020, 3, 1));
		assertThat(this.fx.convertStored(new Money(BigDecimal.TEN, "GEL"), "EUR", LocalDate.of(2020, 2, 28), "currency")
			.converted()).isEqualTo(new Money(new BigDecimal("5.00"), "EUR"));
		// 4,000 AMD = 10 EUR = 25 GEL at the later rate.
		assertThat(this.fx
			.convertStored(new Money(new BigDecimal("4000"), "AMD"), "GEL", LocalDate.of(2020, 3, 10), "currency")
			.converted()).isEqualTo(new Money(new BigDecimal("25.00"), "GEL"));
		// The pair as stored on the same day as its inverse counts.
		rate("GEL", "EUR", "0.3", LocalDate.of(2020, 3, 1));
		assertThat(this.fx.convertStored(new Money(BigDecimal.TEN, "GEL"), "EUR", LocalDate.of(2020, 3, 10), "currency")
			.converted()).isEqualTo(new Money(new BigDecimal("3.00"), "EUR"));
	}

	@Test
	void withoutARateIntoTheCrossCurrencyOrWithoutACrossCurrencyNothingIsConverted() {
		LocalDate on = LocalDate.of(2020, 1, 10);
		assertThatThrownBy(() -> this.fx.convertStored(new Money(BigDecimal.TEN, "MKD"), "HUF", on, "currency"))
			.isInstanceOf(CreditDeskException.class)
			.hasMessageContaining("FX_RATE_MISSING");
		FxRateService none = new FxRateService(this.mongo, this.audit, Clock.systemUTC(), this.indexes, " ");
		assertThatThrownBy(() -> none.convertStored(new Money(BigDecimal.TEN, "HUF"), "BGN", on, "currency"))
			.isInstanceOf(CreditDeskException.class)
			.hasMessageContaining("FX_RATE_MISSING");
		assertThatThrownBy(() -> new FxRateService(this.mongo, this.audit, Clock.systemUTC(), this.indexes, "EURO"))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("creditdesk.fx.cross-currency");
	}

	@Test
	void anOrderInACurrencyWithoutADirectRateIsConvertedAtTheCrossRate() {
		String customer = TestCustomers.create(GraphQlClients.as(this.graphQl, "admin"), "FX_CROSS", "SILVER", "RETAIL",
				"BGN");
		TestCustomers.setLimit(GraphQlClients.as(this.graphQl, "admin"), customer, "1000");
		GraphQlTester.Response placed = GraphQlClients.as(this.graphQl, "sales")
			.document("mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { "
					+ "decision { status } order { creditAmount { amount currency } fxRate fxRateDate } userErrors { code } } }")
			.variable("input",
					Map.of("orderId", "fx-cross-" + customer, "customerId", customer, "amount", "4000", "currency",
							"HUF"))
			.execute();
		placed.path("placeOrder.userErrors").entityList(Object.class).hasSize(0);
		placed.path("placeOrder.decision.status").entity(String.class).isEqualTo("APPROVED");
		placed.path("placeOrder.order.creditAmount.amount")
			.entity(BigDecimal.class)
			.satisfies(amount -> assertThat(amount).isEqualByComparingTo("20.00"));
		placed.path("placeOrder.order.fxRate")
			.entity(BigDecimal.class)
			.satisfies(rate -> assertThat(rate).isEqualByComparingTo("0.005"));
		placed.path("placeOrder.order.fxRateDate").entity(String.class).isEqualTo(HUF_DAY.toString());
	}

	private void rate(String base, String quote, String rate, LocalDate validOn) {
		GraphQlClients.as(this.graphQl, "cfo")
			.document("mutation($input: SetFxRateInput!) { setFxRate(input: $input) { userErrors { code } } }")
			.variable("input",
					Map.of("base", base, "quote", quote, "rate", rate, "validOn", validOn.toString(), "reason",
							"cross rates test"))
			.execute()
			.path("setFxRate.userErrors")
			.entityList(Object.class)
			.hasSize(0);
	}

}
