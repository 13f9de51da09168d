package io.creditdesk.risk.scores;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

import io.creditdesk.risk.ActiveModels;
import io.creditdesk.risk.CustomerLedgers;
import io.creditdesk.risk.CustomerLedgers.Facts;
import io.creditdesk.risk.CustomerScores;
import io.creditdesk.risk.ModelInUse;
import io.creditdesk.risk.PortfolioScoring;
import io.creditdesk.scoring.history.HistoryResult;
import io.creditdesk.scoring.ledger.HistoryOptions;
import io.creditdesk.scoring.model.CustomerScore;

import org.springframework.stereotype.Service;

/**
 * Scores customers with the active models and stores the scores: a batch of histories
 * goes through one batched prediction per model ({@code scoreHistories}), the champion's
 * scores become the customers' current scores and their history, the challenger's are
 * stored beside them in shadow (never used for decisions). Customers without enough
 * history are stored as {@code INSUFFICIENT_HISTORY}.
 */
@Service
class LiveScoring implements PortfolioScoring, CustomerScores {

	private final CustomerLedgers ledgers;

	private final ActiveModels models;

	private final ScoreStore store;

	private final ScoreProperties properties;

	private final Clock clock;

	private final HistoryOptions options = HistoryOptions.defaults();

	LiveScoring(CustomerLedgers ledgers, ActiveModels models, ScoreStore store, ScoreProperties properties,
			Clock clock) {
		this.ledgers = ledgers;
		this.models = models;
		this.store = store;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Reads the customers' histories a batch at a time and scores each batch while the
	 * next one is read: reading (the store and the driver decoding) and scoring (the
	 * model's batched prediction with its reasons, and the bulk writes) each keep a core
	 * busy, one thread each. At most one batch waits to be scored, so memory stays at two
	 * batches; a batch that fails stops the run with its error once the batch before it
	 * is stored.
	 */
	@Override
	public int rescore(Optional<String> segment, IntConsumer progress) {
		ExecutorService scorer = Executors.newSingleThreadExecutor(runnable -> {
			Thread thread = new Thread(runnable, "portfolio-scoring");
			thread.setDaemon(true);
			return thread;
		});
		try {
			// Every score of the run is stamped with its start, before any of its facts
			// were read: a refresh during the run (stamped later, on fresher facts) is
			// not overwritten by the run's score of the same customer (ScoreStore.save).
			Instant started = this.clock.instant();
			List<Facts> batch = new ArrayList<>(this.properties.batchSize());
			int[] done = { 0 };
			List<Future<Integer>> scoring = new ArrayList<>(1);
			this.ledgers.forEach(segment, facts -> {
				batch.add(facts);
				if (batch.size() == this.properties.batchSize()) {
					List<Facts> full = List.copyOf(batch);
					batch.clear();
					done[0] += awaitScored(scoring, progress, done[0]);
					scoring.add(scorer.submit(() -> score(full, started)));
				}
			});
			done[0] += awaitScored(scoring, progress, done[0]);
			if (!batch.isEmpty()) {
				done[0] += score(batch, started);
				progress.accept(done[0]);
			}
			return done[0];
		}
		finally {
			scorer.shutdownNow();
		}
	}

	/**
	 * Waits for the batch being scored, if any, and tells {@code progress}; the number it
	 * scored.
	 */
	private static int awaitScored(List<Future<Integer>> scoring, IntConsumer progress, int doneBefore) {
		if (scoring.isEmpty()) {
			return 0;
		}
		Future<Integer> pending = scoring.remove(0);
		try {
			int scored = pending.get();
			progress.accept(doneBefore + scored);
			return scored;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			pending.cancel(true);
			throw new IllegalStateException("Interrupted while a batch of scores was written", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	/** Scores these customers now (those that exist). */
	int refresh(Collection<String> customerIds) {
		// Stamped before the facts are read: a score is never dated after a booking it
		// did not see.
		Instant now = this.clock.instant();
		List<Facts> batch = new ArrayList<>(customerIds.size());
		for (String id : customerIds) {
			this.ledgers.of(id).ifPresent(batch::add);
		}
		return score(batch, now);
	}

	/**
	 * Scores one batch with the models active now and stores the scores, stamped
	 * {@code now}: no later than its facts were read.
	 */
	private int score(List<Facts> batch, Instant now) {
		if (batch.isEmpty()) {
			return 0;
		}
		long generation = this.models.generation();
		ModelInUse champion = this.models.champion();
		Optional<ModelInUse> challenger = this.models.challenger();
		LocalDate today = LocalDate.ofInstant(now, this.options.zone());
		List<HistoryResult> histories = new ArrayList<>(batch.size());
		for (Facts facts : batch) {
			histories.add(LiveHistory.of(facts, today, this.options));
		}
		List<CustomerScore> championScores = champion.model().scoreHistories(histories);
		List<CustomerScore> challengerScores = challenger.map(c -> c.model().scoreHistories(histories)).orElse(null);
		List<ScoreStore.Scored> scored = new ArrayList<>(batch.size());
		for (int i = 0; i < batch.size(); i++) {
			StoredScore shadow = (challengerScores != null)
					? StoredScore.of(challengerScores.get(i), challenger.get().name(), challenger.get().version(), now)
					: null;
			scored.add(new ScoreStore.Scored(histories.get(i).customerId(),
					StoredScore.of(championScores.get(i), champion.name(), champion.version(), now), shadow));
		}
		this.store.save(scored, generation);
		return scored.size();
	}

	@Override
	public Optional<Current> current(String customerId) {
		return this.store.current(customerId).map(c -> current(customerId, c.champion()));
	}

	@Override
	public Map<String, Current> current(Collection<String> customerIds) {
		Map<String, Current> scores = new HashMap<>();
		this.store.current(customerIds).forEach((id, c) -> scores.put(id, current(id, c.champion())));
		return scores;
	}

	static Current current(String customerId, StoredScore s) {
		List<String> riskReasons = s.reasons()
			.stream()
			.filter((r) -> r.contribution() > 0)
			.map(StoredScore.Reason::feature)
			.toList();
		return new Current(customerId, !s.scored(), s.grade(), s.probabilityOfDefault(), s.modelVersion(), s.scoredAt(),
				riskReasons);
	}

	/** Which models score now, as the portfolio run records them. */
	String activeModels() {
		StringBuilder key = new StringBuilder().append(this.models.generation())
			.append(':')
			.append(this.models.champion().sha256());
		this.models.challenger().ifPresent(c -> key.append(':').append(c.sha256()));
		return key.toString();
	}

}
