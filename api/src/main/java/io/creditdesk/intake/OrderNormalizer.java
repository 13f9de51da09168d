package io.creditdesk.intake;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.Money;
import io.creditdesk.common.MoneyBounds;
import io.creditdesk.common.UserError;
import io.creditdesk.common.Validation;
import io.creditdesk.intake.CustomerDirectory.KnownCustomer;
import io.creditdesk.intake.adapter.ChannelOrder;
import io.creditdesk.intake.adapter.ChannelOrder.CustomerRef;

/**
 * The rules every channel shares, tuned so that harmless variations are accepted and only
 * truly invalid orders are refused: codes are trimmed and upper-cased; the customer is
 * found by external reference (ignoring case when unambiguous) or else by country and
 * normalized tax id; a missing currency is the customer's credit currency; the amount is
 * the sum of quantity x unit price rounded half up to the currency's minor unit, and a
 * stated total is accepted when it equals that sum or the sum of the lines each rounded
 * to the minor unit (channels that round per line). Every amount is held to
 * {@link MoneyBounds}: a sum of lines or a stated total of 10^15 or more is
 * {@code AMOUNT_OUT_OF_RANGE}.
 */
public class OrderNormalizer {

	static final int MAX_ORDER_NUMBER = 64;

	private final CustomerDirectory customers;

	/**
	 * Checks the date a channel gives an order (the ledger's {@code DocumentDates}); none
	 * for channels tested alone.
	 */
	@FunctionalInterface
	public interface OrderDateRule {

		Optional<UserError> check(String field, LocalDate orderDate);

	}

	private final OrderDateRule orderDates;

	/** Without a check of order dates: for adapters and samples tested on their own. */
	public OrderNormalizer(CustomerDirectory customers) {
		this(customers, (field, date) -> Optional.empty());
	}

	public OrderNormalizer(CustomerDirectory customers, OrderDateRule orderDates) {
		this.orderDates = orderDates;
		this.customers = customers;
	}

	/**
	 * @throws io.creditdesk.common.CreditDeskException with every problem found (e.g.
	 * {@code UNKNOWN_CUSTOMER}, {@code AMBIGUOUS_CUSTOMER}, {@code UNKNOWN_CURRENCY},
	 * {@code AMOUNT_MISMATCH}, {@code INVALID_QUANTITY}, {@code AMOUNT_OUT_OF_RANGE})
	 */
	public CanonicalOrder normalize(IntakeChannel channel, ChannelOrder order) {
		Validation v = new Validation();
		String orderNumber = orderNumber(v, order.orderNumber());
		KnownCustomer customer = customer(v, order.customer());
		String currency = null;
		if (order.currency() != null && !order.currency().isBlank()) {
			currency = v.currency("currency", order.currency());
		}
		else if (customer != null) {
			// The channel left the currency out (EDI CUR is optional): the account's
			// credit currency applies.
			currency = customer.creditCurrency();
		}
		else {
			v.reject(CommonErrorCode.REQUIRED.variant("currencyUnknownCustomer"), "currency");
		}
		if (order.orderDate() != null) {
			this.orderDates.check("orderDate", order.orderDate()).ifPresent(v::reject);
		}
		List<CanonicalOrder.Line> lines = lines(v, order.lines());
		BigDecimal amount = (currency != null && !v.hasErrors()) ? amount(v, order, lines, currency) : null;
		v.throwIfInvalid();
		return new CanonicalOrder(channel.code() + ":" + orderNumber, channel.code(), orderNumber, customer.id(),
				amount, currency, order.requestedDeliveryDate(), lines);
	}

	/** The idempotency key of the order, or null when the order number is unusable. */
	public static String orderId(IntakeChannel channel, String orderNumber) {
		String normalized = normalizeOrderNumber(orderNumber);
		return (normalized == null || normalized.isEmpty() || normalized.length() > MAX_ORDER_NUMBER) ? null
				: channel.code() + ":" + normalized;
	}

	private static String normalizeOrderNumber(String raw) {
		return (raw == null) ? null : raw.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
	}

	private static String orderNumber(Validation v, String raw) {
		if (Validation.isBlank(raw)) {
			v.reject(CommonErrorCode.REQUIRED.variant("orderNumber"), "orderNumber");
			return null;
		}
		// The rule of ids everywhere (Validation#id), as the adapters read it with the
		// channel's field: no control character (tab included) and no invisible
		// formatting one, checked before blanks inside are collapsed, so that none
		// becomes a space of the order id.
		String id = v.id("orderNumber", raw, Integer.MAX_VALUE);
		if (id == null) {
			return null;
		}
		String number = normalizeOrderNumber(id);
		if (number.length() > MAX_ORDER_NUMBER) {
			v.reject(CommonErrorCode.TOO_LONG.variant("orderNumber"), "orderNumber", MAX_ORDER_NUMBER);
			return null;
		}
		return number;
	}

	private KnownCustomer customer(Validation v, CustomerRef ref) {
		if (ref == null || (!ref.hasExternalRef() && !ref.hasTaxId())) {
			v.reject(CommonErrorCode.REQUIRED.variant("customerRef"), "customer");
			return null;
		}
		List<String> sharing = List.of();
		if (ref.hasExternalRef()) {
			Optional<KnownCustomer> found = this.customers.byExternalRef(ref.externalRef());
			if (found.isPresent()) {
				return found.get();
			}
			sharing = this.customers.sharingExternalRef(ref.externalRef());
		}
		String country = ref.countryCode();
		if (ref.hasTaxId()) {
			String taxId = ref.taxId().trim();
			if ((country == null || country.isBlank()) && taxId.length() > 2 && Character.isLetter(taxId.charAt(0))
					&& Character.isLetter(taxId.charAt(1))) {
				country = taxId.substring(0, 2);
			}
			if (country != null && !country.isBlank()) {
				Optional<KnownCustomer> found = this.customers.byTaxId(country, taxId);
				if (found.isPresent()) {
					return found.get();
				}
			}
		}
		String field = ref.hasExternalRef() ? "customer.externalRef" : "customer.taxId";
		if (!sharing.isEmpty()) {
			// Customers stored before references had to be unique ignoring case: which
			// one is meant is for a person to decide, not for the first one found.
			v.reject(IntakeErrorCode.AMBIGUOUS_CUSTOMER, "customer.externalRef",
					UserError.quoted(ref.externalRef().trim()), sharing);
			return null;
		}
		String countryCode = (country != null && !country.isBlank()) ? country.trim().toUpperCase(Locale.ROOT) : null;
		if (!ref.hasTaxId()) {
			v.reject(IntakeErrorCode.UNKNOWN_CUSTOMER.variant("externalRef"), field,
					UserError.quoted(ref.externalRef().trim()));
		}
		else if (!ref.hasExternalRef()) {
			v.reject(IntakeErrorCode.UNKNOWN_CUSTOMER.variant((countryCode != null) ? "taxId" : "taxIdNoCountry"),
					field, UserError.quoted(ref.taxId().trim()), countryCode);
		}
		else {
			v.reject(IntakeErrorCode.UNKNOWN_CUSTOMER.variant((countryCode != null) ? "both" : "bothNoCountry"), field,
					UserError.quoted(ref.externalRef().trim()), UserError.quoted(ref.taxId().trim()), countryCode);
		}
		return null;
	}

	private static List<CanonicalOrder.Line> lines(Validation v, List<ChannelOrder.Line> lines) {
		if (lines.isEmpty()) {
			v.reject(IntakeErrorCode.NO_LINES, "lines");
		}
		List<CanonicalOrder.Line> result = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			ChannelOrder.Line line = lines.get(i);
			String field = "lines[" + i + "]";
			if (line.quantity().signum() <= 0) {
				v.reject(IntakeErrorCode.INVALID_QUANTITY, field + ".quantity", i + 1, line.quantity());
			}
			if (line.unitPrice().signum() < 0) {
				v.reject(CommonErrorCode.NEGATIVE_AMOUNT.variant("unitPrice"), field + ".unitPrice", i + 1,
						line.unitPrice());
			}
			result.add(new CanonicalOrder.Line(line.sku().trim().toUpperCase(Locale.ROOT), line.quantity(),
					line.unitPrice()));
		}
		return result;
	}

	private static BigDecimal amount(Validation v, ChannelOrder order, List<CanonicalOrder.Line> lines,
			String currency) {
		int digits = Currency.getInstance(currency).getDefaultFractionDigits();
		BigDecimal exact = BigDecimal.ZERO;
		BigDecimal perLine = BigDecimal.ZERO;
		for (CanonicalOrder.Line line : lines) {
			BigDecimal value = line.quantity().multiply(line.unitPrice());
			exact = exact.add(value);
			perLine = perLine.add(value.setScale(digits, RoundingMode.HALF_UP));
		}
		BigDecimal computed = exact.setScale(digits, RoundingMode.HALF_UP);
		if (MoneyBounds.exceeds(computed)) {
			// Each quantity and price is bound; their products are bound here, before
			// anything is stored.
			v.reject(CommonErrorCode.AMOUNT_OUT_OF_RANGE.variant("lines"), "lines", new Money(computed, currency),
					MoneyBounds.beyond(), MoneyBounds.MAX_INTEGER_DIGITS);
			return null;
		}
		BigDecimal declared = order.declaredTotal();
		if (declared == null) {
			return computed;
		}
		if (declared.signum() < 0) {
			v.reject(CommonErrorCode.NEGATIVE_AMOUNT.variant("total"), "total", declared);
			return null;
		}
		BigDecimal stated = v.amount("total", declared, currency);
		if (stated == null) {
			return null;
		}
		if (stated.compareTo(computed) != 0 && stated.compareTo(perLine) != 0) {
			v.reject(IntakeErrorCode.AMOUNT_MISMATCH, "total", new Money(stated, currency),
					new Money(computed, currency));
			return null;
		}
		return stated;
	}

}
