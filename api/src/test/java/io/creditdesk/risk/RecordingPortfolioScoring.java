package io.creditdesk.risk;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;

/**
 * A test {@link PortfolioScoring} that records each re-score with the champion it would
 * have scored with (the real one, from the other half of issue 14, writes scores).
 */
public class RecordingPortfolioScoring implements PortfolioScoring {

	/** One re-score: the segment asked for and the champion in use then. */
	public record Call(Optional<String> segment, String champion, String version) {
	}

	private final ActiveModels models;

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	public RecordingPortfolioScoring(ActiveModels models) {
		this.models = models;
	}

	public List<Call> calls() {
		return this.calls;
	}

	@Override
	public int rescore(Optional<String> segment, IntConsumer progress) {
		ModelInUse champion = this.models.champion();
		this.calls.add(new Call(segment, champion.name(), champion.version()));
		progress.accept(40);
		return 40;
	}

}
