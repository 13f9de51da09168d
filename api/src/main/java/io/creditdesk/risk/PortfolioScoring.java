package io.creditdesk.risk;

import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * Re-scores the portfolio (or one segment of it) with the active models, in batches: what
 * the {@code rescorePortfolio} job and a promotion run.
 */
public interface PortfolioScoring {

	/**
	 * Re-scores every customer of {@code segment} (all when empty).
	 * @param segment the segment, or empty for the whole portfolio
	 * @param progress told the number of customers done so far, after each batch
	 * @return the number of customers scored
	 */
	int rescore(Optional<String> segment, IntConsumer progress);

}
