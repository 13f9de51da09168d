package io.creditdesk.alert;

/** Where an alert stands. Stable codes: added, never renamed. */
public enum AlertStatus {

	/** Raised; nobody has acknowledged it and its condition still holds. */
	OPEN,
	/** Somebody has seen it (with a note); its condition still holds. */
	ACKNOWLEDGED,
	/** Its condition cleared; resolved automatically. */
	RESOLVED

}
