package io.creditdesk.trainingdata.generator;

import io.creditdesk.scoring.data.Invoice;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * Base rates of generated (or any) invoice data, to check that the generator is
 * calibrated.
 *
 * @param invoices number of invoices
 * @param lateShare share of settled invoices settled after their due date
 * @param dso days sales outstanding: mean month-end receivables / (invoiced amount per
 * day), over the period
 * @param defaultRate share of customers that defaulted at some point in the simulated
 * period (ground truth)
 * @param annualDefault defaultRate scaled to twelve months
 */
public record GeneratorStats(long invoices, double lateShare, double dso, double defaultRate, double annualDefault) {

	public static GeneratorStats of(List<PaymentHistoryGenerator.Customer> customers, GeneratorConfig config) {
		List<Invoice> all = PaymentHistoryGenerator.invoices(customers);
		long settled = 0;
		long late = 0;
		double invoiced = 0;
		for (Invoice i : all) {
			invoiced += i.amount();
			if (i.settledDate() != null) {
				settled++;
				if (i.settledDate().isAfter(i.dueDate())) {
					late++;
				}
			}
		}
		// Receivables at each month end, skipping the first three months of run-in.
		double receivables = 0;
		int monthEnds = 0;
		for (int m = 3; m < config.months(); m++) {
			LocalDate end = config.start().plusMonths(m + 1L);
			for (Invoice i : all) {
				if (i.invoiceDate().isBefore(end) && (i.settledDate() == null || !i.settledDate().isBefore(end))) {
					receivables += i.amount();
				}
			}
			monthEnds++;
		}
		long days = ChronoUnit.DAYS.between(config.start(), config.start().plusMonths(config.months()));
		double dso = (receivables / monthEnds) / (invoiced / days);
		long defaults = customers.stream().filter(c -> c.defaultDate() != null).count();
		double rate = (double) defaults / customers.size();
		double annual = 1 - Math.pow(1 - rate, 12.0 / config.months());
		return new GeneratorStats(all.size(), settled == 0 ? 0 : (double) late / settled, dso, rate, annual);
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT,
				"%d invoices, %.1f %% paid late, DSO %.1f days, %.1f %% of customers defaulted " + "(%.1f %% a year)",
				invoices, 100 * lateShare, dso, 100 * defaultRate, 100 * annualDefault);
	}
}
