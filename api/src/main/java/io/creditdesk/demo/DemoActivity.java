package io.creditdesk.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Ledger activity for the demo portfolio: invoices and payments over the last 14 months
 * (all dated in the past, some overdue), then orders through the credit check (some held)
 * and shipments today, so exposure, overdue, DSO, payment histories and the Finance
 * worklist show real figures. Document ids derive from the customer's external reference,
 * so a re-run is idempotent.
 */
@Component
@ConditionalOnProperty(name = "creditdesk.demo.enabled", havingValue = "true")
class DemoActivity {

	/**
	 * How far back the demo's ledger history goes: scoring needs at least 12 monthly
	 * statements.
	 */
	static final int HISTORY_MONTHS = 14;

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
				documents += history(ref, customer, limit, currency, today, random);
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
	 * Past business: an invoice in each of the last {@link #HISTORY_MONTHS} months (a
	 * second one in some), every one dated in the past; most paid on time, some late, a
	 * few not yet. A payment is never before its invoice nor after today: one that would
	 * fall after today has not happened yet, so that invoice is still open (and overdue
	 * once past its due date).
	 */
	private int history(String ref, Customer customer, double limit, String currency, LocalDate today, Random random) {
		int documents = 0;
		int k = 0;
		for (int month = HISTORY_MONTHS; month >= 1; month--) {
			LocalDate monthStart = today.minusMonths(month).withDayOfMonth(1);
			for (int n = (random.nextInt(4) == 0) ? 2 : 1; n > 0; n--) {
				// Months before the current one, so every date is in the past.
				LocalDate date = monthStart.plusDays(random.nextInt(monthStart.lengthOfMonth()));
				String amount = amount(limit * (0.02 + random.nextDouble() * 0.05));
				String invoiceId = ref + "-INV-" + k++;
				this.invoices.issue(new IssueInvoiceInput(invoiceId, customer.id(), null, new DecimalInput(amount),
						currency, date, true, "Demo history"));
				documents++;
				int fate = random.nextInt(10);
				LocalDate paid = (fate < 7) ? date.plusDays(5 + random.nextInt(30))
						: (fate < 9) ? date.plusDays(35 + random.nextInt(60)) : null;
				if (paid != null && !paid.isAfter(today)) {
					this.invoices.recordPayment(new RecordPaymentInput(invoiceId + "-PAY", invoiceId,
							new DecimalInput(amount), currency, paid));
					documents++;
				}
			}
		}
		return documents;
	}

	private static String amount(double value) {
		return String.valueOf(Math.max(100, Math.round(value / 10) * 10));
	}

}
