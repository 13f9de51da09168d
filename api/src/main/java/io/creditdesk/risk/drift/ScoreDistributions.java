package io.creditdesk.risk.drift;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.risk.ActiveModels;
import io.creditdesk.risk.CustomerLedgers;
import io.creditdesk.risk.ModelInUse;
import io.creditdesk.risk.drift.ComparisonView.ComparedModel;
import io.creditdesk.risk.registry.ModelRegistry;
import io.creditdesk.risk.training.TrainingErrorCode;
import io.creditdesk.scoring.evaluation.Stability;
import io.creditdesk.scoring.history.HistoryResult;
import io.creditdesk.scoring.history.PaymentHistory;
import io.creditdesk.scoring.ledger.HistoryOptions;
import io.creditdesk.scoring.ledger.LedgerHistory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * The champion's live score distribution: every customer's history as of today (what the
 * ledger held before today began), scored in batches by the champion, binned in its
 * training baseline's deciles, with the PSI against that baseline.
 */
@Service
class ScoreDistributions {

	private static final int BATCH = 10_000;

	private final ActiveModels models;

	private final ModelRegistry registry;

	private final ObjectProvider<CustomerLedgers> ledgers;

	private final Clock clock;

	ScoreDistributions(ActiveModels models, ModelRegistry registry, ObjectProvider<CustomerLedgers> ledgers,
			Clock clock) {
		this.models = models;
		this.registry = registry;
		this.ledgers = ledgers;
		this.clock = clock;
	}

	ScoreDistribution compute(Optional<String> segment) {
		CustomerLedgers source = this.ledgers.getIfAvailable();
		if (source == null) {
			throw CreditDeskException.refuse(TrainingErrorCode.LEDGER_UNAVAILABLE.variant("scores"), null);
		}
		ModelInUse champion = this.models.champion();
		Instant now = this.clock.instant();
		LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
		HistoryOptions options = HistoryOptions.defaults();
		List<Double> scores = new ArrayList<>();
		List<PaymentHistory> batch = new ArrayList<>(BATCH);
		int[] insufficient = { 0 };
		source.forEach(segment, facts -> {
			HistoryResult history = LedgerHistory.derive(facts.ledger(), facts.imported(), today, options);
			if (!history.isAvailable()) {
				insufficient[0]++;
				return;
			}
			batch.add(history.history());
			if (batch.size() == BATCH) {
				score(champion, batch, scores);
			}
		});
		score(champion, batch, scores);
		double[] p = scores.stream().mapToDouble(Double::doubleValue).toArray();
		ComparedModel model = this.registry.find(this.registry.state().championId())
			.filter(m -> m.sha256().equals(champion.sha256()))
			.map(ComparedModel::of)
			.orElse(new ComparedModel(null, champion.name(), Integer.parseInt(champion.version())));
		if (champion.baseline() == null || p.length == 0) {
			return new ScoreDistribution(segment.orElse(null), model, p.length, insufficient[0], List.of(), null, null,
					false, now);
		}
		Stability.Baseline baseline = champion.baseline().score();
		List<Double> actual = baseline.sharesOf(p);
		List<ScoreDistribution.Bin> bins = new ArrayList<>();
		for (int b = 0; b < baseline.shares().size(); b++) {
			Double from = b == 0 ? null : baseline.cuts().get(b - 1);
			Double to = b == baseline.cuts().size() ? null : baseline.cuts().get(b);
			bins.add(new ScoreDistribution.Bin(from, to, baseline.shares().get(b), actual.get(b)));
		}
		double psi = baseline.psi(p);
		return new ScoreDistribution(segment.orElse(null), model, p.length, insufficient[0], bins, Figures.finite(psi),
				Stability.Shift.of(psi).name(), psi > Stability.SIGNIFICANT, now);
	}

	private static void score(ModelInUse champion, List<PaymentHistory> batch, List<Double> scores) {
		if (batch.isEmpty()) {
			return;
		}
		for (double p : champion.model().probabilities(batch)) {
			scores.add(p);
		}
		batch.clear();
	}

}
