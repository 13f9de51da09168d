package io.creditdesk.infrastructure;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.stereotype.Component;

/**
 * Reports the Kafka cluster: UP with its id and brokers, DOWN with the reason when no broker
 * answers within the connect timeout.
 */
@Component("kafkaHealthIndicator")
class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

	private final KafkaConnectionDetails connection;

	private final long timeoutMillis;

	private final EmbeddedKafkaBroker embedded;

	private volatile AdminClient admin;

	KafkaHealthIndicator(KafkaConnectionDetails connection, InfrastructureProperties properties,
			org.springframework.beans.factory.ObjectProvider<EmbeddedKafkaBroker> embedded) {
		super("Kafka health check failed");
		this.connection = connection;
		this.timeoutMillis = properties.connectTimeout().toMillis();
		this.embedded = embedded.getIfAvailable();
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		String servers = String.join(",", this.connection.getBootstrapServers());
		builder.withDetail("bootstrapServers", servers).withDetail("embedded", this.embedded != null);
		if (this.embedded != null && !this.embedded.isReady()) {
			builder.down().withDetail("reason", "The embedded Kafka broker is still starting");
			return;
		}
		try {
			DescribeClusterResult cluster = admin()
				.describeCluster(new DescribeClusterOptions().timeoutMs((int) this.timeoutMillis));
			String clusterId = cluster.clusterId().get(this.timeoutMillis, TimeUnit.MILLISECONDS);
			Collection<Node> nodes = cluster.nodes().get(this.timeoutMillis, TimeUnit.MILLISECONDS);
			builder.up().withDetail("clusterId", clusterId).withDetail("brokers", nodes.size());
		}
		catch (Exception ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			builder.down()
				.withDetail("reason", "No Kafka broker answered at " + servers + " within " + this.timeoutMillis
						+ " ms: " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
		}
	}

	private AdminClient admin() {
		AdminClient client = this.admin;
		if (client == null) {
			synchronized (this) {
				if (this.admin == null) {
					Map<String, Object> config = new HashMap<>();
					config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.connection.getBootstrapServers());
					config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) this.timeoutMillis);
					config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) this.timeoutMillis);
					config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 10_000);
					config.put(AdminClientConfig.CLIENT_ID_CONFIG, "creditdesk-health");
					this.admin = AdminClient.create(config);
				}
				client = this.admin;
			}
		}
		return client;
	}

	@Override
	public void destroy() {
		AdminClient client = this.admin;
		if (client != null) {
			client.close(java.time.Duration.ofSeconds(2));
		}
	}

}
