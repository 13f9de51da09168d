package io.creditdesk.risk;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.creditdesk.scoring.ledger.CustomerLedger;
import io.creditdesk.scoring.ledger.ImportedMonths;
import io.creditdesk.scoring.ledger.LedgerInvoice;
import io.creditdesk.trainingdata.generator.GeneratedLedgers;
import io.creditdesk.trainingdata.generator.GeneratorConfig;
import io.creditdesk.trainingdata.generator.PaymentHistoryGenerator;

/**
 * A test {@link CustomerLedgers}: a generated portfolio (the training-data generator, as
 * the demo uses it) whose 18 months end with the clock's current month, as a live
 * ledger's would. The real implementation reads the service's ledger.
 */
public class GeneratedCustomerLedgers implements CustomerLedgers {

	private final List<CustomerLedger> ledgers;

	public GeneratedCustomerLedgers(Clock clock, long seed, int customers) {
		LocalDate start = YearMonth.now(clock).minusMonths(17).atDay(1);
		GeneratorConfig config = new GeneratorConfig(seed, customers, start, 18);
		this.ledgers = PaymentHistoryGenerator.generate(config)
			.stream()
			.map(customer -> GeneratedLedgers.of(customer, start, "EUR"))
			.toList();
	}

	public List<CustomerLedger> ledgers() {
		return this.ledgers;
	}

	@Override
	public Map<String, Facts> of(Collection<String> customerIds) {
		Map<String, Facts> byId = new LinkedHashMap<>();
		this.ledgers.stream()
			.filter(l -> customerIds.contains(l.customerId()))
			.forEach(l -> byId.put(l.customerId(), facts(l)));
		return byId;
	}

	@Override
	public void forEach(Optional<String> segment, Consumer<Facts> consumer) {
		this.ledgers.stream()
			.filter(l -> segment.isEmpty() || segment.get().equals(l.segment()))
			.map(this::facts)
			.forEach(consumer);
	}

	@Override
	public Optional<LocalDate> firstDay() {
		return this.ledgers.stream()
			.flatMap(l -> l.invoices().stream())
			.map(LedgerInvoice::issueDate)
			.min(Comparator.naturalOrder());
	}

	private Facts facts(CustomerLedger ledger) {
		return new Facts(ledger, ImportedMonths.none(ledger.customerId()));
	}

}
