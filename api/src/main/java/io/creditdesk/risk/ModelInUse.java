package io.creditdesk.risk;

import java.util.Objects;

import io.creditdesk.scoring.evaluation.ModelBaseline;
import io.creditdesk.scoring.model.ScoringModel;

/**
 * A model loaded, verified and warmed up, ready to score.
 *
 * @param name the registered name (e.g. {@code payment-history})
 * @param version the registry's version of it (e.g. {@code 3})
 * @param sha256 SHA-256 of the model file, verified before it was loaded
 * @param model the model
 * @param baseline the drift baseline from its card, or null when it has none
 */
public record ModelInUse(String name, String version, String sha256, ScoringModel model, ModelBaseline baseline) {

	public ModelInUse {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(version, "version");
		Objects.requireNonNull(sha256, "sha256");
		Objects.requireNonNull(model, "model");
	}

}
