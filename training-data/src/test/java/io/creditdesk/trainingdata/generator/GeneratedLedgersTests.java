package io.creditdesk.trainingdata.generator;

import io.creditdesk.scoring.data.InvoiceAggregator;
import io.creditdesk.scoring.history.HistoryResult;
import io.creditdesk.scoring.history.PaymentHistory;
import io.creditdesk.scoring.ledger.CustomerLedger;
import io.creditdesk.scoring.ledger.HistoryOptions;
import io.creditdesk.scoring.ledger.LedgerHistory;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated customers as ledger facts give the histories the invoice path gives for the
 * same invoices.
 */
class GeneratedLedgersTests {

	@Test
	void ledgersOfGeneratedCustomersGiveTheSameHistoriesAsTheirInvoices() {
		GeneratorConfig config = GeneratorConfig.defaults(7, 300);
		LocalDate t = LocalDate.of(2025, 3, 1);
		int compared = 0;
		for (PaymentHistoryGenerator.Customer c : PaymentHistoryGenerator.generate(config)) {
			CustomerLedger ledger = GeneratedLedgers.of(c, config.start(), "EUR");
			assertThat(ledger.invoices()).hasSameSizeAs(c.invoices());
			List<PaymentHistory> viaInvoices = InvoiceAggregator.histories(c.invoices(),
					InvoiceAggregator.Options.defaults().withAsOf(t));
			HistoryResult viaLedger = LedgerHistory.derive(ledger, t, HistoryOptions.defaults());
			assertThat(viaLedger.isAvailable()).isTrue(); // open since January 2024: 12
															// months by March 2025
			if (viaInvoices.size() == 1 && viaInvoices.get(0).length() == 12) {
				assertThat(viaLedger.history()).as(c.id()).isEqualTo(viaInvoices.get(0));
				compared++;
			}
		}
		assertThat(compared).isGreaterThan(250);
	}

}
