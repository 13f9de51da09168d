package io.creditdesk.job;

import java.util.Map;

/** What a running job sees of itself. */
public interface JobContext {

	String jobId();

	/** The job's input, as it was submitted. */
	Map<String, Object> input();

	/** Who started the job (the registry records it, e.g., as who registered a model). */
	String requestedBy();

	/**
	 * Records progress and renews the lease. Throws {@link JobStoppedException} when the
	 * job is no longer this instance's (its lease expired and another instance failed
	 * it): the handler then stops.
	 * @param percent 0 to 100
	 * @param phase what the job is doing now, in words
	 */
	void progress(double percent, String phase);

}
