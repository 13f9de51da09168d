package io.creditdesk.dynamiclimit;

import io.creditdesk.common.ErrorCode;

/** Why a limit adjustment policy (stored or a draft) was refused. */
public enum LimitPolicyErrorCode implements ErrorCode {

	/** A grade that is not one of A to E. */
	UNKNOWN_GRADE

}
