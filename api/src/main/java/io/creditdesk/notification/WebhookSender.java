package io.creditdesk.notification;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

import org.springframework.stereotype.Component;

/**
 * Posts one signed delivery. The connection goes to the addresses the SSRF guard admitted
 * (a resolver that knows only those), never to a second DNS answer; redirects are not
 * followed (a receiver could otherwise send the request on to an internal address) and
 * nothing is retried here: the dispatcher retries with backoff.
 */
@Component
class WebhookSender {

	private final WebhookProperties properties;

	WebhookSender(WebhookProperties properties) {
		this.properties = properties;
	}

	/** The receiver's HTTP status. */
	int post(WebhookTargets.Admitted target, Map<String, String> headers, String payload) throws IOException {
		String host = bare(target.uri().getHost());
		InetAddress[] addresses = target.addresses().toArray(InetAddress[]::new);
		DnsResolver pinned = new DnsResolver() {

			@Override
			public InetAddress[] resolve(String name) throws UnknownHostException {
				if (bare(name).equalsIgnoreCase(host)) {
					return addresses.clone();
				}
				throw new UnknownHostException(name + " was not admitted");
			}

			@Override
			public String resolveCanonicalHostname(String name) {
				return name;
			}

		};
		Timeout connect = Timeout.of(this.properties.connectTimeout());
		Timeout response = Timeout.of(this.properties.responseTimeout());
		PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
			.setDnsResolver(pinned)
			.setDefaultConnectionConfig(
					ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(response).build())
			.build();
		try (CloseableHttpClient client = HttpClients.custom()
			.setConnectionManager(connections)
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.disableCookieManagement()
			.setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(response).build())
			.build()) {
			HttpPost post = new HttpPost(target.uri());
			headers.forEach(post::setHeader);
			post.setHeader("User-Agent", "CreditDesk-Webhooks/1");
			post.setEntity(new StringEntity(payload, ContentType.APPLICATION_JSON));
			return client.execute(post, answer -> {
				EntityUtils.consume(answer.getEntity());
				return answer.getCode();
			});
		}
	}

	private static String bare(String host) {
		return (host != null && host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1)
				: host;
	}

}
