package io.creditdesk.common;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;

/**
 * The language a caller reads, for an answer written before Spring's locale resolution
 * runs (a servlet filter's refusal, an operation on a GraphQL WebSocket): the first
 * language of its {@code Accept-Language}, or null (English) without one, as the locale
 * resolver reads it ({@code spring.web.locale-resolver: accept-header}).
 */
public final class RequestLanguage {

	private RequestLanguage() {
	}

	/** The language {@code request} asks for; null when it names none. */
	public static Locale of(HttpServletRequest request) {
		return (request.getHeader(HttpHeaders.ACCEPT_LANGUAGE) != null) ? request.getLocale() : null;
	}

	/**
	 * The language {@code headers} ask for (a WebSocket's handshake); null when they name
	 * none, or none that can be read.
	 */
	public static Locale of(HttpHeaders headers) {
		if (headers == null || headers.getFirst(HttpHeaders.ACCEPT_LANGUAGE) == null) {
			return null;
		}
		try {
			List<Locale> languages = headers.getAcceptLanguageAsLocales();
			return languages.isEmpty() ? null : languages.get(0);
		}
		catch (IllegalArgumentException ex) {
			// A header that is no language list: English, as for none.
			return null;
		}
	}

}
