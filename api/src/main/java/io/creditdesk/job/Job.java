package io.creditdesk.job;

import java.time.Instant;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A piece of background work and how far it got.
 *
 * @param id the job's id
 * @param kind what it does, e.g. {@code trainModel}, {@code rescorePortfolio}
 * @param status where it stands
 * @param progress percent done, 0 to 100
 * @param phase what it is doing now, in words
 * @param message why it failed, or a summary when it succeeded
 * @param input what it was asked to do
 * @param result what it produced (ids, counts, metrics), when it succeeded
 * @param requestedBy who started it
 * @param createdAt when it was started
 * @param startedAt when an instance claimed it
 * @param finishedAt when it succeeded or failed
 * @param owner the instance running it (while {@code RUNNING})
 * @param leaseUntil until when the owner's lease holds; renewed by its heartbeat
 */
@Document("jobs")
public record Job(@Id String id, String kind, JobStatus status, double progress, String phase, String message,
		Map<String, Object> input, Map<String, Object> result, String requestedBy, Instant createdAt, Instant startedAt,
		Instant finishedAt, String owner, Instant leaseUntil) {

	public Job {
		input = input == null ? Map.of() : input;
	}

}
