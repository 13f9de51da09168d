package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.util.List;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.Money;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a shipment or invoice of an order takes in the credit currency. 1 USD is 0.92 EUR:
 * 1000.01 USD is 920.01 EUR.
 */
class OrderRestsTests {

	private static Order usd(String shippedCredit, String invoicedCredit, String shipped, String invoiced) {
		return order(Money.of("1000.01", "USD"), Money.of("920.01", "EUR"), new BigDecimal("0.92"), shippedCredit,
				invoicedCredit, shipped, invoiced);
	}

	private static Order order(Money amount, Money credit, BigDecimal rate, String shippedCredit, String invoicedCredit,
			String shipped, String invoiced) {
		return new Order("O-1", "C-1", null, "API", amount, credit, rate, null, null, false, OrderStatus.OPEN, null,
				new BigDecimal(shippedCredit), new BigDecimal(invoicedCredit),
				(shipped != null) ? new BigDecimal(shipped) : null,
				(invoiced != null) ? new BigDecimal(invoiced) : null, List.of(), List.of(), null, "x", null, null, "f",
				null, 1);
	}

	@Test
	void theShipmentThatCompletesTheOrderInItsCurrencyTakesTheExactOpenRest() {
		// 999.99 USD shipped as three parts of 306.66 EUR.
		Order order = usd("919.98", "0", "999.99", "0");
		OrderRests.Shipment rest = OrderRests.shipment(order, null);
		assertThat(rest.credit()).isEqualByComparingTo("0.03");
		assertThat(rest.shipped()).isEqualTo(Money.of("0.02", "USD"));
		assertThat(rest.complete()).isTrue();
		assertThat(rest.shippedAfter()).isEqualByComparingTo("1000.01");
		OrderRests.Shipment same = OrderRests.shipment(order, Money.of("0.02", "USD"));
		assertThat(same.credit()).isEqualByComparingTo("0.03");
		assertThat(same.complete()).isTrue();
		// A part: converted, not complete though one cent off the open rest in euros.
		OrderRests.Shipment part = OrderRests.shipment(usd("0", "0", "0", "0"), Money.of("1000.00", "USD"));
		assertThat(part.credit()).isEqualByComparingTo("920.00");
		assertThat(part.complete()).isFalse();
		// Beyond the order: the open rest and the excess converted, the order raised by
		// the excess in dollars exactly.
		OrderRests.Shipment beyond = OrderRests.shipment(order, Money.of("1.02", "USD"));
		assertThat(beyond.credit()).isEqualByComparingTo("0.95");
		assertThat(beyond.amountAfter()).isEqualTo(Money.of("1001.01", "USD"));
		assertThat(beyond.complete()).isTrue();
	}

	@Test
	void theInvoiceThatCompletesTheShippedPartInTheOrderCurrencyTakesTheExactRest() {
		Order order = usd("920.01", "919.98", "1000.01", "999.99");
		assertThat(OrderRests.invoice(order, Money.of("0.02", "USD"))).isEqualByComparingTo("0.03");
		assertThat(OrderRests.invoice(order, Money.of("0.01", "USD"))).isEqualByComparingTo("0.01");
		assertThatThrownBy(() -> OrderRests.invoice(order, Money.of("0.03", "USD")))
			.isInstanceOfSatisfying(CreditDeskException.class, ex -> {
				assertThat(ex.errors()).singleElement().satisfies(error -> {
					assertThat(error.code()).isEqualTo(LedgerErrorCode.INVOICE_EXCEEDS_SHIPPED);
					assertThat(error.field()).isEqualTo("amount");
				});
			});
		Order invoiced = usd("920.01", "920.01", "1000.01", "1000.01");
		assertThatThrownBy(() -> OrderRests.invoice(invoiced, Money.of("0.01", "USD")))
			.isInstanceOf(CreditDeskException.class);
	}

	@Test
	void anOrderStoredBeforeItKeptItsOwnCurrencyIsTakenAsBefore() {
		// Shipped and invoiced in part, its dollars unknown: one cent off the open rest
		// in euros is that rest, and the 0.02 USD invoice is 0.02 EUR of the 0.03 left.
		Order order = usd("306.66", "0", null, null);
		assertThat(order.shippedInOrderCurrency()).isNull();
		OrderRests.Shipment rest = OrderRests.shipment(order, Money.of("666.67", "USD"));
		assertThat(rest.credit()).isEqualByComparingTo("613.35");
		assertThat(rest.complete()).isTrue();
		assertThat(rest.shippedAfter()).isNull();
		Order shipped = usd("920.01", "919.98", null, null);
		assertThat(OrderRests.invoice(shipped, Money.of("0.02", "USD"))).isEqualByComparingTo("0.02");
		// Nothing shipped or invoiced yet: nothing to not know.
		assertThat(usd("0", "0", null, null).shippedInOrderCurrency()).isEqualByComparingTo("0");
		assertThat(usd("0", "0", null, null).invoicedInOrderCurrency()).isEqualByComparingTo("0");
	}

	@Test
	void anOrderInTheCreditCurrencyIsTakenToTheCent() {
		Order order = order(Money.of("40.00", "EUR"), Money.of("40.00", "EUR"), BigDecimal.ONE, "0", "0", null, null);
		OrderRests.Shipment part = OrderRests.shipment(order, Money.of("39.99", "EUR"));
		assertThat(part.credit()).isEqualByComparingTo("39.99");
		assertThat(part.complete()).isFalse();
		Order shipped = order(Money.of("40.00", "EUR"), Money.of("40.00", "EUR"), BigDecimal.ONE, "39.99", "0", null,
				null);
		assertThat(shipped.shippedInOrderCurrency()).isEqualByComparingTo("39.99");
		assertThat(OrderRests.invoice(shipped, Money.of("39.99", "EUR"))).isEqualByComparingTo("39.99");
		assertThatThrownBy(() -> OrderRests.invoice(shipped, Money.of("40.00", "EUR")))
			.isInstanceOf(CreditDeskException.class);
	}

}
