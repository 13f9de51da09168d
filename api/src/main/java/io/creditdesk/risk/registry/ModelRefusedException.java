package io.creditdesk.risk.registry;

import io.creditdesk.scoring.intake.IntakeResult;

/** A model file the intake refused, with its stable code and sentence. */
public class ModelRefusedException extends RuntimeException {

	private final IntakeResult.Refused refusal;

	ModelRefusedException(IntakeResult.Refused refusal) {
		super(refusal.code() + ": " + refusal.message());
		this.refusal = refusal;
	}

	public IntakeResult.Refused refusal() {
		return this.refusal;
	}

}
