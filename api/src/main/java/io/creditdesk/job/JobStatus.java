package io.creditdesk.job;

/** Where a job stands. Only {@code QUEUED} and {@code RUNNING} ever change. */
public enum JobStatus {

	/** Waiting for an instance to claim it. */
	QUEUED,

	/** Claimed by one instance, which renews its lease while it works. */
	RUNNING,

	/** Finished; {@code result} holds what it produced. */
	SUCCEEDED,

	/** Stopped with the reason in {@code message}. */
	FAILED;

	boolean finished() {
		return this == SUCCEEDED || this == FAILED;
	}

}
