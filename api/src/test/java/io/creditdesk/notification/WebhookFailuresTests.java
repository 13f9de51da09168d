package io.creditdesk.notification;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import javax.net.ssl.SSLHandshakeException;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.notification.WebhookDelivery.FailureReason;
import io.creditdesk.notification.WebhookFailures.Failure;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why a webhook attempt failed, as a table: the receiver's statuses, what sending threw,
 * and the sentence each reason reads as (with its figures, in English and German).
 */
class WebhookFailuresTests {

	private static final Duration CONNECT = Duration.ofSeconds(5);

	private static final Duration RESPONSE = Duration.ofSeconds(10);

	@ParameterizedTest(name = "HTTP {0} -> {1}")
	@CsvSource({ "200, ", "204, ", "299, ", "199, RECEIVER_STATUS", "301, RECEIVER_STATUS", "404, RECEIVER_STATUS",
			"500, RECEIVER_STATUS", "503, RECEIVER_STATUS" })
	void aStatusOtherThan2xxIsTheReceiversAnswer(int status, FailureReason expected) {
		Failure failure = WebhookFailures.answered(status);
		if (expected == null) {
			assertThat(failure).isNull();
			return;
		}
		assertThat(failure.reason()).isEqualTo(expected);
		assertThat(failure.error())
			.isEqualTo("The receiver answered HTTP " + status + "; only a 2xx answer counts as delivered.");
	}

	static Stream<Arguments> thrown() {
		return Stream.of(
				Arguments.of(new SocketTimeoutException("Read timed out"), FailureReason.TIMEOUT,
						"did not connect within 5000 ms or answer within 10000 ms"),
				Arguments.of(new ConnectTimeoutException("Connect to erp.example.com:443 timed out"),
						FailureReason.TIMEOUT, "within 5000 ms"),
				Arguments.of(new HttpHostConnectException("Connect to erp.example.com:443 failed: Connection refused"),
						FailureReason.UNREACHABLE, "could not be reached: Connect to erp.example.com:443 failed"),
				Arguments.of(new ConnectException("Connection refused"), FailureReason.UNREACHABLE,
						"could not be reached: Connection refused"),
				Arguments.of(new NoRouteToHostException("No route to host"), FailureReason.UNREACHABLE,
						"No route to host"),
				Arguments.of(new UnknownHostException("erp.example.com"), FailureReason.UNREACHABLE, "erp.example.com"),
				Arguments.of(new SSLHandshakeException("PKIX path building failed"), FailureReason.SEND_FAILED,
						"Sending failed on the way: PKIX path building failed"),
				Arguments.of(new IOException("Connection reset"), FailureReason.SEND_FAILED, "Connection reset"),
				Arguments.of(new IOException(), FailureReason.SEND_FAILED, "Sending failed on the way: IOException"),
				Arguments.of(new IllegalStateException("pool shut down"), FailureReason.SEND_FAILED, "pool shut down"),
				Arguments.of(
						CreditDeskException.refuse(NotificationErrorCode.WEBHOOK_URL_NOT_ALLOWED, "url",
								new MessageCatalogue.Quoted("https://rebind.example.com/x"), "10.0.0.7"),
						FailureReason.TARGET_REFUSED, "reaches 10.0.0.7, which is not a public address"));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource
	void thrown(Exception ex, FailureReason expected, String says) {
		Failure failure = WebhookFailures.thrown(ex, CONNECT, RESPONSE);
		assertThat(failure.reason()).isEqualTo(expected);
		assertThat(failure.error()).contains(says);
	}

	@Test
	void anUnreadableSecretIsItsOwnReason() {
		Failure failure = WebhookFailures.secretUnreadable();
		assertThat(failure.reason()).isEqualTo(FailureReason.SECRET_UNREADABLE);
		assertThat(failure.error()).startsWith("Not sent: the subscription's signing secret");
	}

	@ParameterizedTest
	@EnumSource(FailureReason.class)
	void everyReasonReadsAsASentenceInEnglishAndGerman(FailureReason reason) {
		List<String> figures = List.of("FIGURE-A", "FIGURE-B");
		for (Locale language : List.of(Locale.ENGLISH, Locale.GERMAN)) {
			assertThat(MessageCatalogue.render(language, reason.messageKey(), List.of())).as("%s %s", reason, language)
				.doesNotStartWith(reason.messageKey());
			assertThat(MessageCatalogue.render(language, reason.messageKey(), figures)).as("%s %s", reason, language)
				.doesNotContain("{0}", "{1}");
		}
		assertThat(MessageCatalogue.render(Locale.GERMAN, reason.messageKey(), figures))
			.isNotEqualTo(MessageCatalogue.render(Locale.ENGLISH, reason.messageKey(), figures));
	}

}
