package io.creditdesk.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.DecimalInput;
import io.creditdesk.customer.Customer;
import io.creditdesk.customer.CustomerService;
import io.creditdesk.customer.CustomerStatus;
import io.creditdesk.ledger.DecisionStatus;
import io.creditdesk.ledger.InvoiceInputs.IssueInvoiceInput;
import io.creditdesk.ledger.InvoiceInputs.RecordPaymentInput;
import io.creditdesk.ledger.InvoiceService;
import io.creditdesk.ledger.OrderInputs.PlaceOrderInput;
import io.creditdesk.ledger.OrderInputs.ShipOrderInput;
import io.creditdesk.ledger.OrderService;
import io.creditdesk.scoring.data.Invoice;
import io.creditdesk.trainingdata.generator.GeneratorConfig;
import io.creditdesk.trainingdata.generator.PaymentHistoryGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Ledger activity for the demo portfolio: invoices and payments over the last 14 months
 * with the payment behaviour of the {@code training-data} generator (all dated in the
 * past, some overdue, some customers defaulted), so the scores show grades A to E, then
 * orders through the credit check (some held) and shipments today, so exposure, overdue,
 * DSO, payment histories and the Finance worklist show real figures. Document ids derive
 * from the customer's external reference, so a re-run is idempotent.
 */
@Component
@ConditionalOnProperty(name = "creditdesk.demo.enabled", havingValue = "true")
class DemoActivity {

	/**
	 * How far back the demo's ledger history goes: scoring needs at least 12 monthly
	 * statements.
	 */
	static final int HISTORY_MONTHS = 14;

	/** At most this many invoices a month per customer, to keep seeding quick. */
	static final int INVOICES_PER_MONTH = 2;

	/** The generator's seed: the same demo every time. */
	private static final long GENERATOR_SEED = 20261205L;

	private static final Logger log = LoggerFactory.getLogger(DemoActivity.class);

	private final CustomerService customers;

	private final OrderService orders;

	private final InvoiceService invoices;

	private final Clock clock;

	DemoActivity(CustomerService customers, OrderService orders, InvoiceService invoices, Clock clock) {
		this.customers = customers;
		this.orders = orders;
		this.invoices = invoices;
		this.clock = clock;
	}

	int seed(int size) {
		Random random = new Random(42);
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		// The simulation starts before the demo's history and runs past today; only what
		// happened before today is booked.
		List<PaymentHistoryGenerator.Customer> behaviour = PaymentHistoryGenerator.generate(new GeneratorConfig(
				GENERATOR_SEED, size, today.minusMonths(HISTORY_MONTHS + 3L).withDayOfMonth(1), HISTORY_MONTHS + 6));
		int documents = 0;
		for (int i = 1; i <= size; i++) {
			String ref = String.format("DEMO-%04d", i);
			Customer customer = this.customers.getByExternalRef(ref).orElse(null);
			if (customer == null || customer.status() != CustomerStatus.ACTIVE || customer.creditLimit() == null) {
				continue;
			}
			double limit = customer.creditLimit().amount().amount().doubleValue();
			String currency = customer.creditCurrency();
			try {
				documents += history(ref, customer, limit, currency, today, behaviour.get(i - 1));
				// Current business: open orders, some shipped; big ones may be held for
				// Finance.
				for (int k = 0; k < 1 + random.nextInt(3); k++) {
					String orderId = ref + "-SO-" + k;
					String amount = amount(
							limit * (0.05 + random.nextDouble() * ((random.nextInt(8) == 0) ? 0.9 : 0.25)));
					var result = this.orders
						.place(new PlaceOrderInput(orderId, customer.id(), new DecimalInput(amount), currency,
								(random.nextBoolean() ? "WEBSHOP" : "EDI"), today.plusDays(3 + random.nextInt(40))));
					documents++;
					if (result.decision().status() == DecisionStatus.APPROVED && random.nextInt(3) == 0) {
						this.orders.ship(new ShipOrderInput(orderId, orderId + "-SH1", null));
						documents++;
					}
				}
			}
			catch (CreditDeskException ex) {
				log.debug("Demo activity for {} stopped: {}", ref, ex.getMessage());
			}
			if (i % 40 == 0 || i == size) {
				log.info("Seeding demo portfolio: ledger activity {}/{} customers ({} documents)", i, size, documents);
			}
		}
		return documents;
	}

	/**
	 * Past business from the {@code training-data} generator (the payment behaviour of
	 * generated customer {@code i}, not random noise): its invoices of the last
	 * {@link #HISTORY_MONTHS} months, at most {@value #INVOICES_PER_MONTH} a month (to
	 * keep seeding quick), their amounts scaled from the generated limit to the
	 * customer's, each paid on the day the simulation settled it. Everything is dated in
	 * the past: a payment that would fall after today has not happened yet, so that
	 * invoice is still open. A short payment of at most 10 % (a dispute) is paid in full,
	 * as the ledger would date the credit note for the rest today; a larger one (a
	 * defaulted customer's partial recovery) leaves the rest open, overdue.
	 */
	private int history(String ref, Customer customer, double limit, String currency, LocalDate today,
			PaymentHistoryGenerator.Customer generated) {
		int documents = 0;
		LocalDate from = today.minusMonths(HISTORY_MONTHS).withDayOfMonth(1);
		double generatedLimit = generated.invoices()
			.stream()
			.filter(Invoice::hasCreditLimit)
			.mapToDouble(Invoice::creditLimit)
			.findFirst()
			.orElse(limit);
		double scale = limit / generatedLimit;
		Map<YearMonth, Integer> perMonth = new HashMap<>();
		for (Invoice invoice : generated.invoices()) {
			LocalDate date = invoice.invoiceDate();
			if (date.isBefore(from) || !date.isBefore(today)
					|| perMonth.merge(YearMonth.from(date), 1, Integer::sum) > INVOICES_PER_MONTH) {
				continue;
			}
			String amount = amount(invoice.amount() * scale);
			String invoiceId = ref + "-INV-" + invoice.invoiceId();
			this.invoices.issue(new IssueInvoiceInput(invoiceId, customer.id(), null, new DecimalInput(amount),
					currency, date, true, "Demo history"));
			documents++;
			LocalDate settled = invoice.settledDate();
			if (settled == null || settled.isAfter(today) || invoice.paidAmount() <= 0) {
				continue;
			}
			double share = invoice.paidAmount() / invoice.amount();
			String paid = (share >= 0.9) ? amount : amount(invoice.paidAmount() * scale);
			this.invoices.recordPayment(new RecordPaymentInput(invoiceId + "-PAY", invoiceId, new DecimalInput(paid),
					currency, settled.isBefore(date) ? date : settled));
			documents++;
		}
		return documents;
	}

	private static String amount(double value) {
		return String.valueOf(Math.max(100, Math.round(value / 10) * 10));
	}

}
