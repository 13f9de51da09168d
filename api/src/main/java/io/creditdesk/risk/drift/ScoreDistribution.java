package io.creditdesk.risk.drift;

import java.time.Instant;
import java.util.List;

import io.creditdesk.risk.drift.ComparisonView.ComparedModel;

/**
 * The champion's scores over today's portfolio in the bins of its training baseline.
 *
 * @param segment the segment, or null for the whole portfolio
 * @param model the champion
 * @param customers customers scored
 * @param insufficientHistory customers left out for too short a history
 * @param bins the baseline's bins, expected and actual share
 * @param psi PSI against the baseline, or null (no baseline, nobody scored)
 * @param level stable, moderate or significant, or null with the PSI
 * @param flagged PSI above 0.25
 * @param computedAt when
 */
record ScoreDistribution(String segment, ComparedModel model, int customers, int insufficientHistory, List<Bin> bins,
		Double psi, String level, boolean flagged, Instant computedAt) {

	/**
	 * One bin: PD from {@code from} (inclusive; null for the first) to {@code to}
	 * (exclusive; null for the last).
	 */
	record Bin(Double from, Double to, double expectedShare, double actualShare) {
	}

}
