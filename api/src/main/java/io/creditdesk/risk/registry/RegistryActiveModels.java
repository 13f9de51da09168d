package io.creditdesk.risk.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.creditdesk.risk.ActiveModels;
import io.creditdesk.risk.ModelInUse;
import io.creditdesk.scoring.history.MonthlyStatement;
import io.creditdesk.scoring.history.PaymentHistory;
import io.creditdesk.scoring.intake.IntakeResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The champion and challenger this instance scores with, from the registry. It polls the
 * registry's generation; when it changed, it loads the new models (bytes verified against
 * their SHA-256, through the same intake as an upload), warms them with a prediction, and
 * only then replaces the models in use, so a score is never made by a half-loaded model
 * and no instance needs a restart. A plain bean: it takes precedence over the classpath
 * fallback that is only made when no {@link ActiveModels} exists.
 */
@Component
class RegistryActiveModels implements ActiveModels {

	private static final Logger log = LoggerFactory.getLogger(RegistryActiveModels.class);

	static final String CHAMPION_RESOURCE = "/models/champion.tribuo";

	static final String CARD_RESOURCE = "/models/champion.card.json";

	private final ModelRegistry registry;

	private final ModelsProperties properties;

	private volatile InUse current;

	/** The models in use and the registry generation they belong to. */
	private record InUse(long generation, String championId, ModelInUse champion, String challengerId,
			ModelInUse challenger) {
	}

	RegistryActiveModels(ModelRegistry registry, ModelsProperties properties) {
		this.registry = registry;
		this.properties = properties;
	}

	@Override
	public ModelInUse champion() {
		return inUse().champion();
	}

	@Override
	public Optional<ModelInUse> challenger() {
		return Optional.ofNullable(inUse().challenger());
	}

	@Override
	public long generation() {
		return inUse().generation();
	}

	private InUse inUse() {
		InUse models = this.current;
		if (models == null) {
			synchronized (this) {
				if (this.current == null) {
					this.registry.ensureChampion(resource(CHAMPION_RESOURCE), resource(CARD_RESOURCE),
							this.properties.firstChampionWait());
					refresh();
				}
				models = this.current;
			}
		}
		return models;
	}

	/**
	 * Switches to the registry's current models when its generation changed. Runs on
	 * every instance.
	 */
	@Scheduled(fixedDelayString = "${creditdesk.models.poll-interval:2s}", initialDelayString = "PT1S")
	void poll() {
		try {
			inUse();
			if (this.registry.generation() != this.current.generation()) {
				refresh();
			}
		}
		catch (RuntimeException ex) {
			log.warn("Checking the model registry failed; the models in use stay: {}", ex.toString());
		}
	}

	/**
	 * The instance that changed the roles switches at once; the others at their next
	 * poll.
	 */
	@EventListener
	void rolesChanged(ModelRolesChanged changed) {
		try {
			if (this.current != null) {
				refresh();
			}
		}
		catch (RuntimeException ex) {
			log.warn("Switching to the models of registry generation {} failed; the next poll tries again: {}",
					changed.generation(), ex.toString());
		}
	}

	/** Loads the registry's current champion and challenger, then switches to them. */
	synchronized void refresh() {
		RegistryState state = this.registry.state();
		InUse before = this.current;
		if (before != null && before.generation() == state.generation()) {
			return;
		}
		ModelInUse champion = load(state.championId(), before);
		ModelInUse challenger = state.challengerId() == null ? null : load(state.challengerId(), before);
		this.current = new InUse(state.generation(), state.championId(), champion, state.challengerId(), challenger);
		if (before == null || !state.championId().equals(before.championId())
				|| !Objects.equals(state.challengerId(), before.challengerId())) {
			log.info("Scoring with champion {} version {}{} (registry generation {})", champion.name(),
					champion.version(),
					challenger == null ? "" : ", challenger " + challenger.name() + " version " + challenger.version(),
					state.generation());
		}
	}

	private ModelInUse load(String modelId, InUse before) {
		if (before != null) {
			if (modelId.equals(before.championId())) {
				return before.champion();
			}
			if (modelId.equals(before.challengerId())) {
				return before.challenger();
			}
		}
		RegisteredModel model = this.registry.find(modelId)
			.orElseThrow(
					() -> new IllegalStateException("the registry names model " + modelId + ", which is not ready"));
		IntakeResult.Accepted accepted = this.registry.load(model);
		accepted.model().setNumThreads(this.properties.threads());
		warm(accepted);
		return new ModelInUse(model.name(), String.valueOf(model.version()), model.sha256(), accepted.model(),
				accepted.baseline());
	}

	/**
	 * One prediction with reasons before the model serves: the first call of a booster
	 * loads native code and allocates, which should not fall on a customer's score.
	 */
	private static void warm(IntakeResult.Accepted accepted) {
		List<MonthlyStatement> months = new ArrayList<>();
		for (int m = 0; m < PaymentHistory.MAX_MONTHS; m++) {
			months.add(new MonthlyStatement(10_000, 1_000, 1_000, MonthlyStatement.PAID_IN_FULL));
		}
		accepted.model().score(new PaymentHistory("warm-up", months));
	}

	private static byte[] resource(String name) {
		try (InputStream in = RegistryActiveModels.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException(name + " is not on the class path: build training-data first");
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
