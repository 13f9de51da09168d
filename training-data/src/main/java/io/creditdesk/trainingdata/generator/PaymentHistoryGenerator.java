package io.creditdesk.trainingdata.generator;

import io.creditdesk.scoring.data.Invoice;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A seeded simulator of B2B receivables: customers of three size segments invoice on
 * their terms, with seasonality, and pay according to a latent risk that evolves month by
 * month.
 *
 * <h2>Model</h2>
 * <ul>
 * <li>Latent risk r (log-odds scale) starts around the segment's mean; 70 % of customers
 * are stable (mean-reverting noise), 18 % deteriorate (drift +0.22 a month from a random
 * month), 12 % start weak and recover (drift -0.18).</li>
 * <li>Invoices: Poisson count per month around the segment mean times a seasonal factor
 * (amplitude 0-35 %, random phase); log-normal amounts around the segment median; due
 * date = invoice date + terms.</li>
 * <li>Payment: late with probability sigmoid(r + 2.5); days late then 1 + exponential
 * with mean 5 + 22 sigmoid(r + 1.5); on-time payers pay up to 10 days early. Disputes (3
 * % + more when risky) add 10-40 days and often end in a short payment; 2 % of invoices
 * are short-paid by 1-10 % without a dispute.</li>
 * <li>Default: monthly hazard sigmoid(r - 3.2), plus 0.08 % a month of sudden defaults
 * without warning. A defaulted customer pays nothing it owes from that day; the seller
 * keeps invoicing for about a month before blocking the account; a fifth of the defaults
 * end in a partial recovery (10-40 % paid) 4-7 months later.</li>
 * </ul>
 * The resulting base rates (late share, DSO, default rate) are measured by
 * {@link GeneratorStats} and documented in the training-data README.
 */
public final class PaymentHistoryGenerator {

	private PaymentHistoryGenerator() {
	}

	/** A simulated customer's invoices, plus the ground truth the simulation knows. */
	public record Customer(String id, Segment segment, String trajectory, LocalDate defaultDate,
			List<Invoice> invoices) {
	}

	public static List<Customer> generate(GeneratorConfig config) {
		List<Customer> out = new ArrayList<>(config.customers());
		for (int i = 0; i < config.customers(); i++) {
			// Each customer has its own stream derived from (seed, index): prefixes are
			// stable.
			out.add(customer(config, i, new SplittableRandom(mix(config.seed(), i))));
		}
		return out;
	}

	public static List<Invoice> invoices(List<Customer> customers) {
		List<Invoice> all = new ArrayList<>();
		for (Customer c : customers) {
			all.addAll(c.invoices());
		}
		return all;
	}

	static long mix(long seed, int index) {
		long z = seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

	private static Customer customer(GeneratorConfig config, int index, SplittableRandom rnd) {
		String id = String.format(Locale.ROOT, "C%05d", index + 1);
		Segment segment = pickSegment(rnd.nextDouble());
		double u = rnd.nextDouble();
		String trajectory = u < 0.70 ? "stable" : u < 0.88 ? "deteriorating" : "recovering";
		double risk = segment.riskMean + 0.8 * gaussian(rnd);
		double drift = 0;
		int driftFrom = rnd.nextInt(config.months());
		if (trajectory.equals("deteriorating")) {
			drift = 0.22;
		}
		else if (trajectory.equals("recovering")) {
			risk += 1.6;
			drift = -0.18;
			driftFrom = rnd.nextInt(Math.max(1, config.months() / 2));
		}
		double anchor = risk;
		double seasonAmplitude = 0.35 * rnd.nextDouble();
		int seasonPhase = rnd.nextInt(12);
		double volume = segment.invoicesPerMonth * Math.exp(0.4 * gaussian(rnd));
		double median = segment.medianAmount * Math.exp(0.6 * gaussian(rnd));
		double limit = Math.max(1000,
				Math.round(2.0 * volume * median * (0.8 + 0.7 * rnd.nextDouble()) / 1000.0) * 1000.0);
		int terms = segment.termsDays;

		List<Invoice> invoices = new ArrayList<>();
		LocalDate defaultDate = null;
		LocalDate blockedFrom = null;
		int seq = 0;
		for (int m = 0; m < config.months(); m++) {
			LocalDate monthStart = config.start().plusMonths(m);
			if (m >= driftFrom) {
				anchor += drift;
			}
			// Mean-reverting around a (possibly drifting) anchor.
			risk = anchor + 0.6 * (risk - anchor) + 0.25 * gaussian(rnd);
			// Most defaults follow rising risk; a few come without warning (fraud, a key
			// client lost).
			boolean suddenShock = rnd.nextDouble() < 0.0008;
			if (defaultDate == null && (suddenShock || rnd.nextDouble() < sigmoid(risk - 3.2))) {
				defaultDate = monthStart.plusDays(rnd.nextInt(monthStart.lengthOfMonth()));
				blockedFrom = defaultDate.plusDays(20 + rnd.nextInt(25));
			}
			double season = 1 + seasonAmplitude * Math.sin(2 * Math.PI * (m + seasonPhase) / 12.0);
			int count = poisson(rnd, volume * season);
			for (int k = 0; k < count; k++) {
				LocalDate date = monthStart.plusDays(rnd.nextInt(monthStart.lengthOfMonth()));
				if (blockedFrom != null && !date.isBefore(blockedFrom)) {
					continue;
				}
				double amount = Math.round(median * Math.exp(0.5 * gaussian(rnd)) * 100) / 100.0;
				LocalDate due = date.plusDays(terms);
				invoices.add(invoice(rnd, id, ++seq, date, due, amount, risk, segment, limit, defaultDate));
			}
		}
		// Defaults that happen later still stop payments that were due after them.
		if (defaultDate != null) {
			List<Invoice> adjusted = new ArrayList<>(invoices.size());
			boolean recovery = rnd.nextDouble() < 0.2;
			LocalDate recoveryDate = defaultDate.plusDays(120 + rnd.nextInt(90));
			double recoveryShare = 0.1 + 0.3 * rnd.nextDouble();
			for (Invoice i : invoices) {
				if (i.settledDate() == null || i.settledDate().isAfter(defaultDate)) {
					adjusted.add(recovery ? copy(i, recoveryDate, Math.round(i.amount() * recoveryShare * 100) / 100.0)
							: copy(i, null, 0));
				}
				else {
					adjusted.add(i);
				}
			}
			invoices = adjusted;
		}
		return new Customer(id, segment, trajectory, defaultDate, invoices);
	}

	private static Invoice invoice(SplittableRandom rnd, String customer, int seq, LocalDate date, LocalDate due,
			double amount, double risk, Segment segment, double limit, LocalDate defaultDate) {
		boolean disputed = rnd.nextDouble() < 0.03 + 0.05 * sigmoid(risk + 1);
		long daysLate;
		if (rnd.nextDouble() < sigmoid(risk + 2.5)) {
			daysLate = 1 + Math.round(exponential(rnd, 5 + 22 * sigmoid(risk + 1.5)));
		}
		else {
			daysLate = -rnd.nextInt(11);
		}
		double paid = amount;
		if (disputed) {
			daysLate = Math.max(daysLate, 0) + 10 + rnd.nextInt(31);
			if (rnd.nextDouble() < 0.4) {
				paid = amount * (0.70 + 0.25 * rnd.nextDouble());
			}
		}
		else if (rnd.nextDouble() < 0.02) {
			paid = amount * (0.90 + 0.09 * rnd.nextDouble());
		}
		LocalDate settled = due.plusDays(daysLate);
		if (settled.isBefore(date)) {
			settled = date;
		}
		return new Invoice(customer, String.format(Locale.ROOT, "%s-%05d", customer, seq), date, due, amount, settled,
				Math.round(paid * 100) / 100.0, segment.name(), limit, disputed);
	}

	private static Invoice copy(Invoice i, LocalDate settled, double paid) {
		return new Invoice(i.customerId(), i.invoiceId(), i.invoiceDate(), i.dueDate(), i.amount(), settled, paid,
				i.segment(), i.creditLimit(), i.disputed());
	}

	private static Segment pickSegment(double u) {
		double acc = 0;
		for (Segment s : Segment.values()) {
			acc += s.share;
			if (u < acc) {
				return s;
			}
		}
		return Segment.SME;
	}

	static double sigmoid(double x) {
		return 1 / (1 + Math.exp(-x));
	}

	private static double gaussian(SplittableRandom rnd) {
		// Box-Muller; SplittableRandom has no nextGaussian on Java 17.
		double u1 = 1 - rnd.nextDouble();
		double u2 = rnd.nextDouble();
		return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
	}

	private static double exponential(SplittableRandom rnd, double mean) {
		return -mean * Math.log(1 - rnd.nextDouble());
	}

	private static int poisson(SplittableRandom rnd, double lambda) {
		double l = Math.exp(-lambda);
		int k = 0;
		double p = 1;
		do {
			k++;
			p *= rnd.nextDouble();
		}
		while (p > l && k < 1000);
		return k - 1;
	}

}
