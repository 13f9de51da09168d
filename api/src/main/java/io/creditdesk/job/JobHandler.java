package io.creditdesk.job;

import java.util.Map;

/**
 * The work behind one kind of job, contributed as a bean by the capability that owns it.
 * It runs on a job thread of whichever instance claimed the job; it reports progress
 * through its {@link JobContext} and returns its result, or throws: the exception's
 * message becomes the job's reason, so it should be a sentence a person understands.
 */
public interface JobHandler {

	/** The kind of job this handler runs, e.g. {@code trainModel}. */
	String kind();

	/** Does the work. */
	Map<String, Object> run(JobContext context) throws Exception;

}
