package io.creditdesk.bureau;

import java.util.List;

/**
 * One pull of monitoring events.
 *
 * @param events the events after the cursor sent, oldest first
 * @param nextCursor the cursor to send next time (the one sent when there was nothing
 * new)
 */
public record NotificationPage(List<NotificationEvent> events, String nextCursor) {

	public NotificationPage {
		events = List.copyOf(events);
	}

}
