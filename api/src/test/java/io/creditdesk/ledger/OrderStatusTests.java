package io.creditdesk.ledger;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Which changes each order status allows, and what a credit decision makes of an order:
 * the whole table.
 */
class OrderStatusTests {

	static Stream<Arguments> actions() {
		// status, amendable, cancellable, reopenable, shippable
		return Stream.of(arguments(OrderStatus.OPEN, true, true, false, true),
				arguments(OrderStatus.HELD, true, true, false, false),
				arguments(OrderStatus.REJECTED, false, false, false, false),
				arguments(OrderStatus.CANCELLED, false, false, true, false),
				arguments(OrderStatus.SHIPPED, false, false, false, false));
	}

	@ParameterizedTest
	@MethodSource("actions")
	void eachStatusAllowsItsChangesOnly(OrderStatus status, boolean amendable, boolean cancellable, boolean reopenable,
			boolean shippable) {
		assertThat(status.amendable()).as("amend %s", status).isEqualTo(amendable);
		assertThat(status.cancellable()).as("cancel %s", status).isEqualTo(cancellable);
		assertThat(status.reopenable()).as("reopen %s", status).isEqualTo(reopenable);
		assertThat(status.shippable()).as("ship %s", status).isEqualTo(shippable);
	}

	static Stream<Arguments> decisions() {
		// decision, status of a decided order, status of a reopened one
		return Stream.of(arguments(DecisionStatus.APPROVED, OrderStatus.OPEN, OrderStatus.OPEN),
				arguments(DecisionStatus.PENDING_APPROVAL, OrderStatus.HELD, OrderStatus.HELD),
				arguments(DecisionStatus.REJECTED, OrderStatus.REJECTED, OrderStatus.CANCELLED));
	}

	@ParameterizedTest
	@MethodSource("decisions")
	void aDecisionGivesTheOrderItsStatus(DecisionStatus decision, OrderStatus decided, OrderStatus reopened) {
		assertThat(OrderStatus.decided(decision)).isEqualTo(decided);
		assertThat(OrderStatus.reopened(decision)).isEqualTo(reopened);
	}

}
