package io.creditdesk.trainingdata.generator;

import io.creditdesk.scoring.data.Invoice;
import io.creditdesk.scoring.data.InvoiceAggregator;
import io.creditdesk.scoring.history.LabeledHistory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class PaymentHistoryGeneratorTests {

	@Test
	void sameSeedSameDataAndSmallRunsArePrefixesOfLargeOnes() {
		List<PaymentHistoryGenerator.Customer> a = PaymentHistoryGenerator.generate(GeneratorConfig.defaults(1, 50));
		List<PaymentHistoryGenerator.Customer> b = PaymentHistoryGenerator.generate(GeneratorConfig.defaults(1, 50));
		List<PaymentHistoryGenerator.Customer> big = PaymentHistoryGenerator.generate(GeneratorConfig.defaults(1, 80));
		List<PaymentHistoryGenerator.Customer> other = PaymentHistoryGenerator
			.generate(GeneratorConfig.defaults(2, 50));
		assertThat(a).isEqualTo(b);
		assertThat(big.subList(0, 50)).isEqualTo(a);
		assertThat(other).isNotEqualTo(a);
	}

	@Test
	void baseRatesArePlausibleForB2bReceivables() {
		GeneratorConfig config = GeneratorConfig.defaults(7, 1500);
		List<PaymentHistoryGenerator.Customer> customers = PaymentHistoryGenerator.generate(config);
		GeneratorStats stats = GeneratorStats.of(customers, config);
		// Documented targets (training-data README): about a third of invoices late, DSO
		// 45-65 days, 2-8 % of customers defaulting a year.
		assertThat(stats.lateShare()).isBetween(0.28, 0.45);
		assertThat(stats.dso()).isBetween(45.0, 65.0);
		assertThat(stats.annualDefault()).isBetween(0.02, 0.08);
		List<LabeledHistory> labelled = InvoiceAggregator.labeled(PaymentHistoryGenerator.invoices(customers),
				InvoiceAggregator.Options.defaults());
		double positive = labelled.stream().filter(LabeledHistory::defaulted).count() / (double) labelled.size();
		assertThat(positive).isBetween(0.05, 0.18);
	}

	@Test
	void everySegmentAndTrajectoryOccursAndInvoicesAreConsistent() {
		List<PaymentHistoryGenerator.Customer> customers = PaymentHistoryGenerator
			.generate(GeneratorConfig.defaults(3, 400));
		assertThat(customers.stream().map(PaymentHistoryGenerator.Customer::segment).collect(Collectors.toSet()))
			.containsExactlyInAnyOrder(Segment.values());
		assertThat(customers.stream().map(PaymentHistoryGenerator.Customer::trajectory).collect(Collectors.toSet()))
			.isEqualTo(Set.of("stable", "deteriorating", "recovering"));
		List<Invoice> invoices = PaymentHistoryGenerator.invoices(customers);
		assertThat(invoices).allSatisfy(i -> {
			assertThat(i.dueDate()).isAfterOrEqualTo(i.invoiceDate());
			if (i.settledDate() != null) {
				assertThat(i.settledDate()).isAfterOrEqualTo(i.invoiceDate());
				assertThat(i.paidAmount()).isLessThanOrEqualTo(i.amount());
			}
		});
		assertThat(invoices).anyMatch(Invoice::disputed);
		assertThat(invoices).anyMatch(i -> i.settledDate() != null && i.paidAmount() < i.amount()); // short
																									// payments
		assertThat(invoices).anyMatch(i -> i.settledDate() == null); // defaults leave
																		// invoices open
	}

	@Test
	void defaultersAreLabelledMoreOftenThanOthers() {
		GeneratorConfig config = GeneratorConfig.defaults(5, 1200);
		List<PaymentHistoryGenerator.Customer> customers = PaymentHistoryGenerator.generate(config);
		List<LabeledHistory> labelled = InvoiceAggregator.labeled(PaymentHistoryGenerator.invoices(customers),
				InvoiceAggregator.Options.defaults());
		Set<String> deteriorating = customers.stream()
			.filter(c -> c.trajectory().equals("deteriorating"))
			.map(PaymentHistoryGenerator.Customer::id)
			.collect(Collectors.toSet());
		double rateDeteriorating = rate(labelled, h -> deteriorating.contains(h.history().customerId()));
		double rateOthers = rate(labelled, h -> !deteriorating.contains(h.history().customerId()));
		assertThat(rateDeteriorating).isGreaterThan(2 * rateOthers);
	}

	private static double rate(List<LabeledHistory> all, Predicate<LabeledHistory> which) {
		List<LabeledHistory> sub = all.stream().filter(which).toList();
		return sub.stream().filter(LabeledHistory::defaulted).count() / (double) sub.size();
	}

}
