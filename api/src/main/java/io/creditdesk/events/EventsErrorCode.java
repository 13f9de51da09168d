package io.creditdesk.events;

import io.creditdesk.common.ErrorCode;

/** Why an operator's action on the credit events' consumers was refused. */
public enum EventsErrorCode implements ErrorCode {

	/** No consumer group of that id reads credit events on this service. */
	CONSUMER_GROUP_NOT_FOUND,

	/**
	 * The group's parked events are being re-driven right now (on this or another
	 * instance).
	 */
	REDRIVE_IN_PROGRESS,

	/**
	 * No parked credit event waits under that id (never parked, or handled or discarded
	 * since).
	 */
	PARKED_EVENT_NOT_FOUND

}
