package io.creditdesk.risk.drift;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.risk.drift.ComparisonView.ComparedModel;
import io.creditdesk.risk.registry.ModelErrorCode;
import io.creditdesk.risk.registry.ModelRegistry;
import io.creditdesk.risk.registry.RegisteredModel;
import io.creditdesk.risk.registry.RegistryState;
import io.creditdesk.risk.training.LedgerTrainingData;
import io.creditdesk.risk.training.TrainingErrorCode;
import io.creditdesk.scoring.evaluation.ModelBaseline;
import io.creditdesk.scoring.evaluation.ModelComparison;
import io.creditdesk.scoring.evaluation.Stability;
import io.creditdesk.scoring.history.LabeledHistory;
import io.creditdesk.scoring.history.PaymentHistory;
import io.creditdesk.scoring.intake.IntakeResult;
import io.creditdesk.scoring.ledger.LabelRule;
import io.creditdesk.scoring.ledger.TrainingSet;

import org.springframework.stereotype.Service;

/**
 * The champion against a challenger on the latest labelled window: every customer's
 * history as of the latest month whose outcome window (the default label rule) is over,
 * scored by both models, judged by {@link ModelComparison}.
 */
@Service
class ModelComparisons {

	private final ModelRegistry registry;

	private final LedgerTrainingData data;

	private final Clock clock;

	ModelComparisons(ModelRegistry registry, LedgerTrainingData data, Clock clock) {
		this.registry = registry;
		this.data = data;
		this.clock = clock;
	}

	/**
	 * @param name compare the newest version of this name; the challenger when null
	 */
	ComparisonView compare(String name) {
		RegistryState state = this.registry.state();
		RegisteredModel champion = this.registry.find(state.championId()).orElseThrow();
		RegisteredModel challenger;
		if (name == null) {
			challenger = this.registry.find(state.challengerId())
				.orElseThrow(() -> CreditDeskException.refuse(ModelErrorCode.MODEL_NOT_FOUND.variant("noChallenger"),
						"name"));
		}
		else {
			challenger = this.registry.latest(name)
				.orElseThrow(() -> CreditDeskException.refuse(ModelErrorCode.MODEL_NOT_FOUND.variant("name"), "name",
						new MessageCatalogue.Quoted(name)));
		}
		TrainingSet window = this.data.build(Optional.empty(), LabelRule.DEFAULT, 1, this.clock.instant());
		if (window.snapshots().isEmpty()) {
			throw CreditDeskException.refuse(TrainingErrorCode.NO_LABELLED_HISTORY, null, window.asOfDates());
		}
		List<LabeledHistory> examples = window.histories();
		List<PaymentHistory> histories = examples.stream().map(LabeledHistory::history).toList();
		boolean[] y = new boolean[examples.size()];
		for (int i = 0; i < y.length; i++) {
			y[i] = examples.get(i).defaulted();
		}
		IntakeResult.Accepted a = this.registry.load(champion);
		IntakeResult.Accepted b = this.registry.load(challenger);
		ModelComparison comparison = ModelComparison.of(a.model().probabilities(histories),
				b.model().probabilities(histories), y, score(a.baseline()), score(b.baseline()));
		LocalDate asOf = window.asOfDates().get(window.asOfDates().size() - 1);
		return new ComparisonView(ComparedModel.of(champion), ComparedModel.of(challenger), asOf, comparison);
	}

	private static Stability.Baseline score(ModelBaseline baseline) {
		return baseline == null ? null : baseline.score();
	}

}
