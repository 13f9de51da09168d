package io.creditdesk.intake;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.Money;
import io.creditdesk.common.MoneyBounds;
import io.creditdesk.intake.adapter.ChannelAdapter;
import io.creditdesk.intake.adapter.ChannelOrder;

/**
 * Runs one raw payload through its channel's adapter and the shared normalization, and
 * hands the canonical order to the gateway. Used by the Kafka consumer and by the
 * synchronous replay of failed records, so both take exactly the same path.
 */
public class IntakeProcessor {

	private final Map<IntakeChannel, ChannelAdapter> adapters;

	private final OrderNormalizer normalizer;

	public IntakeProcessor(Map<IntakeChannel, ChannelAdapter> adapters, OrderNormalizer normalizer) {
		this.adapters = Map.copyOf(adapters);
		this.normalizer = normalizer;
	}

	/**
	 * @throws CreditDeskException when the payload is not a valid order of the channel
	 */
	public CanonicalOrder normalize(IntakeChannel channel, String payload) {
		ChannelAdapter adapter = this.adapters.get(channel);
		if (adapter == null) {
			throw CreditDeskException.refuse(IntakeErrorCode.UNKNOWN_CHANNEL, "channel", channel);
		}
		return this.normalizer.normalize(channel, adapter.parse(payload));
	}

	/**
	 * Normalizes and places the order.
	 * @throws CreditDeskException for an invalid or refused order (permanent)
	 * @throws RuntimeException any other: retried only when
	 * {@link TransientFailurePolicy} knows it as transient
	 */
	public GatewayDecision place(IntakeChannel channel, String payload, OrderGateway gateway) {
		return gateway.place(normalize(channel, payload));
	}

	/** What can be told about a payload that failed: best effort, never throws. */
	public Described describe(IntakeChannel channel, String payload) {
		try {
			CanonicalOrder order = normalize(channel, payload);
			return new Described(order.orderId(), new Money(order.amount(), order.currency()), order.customerId());
		}
		catch (RuntimeException notValid) {
			// fall back to what the adapter alone can tell
		}
		try {
			ChannelOrder order = this.adapters.get(channel).parse(payload);
			return new Described(OrderNormalizer.orderId(channel, order.orderNumber()), value(order), null);
		}
		catch (RuntimeException unparsable) {
			ChannelAdapter adapter = this.adapters.get(channel);
			String orderNumber = (adapter != null) ? adapter.orderNumberOf(payload) : null;
			return new Described((orderNumber != null) ? OrderNormalizer.orderId(channel, orderNumber) : null, null,
					null);
		}
	}

	private static Money value(ChannelOrder order) {
		try {
			String currency = Currency.getInstance(order.currency().trim().toUpperCase(Locale.ROOT)).getCurrencyCode();
			BigDecimal total = order.declaredTotal();
			if (total == null) {
				total = order.lines()
					.stream()
					.map(l -> l.quantity().multiply(l.unitPrice()))
					.reduce(BigDecimal.ZERO, BigDecimal::add);
			}
			int digits = Currency.getInstance(currency).getDefaultFractionDigits();
			BigDecimal value = total.setScale(digits, RoundingMode.HALF_UP);
			// A value beyond the bound is no order value to rank or show: the record
			// keeps none.
			return MoneyBounds.exceeds(value) ? null : new Money(value, currency);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/**
	 * @param orderId the order's idempotency key, or null when the payload has no usable
	 * order number
	 * @param value the order value, or null when it could not be worked out
	 * @param customerId the resolved customer, or null
	 */
	public record Described(String orderId, Money value, String customerId) {
	}

}
