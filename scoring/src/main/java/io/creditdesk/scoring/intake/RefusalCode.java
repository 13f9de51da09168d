package io.creditdesk.scoring.intake;

/**
 * Why a model file was refused. The names are stable: clients and the service's error
 * responses use them.
 */
public enum RefusalCode {

	/** No bytes at all. */
	EMPTY_FILE(false),
	/** Larger than the limit the caller set. */
	TOO_LARGE(false),
	/** The bytes do not have the SHA-256 the caller expected (damaged in transit). */
	CHECKSUM_MISMATCH(false),
	/** Not a Tribuo protobuf model file at all. */
	NOT_A_TRIBUO_MODEL(true),
	/** A Tribuo model file that ends too early. */
	TRUNCATED(false),
	/** The file names a class outside the allow-list; nothing was instantiated. */
	CLASS_NOT_ALLOWED(false),
	/**
	 * Not a classifier predicting exactly the labels 0 and 1 (a regression model, three
	 * classes, ...).
	 */
	NOT_BINARY_CLASSIFIER(false),
	/** A classifier that gives no probabilities. */
	NO_PROBABILITIES(false),
	/** The model does not record which feature definition it was trained with. */
	FEATURE_DEFINITION_MISSING(false),
	/** Trained with another version of the feature definition. */
	FEATURE_DEFINITION_MISMATCH(false),
	/** Uses a feature the service's feature definition does not produce. */
	UNKNOWN_FEATURE(false),
	/** The model's explanations do not add up to its own predictions. */
	INCONSISTENT_MODEL(false),
	/** The model card beside the file is not valid JSON of the expected shape. */
	CARD_INVALID(false),
	/** The model card describes another model file or feature definition. */
	CARD_MISMATCH(false);

	private final boolean unsupportedFormat;

	RefusalCode(boolean unsupportedFormat) {
		this.unsupportedFormat = unsupportedFormat;
	}

	/**
	 * True when the content is not a model format at all (an HTTP service answers 415
	 * Unsupported Media Type), false when it is a model file that cannot be accepted (400
	 * Bad Request).
	 */
	public boolean unsupportedFormat() {
		return unsupportedFormat;
	}

}
