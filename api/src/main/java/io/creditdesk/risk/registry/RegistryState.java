package io.creditdesk.risk.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Who is champion and challenger, in one document, so every change of roles is one atomic
 * conditional update ({@code generation} is the compared value) and the invariants
 * (exactly one champion, at most one challenger) hold by construction.
 *
 * @param id always {@link #ID}
 * @param generation increases with every change; instances poll it to switch models
 * @param championId the champion's model id
 * @param challengerId the challenger's model id, or null
 * @param retired former champions, the most recent last: what {@code rollbackModel}
 * restores
 * @param rolledBack champions replaced by a rollback (retired, not restored again by the
 * next rollback)
 * @param promotions proposed promotions, pending and applied
 */
@Document("model_registry")
public record RegistryState(@Id String id, long generation, String championId, String challengerId,
		List<String> retired, List<String> rolledBack, List<Promotion> promotions) {

	public static final String ID = "active";

	public RegistryState {
		Objects.requireNonNull(championId, "championId");
		retired = retired == null ? List.of() : List.copyOf(retired);
		rolledBack = rolledBack == null ? List.of() : List.copyOf(rolledBack);
		promotions = promotions == null ? List.of() : List.copyOf(promotions);
	}

	/** The state at first start: the build's champion and nothing else. */
	static RegistryState first(String championId) {
		return new RegistryState(ID, 1, championId, null, List.of(), List.of(), List.of());
	}

	/** A model's role. */
	ModelStatus statusOf(String modelId) {
		if (modelId.equals(this.championId)) {
			return ModelStatus.CHAMPION;
		}
		if (modelId.equals(this.challengerId)) {
			return ModelStatus.CHALLENGER;
		}
		if (this.retired.contains(modelId) || this.rolledBack.contains(modelId)) {
			return ModelStatus.RETIRED;
		}
		return ModelStatus.CANDIDATE;
	}

	/** The ids of the models in {@code status}, or null for CANDIDATE (all others). */
	List<String> idsIn(ModelStatus status) {
		return switch (status) {
			case CHAMPION -> List.of(this.championId);
			case CHALLENGER -> this.challengerId == null ? List.of() : List.of(this.challengerId);
			case RETIRED -> {
				List<String> ids = new ArrayList<>(this.retired);
				ids.addAll(this.rolledBack);
				yield ids;
			}
			case CANDIDATE -> null;
		};
	}

	/** Every model with a role other than CANDIDATE. */
	List<String> nonCandidates() {
		List<String> ids = new ArrayList<>(idsIn(ModelStatus.RETIRED));
		ids.add(this.championId);
		if (this.challengerId != null) {
			ids.add(this.challengerId);
		}
		return ids;
	}

}
