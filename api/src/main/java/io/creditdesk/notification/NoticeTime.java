package io.creditdesk.notification;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import io.creditdesk.common.MessageCatalogue;

/**
 * A point in time in a notice, as its reader reads it: the date, the time and the zone's
 * abbreviation in the reader's language, in the zone of the business calendar
 * ({@code creditdesk.limit-requests.zone}, whose hours the due times count):
 * {@code 8 December 2026, 17:00 CET}, {@code 8. Dezember 2026, 17:00 MEZ}. The pattern is
 * the catalogue's ({@code notification.dateTime}). Before, a notice read the raw UTC
 * instant ({@code 2026-12-08T16:00:00Z}).
 */
record NoticeTime(Instant at, ZoneId zone) implements MessageCatalogue.Localized {

	@Override
	public String in(Locale language) {
		String pattern = MessageCatalogue.render(language, "notification.dateTime", List.of());
		return DateTimeFormatter.ofPattern(pattern, language).format(this.at.atZone(this.zone));
	}

}
