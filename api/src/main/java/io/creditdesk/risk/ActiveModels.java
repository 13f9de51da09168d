package io.creditdesk.risk;

import java.util.Optional;

/**
 * The models the service scores with right now: the champion every customer's score comes
 * from, and the challenger scored in shadow beside it. The model registry implements it
 * (every instance switches within seconds of a promotion); scoring only reads it.
 */
public interface ActiveModels {

	/**
	 * The champion; every instance always has one (the build's champion at first start).
	 */
	ModelInUse champion();

	/** The challenger scored in shadow, when one is registered. */
	Optional<ModelInUse> challenger();

	/**
	 * A number that changes whenever the champion or challenger changes, so a scorer can
	 * tell that its scores are of an older model.
	 */
	long generation();

}
