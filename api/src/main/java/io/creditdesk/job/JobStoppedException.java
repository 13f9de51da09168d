package io.creditdesk.job;

/**
 * The job was taken from this instance (its lease expired): the handler stops and its
 * result is not recorded.
 */
public class JobStoppedException extends RuntimeException {

	JobStoppedException(String jobId) {
		super("job " + jobId + " is no longer run by this instance");
	}

}
