package io.creditdesk.risk;

import java.time.Instant;
import java.util.Optional;

/**
 * The champion's latest drift figure, as other capabilities read it (alerts): the daily
 * drift check stores it, this reads the newest stored one.
 */
public interface ModelDrift {

	/** The latest drift check, or empty when none has run yet. */
	Optional<Latest> latest();

	/**
	 * One drift check.
	 *
	 * @param model the champion's name
	 * @param version its version
	 * @param psi the population stability index of its live scores against its training
	 * baseline
	 * @param computedAt when it was computed
	 */
	record Latest(String model, String version, double psi, Instant computedAt) {
	}

}
