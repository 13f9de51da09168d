package io.creditdesk.dynamiclimit;

/** Which way a proposal moves the limit. */
public enum Direction {

	INCREASE, DECREASE, UNCHANGED

}
