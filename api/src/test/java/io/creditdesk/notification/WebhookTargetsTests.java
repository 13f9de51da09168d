package io.creditdesk.notification;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import io.creditdesk.common.CreditDeskException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The server-side request forgery guard as a table: what is refused (with which code) and
 * what is admitted, with names resolved from a table (no network), including a public
 * name that resolves to an internal address.
 */
class WebhookTargetsTests {

	private static final Map<String, String> DNS = Map.of("erp.example.com", "93.184.216.34", "rebind.example.com",
			"10.0.0.7", "localhost", "127.0.0.1", "metadata.example.com", "169.254.169.254");

	private static final WebhookTargets.Resolver TABLE = host -> {
		String address = DNS.get(host);
		if (address != null) {
			return List.of(InetAddress.getByName(address));
		}
		if (host.matches("[0-9.]+|[0-9a-fA-F:.]+")) {
			return List.of(InetAddress.getByName(host));
		}
		throw new UnknownHostException(host);
	};

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "https://erp.example.com/hooks/credit, ADMITTED", "http://93.184.216.34:8080/x, ADMITTED",
			"https://172.32.0.1/x, ADMITTED", "https://100.128.0.1/x, ADMITTED",
			"https://[2606:4700:4700::1111]/x, ADMITTED", "http://192.0.3.1/x, ADMITTED",
			"http://198.20.0.1/x, ADMITTED", "http://198.17.255.255/x, ADMITTED", "http://203.0.114.1/x, ADMITTED",
			"http://[64:ff9b::5db8:d822]/x, ADMITTED", "http://[2002:5db8:d822::1]/x, ADMITTED",
			"http://[2001:0:4136:e378:8000:63bf:a247:2bdd]/x, ADMITTED",
			"http://[2001:db8::1]/x, WEBHOOK_URL_NOT_ALLOWED", "http://[64:ff9b::7f00:1]/x, WEBHOOK_URL_NOT_ALLOWED",
			"http://[64:ff9b::a9fe:a9fe]/x, WEBHOOK_URL_NOT_ALLOWED",
			"http://[64:ff9b::c0a8:101]/x, WEBHOOK_URL_NOT_ALLOWED",
			"http://[64:ff9b:1::5db8:d822]/x, WEBHOOK_URL_NOT_ALLOWED",
			"http://[2002:7f00:1::]/x, WEBHOOK_URL_NOT_ALLOWED", "http://[2002:a00:1::1]/x, WEBHOOK_URL_NOT_ALLOWED",
			"http://[2002:a9fe:a9fe::]/x, WEBHOOK_URL_NOT_ALLOWED",
			"http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/x, WEBHOOK_URL_NOT_ALLOWED",
			"http://[2001:0:a00:1:8000:63bf:a247:2bdd]/x, WEBHOOK_URL_NOT_ALLOWED",
			"http://[::7f00:1]/x, WEBHOOK_URL_NOT_ALLOWED", "http://[::a00:1]/x, WEBHOOK_URL_NOT_ALLOWED",
			"http://[::]/x, WEBHOOK_URL_NOT_ALLOWED", "http://[100::1]/x, WEBHOOK_URL_NOT_ALLOWED",
			"http://[2001:10::1]/x, WEBHOOK_URL_NOT_ALLOWED", "http://[fec0::1]/x, WEBHOOK_URL_NOT_ALLOWED",
			"http://[ff02::1]/x, WEBHOOK_URL_NOT_ALLOWED", "http://192.0.0.1/x, WEBHOOK_URL_NOT_ALLOWED",
			"http://192.0.0.170/x, WEBHOOK_URL_NOT_ALLOWED", "http://192.0.2.1/x, WEBHOOK_URL_NOT_ALLOWED",
			"http://198.18.0.1/x, WEBHOOK_URL_NOT_ALLOWED", "http://198.19.255.255/x, WEBHOOK_URL_NOT_ALLOWED",
			"http://198.51.100.1/x, WEBHOOK_URL_NOT_ALLOWED", "http://203.0.113.1/x, WEBHOOK_URL_NOT_ALLOWED",
			"http://240.0.0.1/x, WEBHOOK_URL_NOT_ALLOWED", "http://0.1.2.3/x, WEBHOOK_URL_NOT_ALLOWED",
			"http://100.127.255.255/x, WEBHOOK_URL_NOT_ALLOWED",
			"http://[::ffff:198.18.0.1]/x, WEBHOOK_URL_NOT_ALLOWED", "http://localhost:8080/x, WEBHOOK_URL_NOT_ALLOWED",
			"http://127.0.0.1/x, WEBHOOK_URL_NOT_ALLOWED", "http://127.1.2.3/x, WEBHOOK_URL_NOT_ALLOWED",
			"http://[::1]/x, WEBHOOK_URL_NOT_ALLOWED", "http://0.0.0.0/x, WEBHOOK_URL_NOT_ALLOWED",
			"http://10.1.2.3/x, WEBHOOK_URL_NOT_ALLOWED", "http://172.16.0.1/x, WEBHOOK_URL_NOT_ALLOWED",
			"http://172.31.255.255/x, WEBHOOK_URL_NOT_ALLOWED", "http://192.168.1.1/x, WEBHOOK_URL_NOT_ALLOWED",
			"http://169.254.169.254/latest, WEBHOOK_URL_NOT_ALLOWED",
			"http://metadata.example.com/x, WEBHOOK_URL_NOT_ALLOWED", "http://100.64.0.1/x, WEBHOOK_URL_NOT_ALLOWED",
			"http://[fd00::1]/x, WEBHOOK_URL_NOT_ALLOWED", "http://[fe80::1]/x, WEBHOOK_URL_NOT_ALLOWED",
			"http://[::ffff:127.0.0.1]/x, WEBHOOK_URL_NOT_ALLOWED",
			"http://[::ffff:10.0.0.1]/x, WEBHOOK_URL_NOT_ALLOWED", "http://224.0.0.1/x, WEBHOOK_URL_NOT_ALLOWED",
			"http://255.255.255.255/x, WEBHOOK_URL_NOT_ALLOWED", "http://rebind.example.com/x, WEBHOOK_URL_NOT_ALLOWED",
			"ftp://erp.example.com/x, WEBHOOK_URL_INVALID", "file:///etc/passwd, WEBHOOK_URL_INVALID",
			"https://user:secret@erp.example.com/x, WEBHOOK_URL_INVALID", "erp.example.com/x, WEBHOOK_URL_INVALID",
			"https:///x, WEBHOOK_URL_INVALID", "https://nowhere.example.com/x, WEBHOOK_URL_INVALID",
			"'http://exa mple.com', WEBHOOK_URL_INVALID" })
	void onlyPublicHttpTargetsAreAdmitted(String url, String expected) {
		WebhookTargets targets = new WebhookTargets(TABLE, false);
		if (expected.equals("ADMITTED")) {
			assertThat(targets.admit("url", url).addresses()).isNotEmpty();
		}
		else {
			assertThatThrownBy(() -> targets.admit("url", url)).isInstanceOfSatisfying(CreditDeskException.class,
					ex -> {
						assertThat(ex.code()).isEqualTo(expected);
						assertThat(ex.errors().get(0).field()).isEqualTo("url");
					});
		}
	}

	@ParameterizedTest
	@CsvSource({ "http://localhost:8080/x", "http://10.1.2.3/x", "http://rebind.example.com/x",
			"http://[64:ff9b::7f00:1]/x", "http://198.18.0.1/x" })
	void configurationMayAllowPrivateAddressesButNeverOtherSchemes(String url) {
		WebhookTargets targets = new WebhookTargets(TABLE, true);
		assertThat(targets.admit("url", url).addresses()).isNotEmpty();
		assertThatThrownBy(() -> targets.admit("url", "file:///etc/passwd")).isInstanceOf(CreditDeskException.class);
	}

}
