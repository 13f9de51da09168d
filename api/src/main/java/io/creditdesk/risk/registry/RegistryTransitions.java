package io.creditdesk.risk.registry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.common.PersonNames;

/**
 * The rules of the registry's roles, as pure functions from one {@link RegistryState} to
 * the next: proposing a promotion, approving it (four eyes: never the proposer) and
 * rolling back to the previous champion. A refusal is a {@link CreditDeskException} with
 * a stable code; nothing here reads or writes the store.
 */
final class RegistryTransitions {

	private RegistryTransitions() {
	}

	/** Adds a pending promotion of {@code modelId} to {@code target}. */
	static RegistryState propose(RegistryState state, String promotionId, String modelId, PromotionTarget target,
			String justification, String proposer, Instant at) {
		requireJustification(justification);
		ModelStatus status = state.statusOf(modelId);
		if (status.name().equals(target.name())) {
			throw CreditDeskException.refuse(ModelErrorCode.MODEL_ALREADY_IN_ROLE, "modelId", modelId,
					MessageCatalogue.Phrase.of("model.role." + target.name()));
		}
		if (target == PromotionTarget.CHALLENGER && status == ModelStatus.CHAMPION) {
			throw championCannotChallenge(modelId);
		}
		boolean pending = state.promotions()
			.stream()
			.anyMatch(
					p -> p.status() == PromotionStatus.PENDING && p.modelId().equals(modelId) && p.target() == target);
		if (pending) {
			throw CreditDeskException.refuse(ModelErrorCode.PROMOTION_ALREADY_PENDING, "modelId", modelId,
					target.name());
		}
		List<Promotion> promotions = new ArrayList<>(state.promotions());
		promotions.add(new Promotion(promotionId, modelId, target, justification.trim(), proposer, at,
				PromotionStatus.PENDING, null, null));
		return new RegistryState(state.id(), state.generation() + 1, state.championId(), state.challengerId(),
				state.retired(), state.rolledBack(), promotions);
	}

	/**
	 * Applies a pending promotion. A new champion retires the previous one (kept for
	 * rollback); a new challenger replaces the previous one, which becomes a candidate
	 * again.
	 */
	static RegistryState approve(RegistryState state, String promotionId, String approver, Instant at) {
		Promotion promotion = state.promotions()
			.stream()
			.filter(p -> p.id().equals(promotionId))
			.findFirst()
			.orElseThrow(
					() -> CreditDeskException.refuse(ModelErrorCode.PROMOTION_NOT_FOUND, "promotionId", promotionId));
		if (promotion.status() != PromotionStatus.PENDING) {
			throw CreditDeskException.refuse(ModelErrorCode.PROMOTION_ALREADY_DECIDED, "promotionId", promotionId,
					promotion.approvedBy());
		}
		if (PersonNames.samePerson(promotion.proposedBy(), approver)) {
			throw CreditDeskException.refuse(ModelErrorCode.PROPOSER_CANNOT_APPROVE, "promotionId", approver);
		}
		String model = promotion.modelId();
		ModelStatus status = state.statusOf(model);
		if (status.name().equals(promotion.target().name())) {
			throw CreditDeskException.refuse(ModelErrorCode.MODEL_ALREADY_IN_ROLE, "promotionId", model,
					MessageCatalogue.Phrase.of("model.role." + promotion.target().name()));
		}
		List<String> retired = new ArrayList<>(state.retired());
		List<String> rolledBack = new ArrayList<>(state.rolledBack());
		retired.remove(model);
		rolledBack.remove(model);
		String champion = state.championId();
		String challenger = state.challengerId();
		if (promotion.target() == PromotionTarget.CHAMPION) {
			retired.add(champion);
			champion = model;
			if (model.equals(challenger)) {
				challenger = null;
			}
		}
		else {
			if (status == ModelStatus.CHAMPION) {
				throw championCannotChallenge(model);
			}
			challenger = model;
		}
		List<Promotion> promotions = new ArrayList<>();
		for (Promotion p : state.promotions()) {
			promotions.add(p.id().equals(promotionId) ? p.approve(approver, at) : p);
		}
		return new RegistryState(state.id(), state.generation() + 1, champion, challenger, retired, rolledBack,
				promotions);
	}

	/**
	 * Restores the most recent former champion; the champion it replaces is retired and
	 * not restored by a further rollback.
	 */
	static RegistryState rollback(RegistryState state, String justification) {
		requireJustification(justification);
		if (state.retired().isEmpty()) {
			throw CreditDeskException.refuse(ModelErrorCode.NOTHING_TO_ROLL_BACK, null);
		}
		List<String> retired = new ArrayList<>(state.retired());
		String previous = retired.remove(retired.size() - 1);
		List<String> rolledBack = new ArrayList<>(state.rolledBack());
		rolledBack.add(state.championId());
		String challenger = previous.equals(state.challengerId()) ? null : state.challengerId();
		return new RegistryState(state.id(), state.generation() + 1, previous, challenger, retired, rolledBack,
				state.promotions());
	}

	private static void requireJustification(String justification) {
		if (justification == null || justification.isBlank()) {
			throw CreditDeskException.refuse(CommonErrorCode.REQUIRED.variant("justification"), "justification");
		}
	}

	private static CreditDeskException championCannotChallenge(String modelId) {
		return CreditDeskException.refuse(ModelErrorCode.MODEL_IS_CHAMPION, "modelId", modelId);
	}

}
