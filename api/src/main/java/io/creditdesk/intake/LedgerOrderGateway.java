package io.creditdesk.intake;

import io.creditdesk.common.DecimalInput;
import io.creditdesk.ledger.CreditReasonCode;
import io.creditdesk.ledger.OrderInputs.PlaceOrderInput;
import io.creditdesk.ledger.OrderService;
import io.creditdesk.ledger.OrderService.OrderResult;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The production {@link OrderGateway}: every channel's orders go through exactly the same
 * credit check and atomic reservation as {@code placeOrder}. Consumer threads have no
 * signed-in user, so each order is placed as the integration principal
 * {@code intake-<channel>}, which is what the decision and the audit trail record.
 */
@Component
class LedgerOrderGateway implements OrderGateway {

	private final OrderService orders;

	LedgerOrderGateway(OrderService orders) {
		this.orders = orders;
	}

	@Override
	public GatewayDecision place(CanonicalOrder order) {
		SecurityContext previous = SecurityContextHolder.getContext();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(new UsernamePasswordAuthenticationToken("intake-" + order.channel(), null,
				AuthorityUtils.createAuthorityList("ROLE_INTEGRATION")));
		SecurityContextHolder.setContext(context);
		try {
			OrderResult result = this.orders.place(new PlaceOrderInput(order.orderId(), order.customerId(),
					new DecimalInput(order.amount().toPlainString()), order.currency(), order.channel(),
					order.requestedDeliveryDate()));
			return new GatewayDecision(result.order().id(), result.decision().status().name(),
					CreditReasonCode.names(result.decision().reasonCodes()));
		}
		finally {
			SecurityContextHolder.setContext(previous);
		}
	}

}
