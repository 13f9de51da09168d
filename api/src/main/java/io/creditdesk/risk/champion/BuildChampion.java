package io.creditdesk.risk.champion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

import io.creditdesk.risk.ActiveModels;
import io.creditdesk.risk.ModelInUse;
import io.creditdesk.scoring.intake.IntakeResult;
import io.creditdesk.scoring.intake.ModelIntake;

/**
 * The champion the build trained into the jar ({@value #MODEL}), checked by
 * {@link ModelIntake} like any model brought in, as the only active model: what the
 * service scores with when no model registry is present. Its generation never changes.
 */
final class BuildChampion implements ActiveModels {

	static final String MODEL = "/models/champion.tribuo";

	static final String CARD = "/models/champion.card.json";

	/** The name the build's champion is known by. */
	static final String NAME = "build-champion";

	private final ModelInUse champion;

	BuildChampion(ModelInUse champion) {
		this.champion = champion;
	}

	/**
	 * Loads and checks the champion from the classpath.
	 * @throws IllegalStateException when it is missing or the intake refuses it (a broken
	 * build: the service must not start without a model)
	 */
	static BuildChampion load() {
		byte[] model = resource(MODEL);
		if (model == null) {
			throw new IllegalStateException("the build's champion " + MODEL + " is not on the classpath");
		}
		IntakeResult result = ModelIntake.check(model, resource(CARD), null, ModelIntake.DEFAULT_MAX_BYTES);
		if (result instanceof IntakeResult.Refused refused) {
			throw new IllegalStateException(
					"the build's champion was refused (" + refused.code() + "): " + refused.message());
		}
		IntakeResult.Accepted accepted = (IntakeResult.Accepted) result;
		accepted.model().setNumThreads(1);
		return new BuildChampion(new ModelInUse(NAME, "build-" + accepted.sha256().substring(0, 12), accepted.sha256(),
				accepted.model(), accepted.baseline()));
	}

	private static byte[] resource(String name) {
		try (InputStream in = BuildChampion.class.getResourceAsStream(name)) {
			return (in != null) ? in.readAllBytes() : null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public ModelInUse champion() {
		return this.champion;
	}

	@Override
	public Optional<ModelInUse> challenger() {
		return Optional.empty();
	}

	@Override
	public long generation() {
		return 0;
	}

}
