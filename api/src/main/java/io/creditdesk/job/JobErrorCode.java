package io.creditdesk.job;

import io.creditdesk.common.ErrorCode;

/** Why a job could not be started or found. */
public enum JobErrorCode implements ErrorCode {

	/** No job has this id. */
	JOB_NOT_FOUND,

	/** This instance has no handler for the job's kind. */
	UNKNOWN_JOB_KIND

}
