package io.creditdesk.infrastructure;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.stereotype.Component;

/**
 * One Kafka admin client for the service (health, topic creation, lag), created on first
 * use so an unreachable cluster never delays start-up. Callers pass their own per-call
 * timeouts.
 */
@Component
public class SharedKafkaAdminClient implements DisposableBean {

	private final KafkaConnectionDetails connection;

	private volatile AdminClient client;

	public SharedKafkaAdminClient(KafkaConnectionDetails connection) {
		this.connection = connection;
	}

	public AdminClient client() {
		AdminClient current = this.client;
		if (current == null) {
			synchronized (this) {
				if (this.client == null) {
					Map<String, Object> config = new HashMap<>();
					config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.connection.getBootstrapServers());
					config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
					config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
					config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 10_000);
					config.put(AdminClientConfig.CLIENT_ID_CONFIG, "creditdesk-admin");
					this.client = AdminClient.create(config);
				}
				current = this.client;
			}
		}
		return current;
	}

	@Override
	public void destroy() {
		AdminClient current = this.client;
		if (current != null) {
			current.close(Duration.ofSeconds(2));
		}
	}

}
