package io.creditdesk.infrastructure;

import java.util.Collection;
import java.util.concurrent.TimeUnit;

import io.creditdesk.embedded.EmbeddedKafkaBroker;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.stereotype.Component;

/**
 * Reports the Kafka cluster: UP with its id and brokers once it is {@link KafkaReadiness
 * ready}; DOWN with the reason while the embedded broker starts or recovers after a
 * restart (no client call is made before it listens), and when no broker answers within
 * the connect timeout.
 */
@Component("kafkaHealthIndicator")
class KafkaHealthIndicator extends AbstractHealthIndicator {

	private final KafkaConnectionDetails connection;

	private final long timeoutMillis;

	private final EmbeddedKafkaBroker embedded;

	private final SharedKafkaAdminClient admin;

	private final KafkaReadiness readiness;

	KafkaHealthIndicator(KafkaConnectionDetails connection, InfrastructureProperties properties,
			ObjectProvider<EmbeddedKafkaBroker> embedded, SharedKafkaAdminClient admin, KafkaReadiness readiness) {
		super("Kafka health check failed");
		this.connection = connection;
		this.timeoutMillis = properties.connectTimeout().toMillis();
		this.embedded = embedded.getIfAvailable();
		this.admin = admin;
		this.readiness = readiness;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		String servers = String.join(",", this.connection.getBootstrapServers());
		builder.withDetail("bootstrapServers", servers)
			.withDetail("embedded", this.embedded != null)
			.withDetail("ready", this.readiness.isReady());
		if (this.embedded != null && !this.embedded.isReady()) {
			Throwable failed = this.embedded.startupFailure();
			builder.down()
				.withDetail("reason",
						(failed != null) ? "The embedded Kafka broker failed to start: " + failed.getMessage()
								: "The embedded Kafka broker is still starting (recovering its log)");
			return;
		}
		try {
			DescribeClusterResult cluster = this.admin.client()
				.describeCluster(new DescribeClusterOptions().timeoutMs((int) this.timeoutMillis));
			String clusterId = cluster.clusterId().get(this.timeoutMillis, TimeUnit.MILLISECONDS);
			Collection<Node> nodes = cluster.nodes().get(this.timeoutMillis, TimeUnit.MILLISECONDS);
			builder.withDetail("clusterId", clusterId).withDetail("brokers", nodes.size());
			if (this.readiness.isReady()) {
				builder.up();
			}
			else {
				builder.down()
					.withDetail("reason", "Kafka answers but is not ready yet: " + this.readiness.notReadyReason());
			}
		}
		catch (Exception ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			builder.down()
				.withDetail("reason", "No Kafka broker answered at " + servers + " within " + this.timeoutMillis
						+ " ms: " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
		}
	}

}
