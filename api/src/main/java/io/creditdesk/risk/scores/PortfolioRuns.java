package io.creditdesk.risk.scores;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import io.creditdesk.infrastructure.JobLock;
import io.creditdesk.risk.imports.HistoryImported;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Re-scores the whole portfolio daily and whenever the active models differ from those
 * the last run scored with (a promotion, a new challenger, the first start), on one
 * instance at a time ({@link JobLock} lease). The run works on its own thread, so the
 * scheduler's other jobs are not held up by it.
 */
@Component
class PortfolioRuns implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(PortfolioRuns.class);

	static final String LEASE = "portfolio-scores";

	private final LiveScoring scoring;

	private final ScoreStore store;

	private final JobLock lock;

	private final ScoreProperties properties;

	private final Clock clock;

	private final AtomicBoolean running = new AtomicBoolean();

	private final AtomicBoolean again = new AtomicBoolean();

	private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
		Thread thread = new Thread(runnable, "portfolio-scores");
		thread.setDaemon(true);
		return thread;
	});

	PortfolioRuns(LiveScoring scoring, ScoreStore store, JobLock lock, ScoreProperties properties, Clock clock) {
		this.scoring = scoring;
		this.store = store;
		this.lock = lock;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(cron = "${creditdesk.scores.portfolio-cron:0 30 0 * * *}", zone = "UTC")
	void daily() {
		start("daily run");
	}

	@Scheduled(fixedDelayString = "${creditdesk.scores.model-check-interval:30s}", initialDelayString = "5s")
	void whenModelsChanged() {
		if (modelsChanged()) {
			start("the active models changed");
		}
	}

	/**
	 * True when the portfolio was never scored, or last with other models (another
	 * generation, champion or challenger).
	 */
	boolean modelsChanged() {
		String models = this.scoring.activeModels();
		return !this.store.lastRun().map(r -> models.equals(r.models())).orElse(false);
	}

	/** Imported history changes the histories of the customers it names. */
	@EventListener
	void on(HistoryImported event) {
		start("imported " + event.rows() + " rows of " + event.kind());
	}

	/** Starts a run in the background unless one is running here; false when not. */
	boolean start(String why) {
		if (!this.properties.enabled()) {
			return false;
		}
		if (!this.running.compareAndSet(false, true)) {
			// Whatever asked for it may have changed histories the running pass has
			// already read: one more pass follows.
			this.again.set(true);
			return false;
		}
		this.worker.execute(() -> {
			try {
				this.lock.runExclusively(LEASE, this.properties.lease(), () -> run(why));
			}
			catch (RuntimeException ex) {
				log.warn("Scoring the portfolio ({}) failed; the next run tries again: {}", why, ex.toString());
			}
			finally {
				this.running.set(false);
			}
			if (this.again.getAndSet(false)) {
				start("asked for while the last run was running");
			}
		});
		return true;
	}

	private void run(String why) {
		String models = this.scoring.activeModels();
		long started = System.nanoTime();
		log.info("Scoring the portfolio ({})", why);
		int scored = this.scoring.rescore(Optional.empty(), done -> log.debug("Scored {} customers", done));
		this.store.runFinished(models, this.clock.instant(), scored);
		log.info("Scored the portfolio: {} customers in {} ms", scored, (System.nanoTime() - started) / 1_000_000);
	}

	@Override
	public void destroy() {
		this.worker.shutdownNow();
	}

}
