package io.creditdesk.notification;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.notification.WebhookDelivery.FailureReason;

/**
 * Why a webhook attempt failed, as a stable code and a sentence from the message
 * catalogue with its figures (the status, the timeouts, the cause): what the delivery
 * log, the subscription's last error and the "webhook disabled" notice show. Spring-free,
 * table-tested ({@code WebhookFailuresTests}).
 */
final class WebhookFailures {

	/** A failed attempt's code and its sentence (English, as the log stores it). */
	record Failure(FailureReason reason, String error) {

		Failure(FailureReason reason, List<?> figures) {
			this(reason, MessageCatalogue.render(MessageCatalogue.DEFAULT_LANGUAGE, reason.messageKey(), figures));
		}

	}

	private WebhookFailures() {
	}

	/** The subscription's signing secret did not decrypt: nothing was sent. */
	static Failure secretUnreadable() {
		return new Failure(FailureReason.SECRET_UNREADABLE, List.of());
	}

	/** The receiver answered {@code status}: a failure unless it is 2xx. */
	static Failure answered(int status) {
		return (status >= 200 && status < 300) ? null
				: new Failure(FailureReason.RECEIVER_STATUS, List.of(String.valueOf(status)));
	}

	/**
	 * What sending threw: the target guard's refusal, a timeout (connect or response), a
	 * host that could not be reached, or anything else on the way.
	 */
	static Failure thrown(Exception ex, Duration connectTimeout, Duration responseTimeout) {
		if (ex instanceof CreditDeskException refused) {
			return new Failure(FailureReason.TARGET_REFUSED, List.of(refused.getMessage()));
		}
		if (ex instanceof InterruptedIOException) {
			// SocketTimeoutException, HttpClient's ConnectTimeoutException.
			return new Failure(FailureReason.TIMEOUT,
					List.of(String.valueOf(connectTimeout.toMillis()), String.valueOf(responseTimeout.toMillis())));
		}
		if (ex instanceof ConnectException || ex instanceof NoRouteToHostException
				|| ex instanceof PortUnreachableException || ex instanceof UnknownHostException) {
			return new Failure(FailureReason.UNREACHABLE, List.of(cause(ex)));
		}
		return new Failure(FailureReason.SEND_FAILED, List.of(cause(ex)));
	}

	/** The exception's own words, or its type when it has none. */
	private static String cause(Throwable ex) {
		String message = ex.getMessage();
		return (message != null && !message.isBlank()) ? message : ex.getClass().getSimpleName();
	}

}
