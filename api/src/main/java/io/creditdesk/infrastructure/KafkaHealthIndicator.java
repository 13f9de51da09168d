package io.creditdesk.infrastructure;

import java.util.Collection;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.stereotype.Component;

/**
 * Reports the Kafka cluster: UP with its id and brokers, DOWN with the reason when no broker
 * answers within the connect timeout.
 */
@Component("kafkaHealthIndicator")
class KafkaHealthIndicator extends AbstractHealthIndicator {

	private final KafkaConnectionDetails connection;

	private final long timeoutMillis;

	private final EmbeddedKafkaBroker embedded;

	private final SharedKafkaAdminClient admin;

	KafkaHealthIndicator(KafkaConnectionDetails connection, InfrastructureProperties properties,
			org.springframework.beans.factory.ObjectProvider<EmbeddedKafkaBroker> embedded, SharedKafkaAdminClient admin) {
		super("Kafka health check failed");
		this.connection = connection;
		this.timeoutMillis = properties.connectTimeout().toMillis();
		this.embedded = embedded.getIfAvailable();
		this.admin = admin;
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
			DescribeClusterResult cluster = this.admin.client()
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

}
