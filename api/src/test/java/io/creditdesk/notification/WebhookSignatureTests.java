package io.creditdesk.notification;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A signed delivery verifies with the Standard Webhooks library as a receiver uses it; a
 * tampered payload, another secret or a replayed old delivery does not.
 */
class WebhookSignatureTests {

	private static final String PAYLOAD = "{\"type\":\"AlertRaised\",\"customerId\":\"c-1\",\"utilization\":\"0.96\"}";

	@Test
	void aReceiverVerifiesTheSignatureWithTheLibrary() throws Exception {
		String secret = WebhookSignature.newSecret();
		assertThat(secret).startsWith("whsec_");
		Map<String, String> headers = new WebhookSignature(secret).headers("msg_2Lz", Instant.now(), PAYLOAD);
		assertThat(headers).containsOnlyKeys("webhook-id", "webhook-timestamp", "webhook-signature");
		assertThat(headers.get("webhook-signature")).startsWith("v1,");
		new Webhook(secret).verify(PAYLOAD, asHeaders(headers));
	}

	@Test
	void aTamperedPayloadAnotherSecretOrAnOldDeliveryIsRefused() throws Exception {
		String secret = WebhookSignature.newSecret();
		Map<String, String> headers = new WebhookSignature(secret).headers("msg_2Lz", Instant.now(), PAYLOAD);
		Webhook receiver = new Webhook(secret);
		assertThatThrownBy(() -> receiver.verify(PAYLOAD.replace("0.96", "0.10"), asHeaders(headers)))
			.isInstanceOf(WebhookVerificationException.class);
		assertThatThrownBy(() -> new Webhook(WebhookSignature.newSecret()).verify(PAYLOAD, asHeaders(headers)))
			.isInstanceOf(WebhookVerificationException.class);
		Map<String, String> old = new WebhookSignature(secret).headers("msg_2Lz", Instant.now().minusSeconds(3600),
				PAYLOAD);
		assertThatThrownBy(() -> receiver.verify(PAYLOAD, asHeaders(old)))
			.isInstanceOf(WebhookVerificationException.class);
	}

	@Test
	void twoSecretsGiveTwoSignaturesTheCurrentFirstAndEitherSecretVerifies() throws Exception {
		String current = WebhookSignature.newSecret();
		String previous = WebhookSignature.newSecret();
		Instant at = Instant.now();
		Map<String, String> headers = new WebhookSignature(List.of(current, previous)).headers("msg_2Lz", at, PAYLOAD);
		String[] signatures = headers.get("webhook-signature").split(" ");
		assertThat(signatures).hasSize(2).allSatisfy(signature -> assertThat(signature).startsWith("v1,"));
		assertThat(signatures[0])
			.isEqualTo(new WebhookSignature(current).headers("msg_2Lz", at, PAYLOAD).get("webhook-signature"));
		assertThat(signatures[1])
			.isEqualTo(new WebhookSignature(previous).headers("msg_2Lz", at, PAYLOAD).get("webhook-signature"));
		new Webhook(current).verify(PAYLOAD, asHeaders(headers));
		new Webhook(previous).verify(PAYLOAD, asHeaders(headers));
		assertThatThrownBy(() -> new Webhook(WebhookSignature.newSecret()).verify(PAYLOAD, asHeaders(headers)))
			.isInstanceOf(WebhookVerificationException.class);
		assertThatThrownBy(() -> new Webhook(previous).verify(PAYLOAD.replace("0.96", "0.10"), asHeaders(headers)))
			.isInstanceOf(WebhookVerificationException.class);
	}

	private static Map<String, List<String>> asHeaders(Map<String, String> headers) {
		return headers.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
	}

}
