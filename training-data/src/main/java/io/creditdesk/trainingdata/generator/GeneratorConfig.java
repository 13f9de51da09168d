package io.creditdesk.trainingdata.generator;

import java.time.LocalDate;

/**
 * Settings of a generation run. The same settings (including the seed) always produce the
 * same data, and customer i is the same customer whatever the total count, so a small
 * sample is a prefix of a large one.
 *
 * @param seed master seed
 * @param customers number of customers
 * @param start first day of the first simulated month
 * @param months number of simulated months (12 of history + 3 of outcome + 3 of run-in
 * fit in 18)
 */
public record GeneratorConfig(long seed, int customers, LocalDate start, int months) {

	public GeneratorConfig {
		if (customers < 1 || months < 16) {
			throw new IllegalArgumentException("need at least one customer and 16 months (12 history + 3 outcome + 1)");
		}
		start = start.withDayOfMonth(1);
	}

	public static GeneratorConfig defaults(long seed, int customers) {
		return new GeneratorConfig(seed, customers, LocalDate.of(2024, 1, 1), 18);
	}
}
