package io.creditdesk.risk.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One registered model version. Its role is not stored here but in {@link RegistryState},
 * so it cannot disagree with the registry.
 *
 * @param id the version's id
 * @param name the model's name, e.g. {@code credit-risk}
 * @param version 1, 2, ... per name
 * @param sha256 SHA-256 of the model file, verified after storing it
 * @param sizeBytes size of the model file
 * @param fileId the GridFS file holding the bytes
 * @param ready true once the stored bytes were read back and their hash verified; only
 * ready versions are listed or loaded
 * @param modelType {@code logistic} or {@code xgboost}
 * @param trainer the Tribuo trainer class
 * @param featureDefinition the feature-definition version it was trained with
 * @param features the features it uses
 * @param dataSha256 the training data's fingerprint from its provenance
 * @param metrics the card's headline metrics (auc, prAuc, brier, logLoss, ks,
 * topDecileLift, baseRate)
 * @param cardJson the model card as JSON (with calibration, grade table and baseline)
 * @param source how it came in: {@code upload}, {@code training}, {@code build}
 * @param tags free labels
 * @param registeredBy who registered it
 * @param registeredAt when
 */
@Document("models")
public record RegisteredModel(@Id String id, String name, int version, String sha256, long sizeBytes, String fileId,
		boolean ready, String modelType, String trainer, String featureDefinition, List<String> features,
		String dataSha256, Map<String, Double> metrics, String cardJson, String source, List<String> tags,
		String registeredBy, Instant registeredAt) {

	public RegisteredModel {
		features = features == null ? List.of() : List.copyOf(features);
		metrics = metrics == null ? Map.of() : metrics;
		tags = tags == null ? List.of() : List.copyOf(tags);
	}

}
