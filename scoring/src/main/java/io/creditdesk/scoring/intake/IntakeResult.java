package io.creditdesk.scoring.intake;

import io.creditdesk.scoring.evaluation.ModelBaseline;
import io.creditdesk.scoring.model.ScoringModel;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of checking a model file: accepted with what a registry records, or refused
 * with a reason.
 */
public sealed interface IntakeResult permits IntakeResult.Accepted, IntakeResult.Refused {

	/**
	 * The file's SHA-256 (hex), also of a refused file when there were bytes to hash
	 * (else empty).
	 */
	String sha256();

	/**
	 * A model that passed every check, loaded and ready to score.
	 *
	 * @param model the model
	 * @param sha256 SHA-256 of the model file (hex)
	 * @param sizeBytes size of the model file
	 * @param modelType what kind of model: {@code logistic} (a standardized linear model)
	 * or {@code xgboost}
	 * @param trainerClass the Tribuo trainer that produced it, from its provenance
	 * @param featureDefinition the feature-definition version it was trained with
	 * @param features the features it uses
	 * @param dataSha256 the training data's SHA-256 from its provenance (empty when not
	 * recorded)
	 * @param card the model card, when one was given (otherwise empty)
	 * @param baseline the drift baseline from the card, or null when there is none
	 */
	record Accepted(ScoringModel model, String sha256, long sizeBytes, String modelType, String trainerClass,
			String featureDefinition, List<String> features, String dataSha256, Map<String, Object> card,
			ModelBaseline baseline) implements IntakeResult {

		public Accepted {
			Objects.requireNonNull(model, "model");
			features = List.copyOf(features);
			card = card == null ? Map.of() : card;
		}
	}

	/**
	 * A refused file.
	 *
	 * @param code the stable reason code
	 * @param message a sentence a person understands
	 * @param sha256 the file's SHA-256, or empty
	 */
	record Refused(RefusalCode code, String message, String sha256) implements IntakeResult {

		public Refused {
			Objects.requireNonNull(code, "code");
			Objects.requireNonNull(message, "message");
			sha256 = sha256 == null ? "" : sha256;
		}
	}

}
