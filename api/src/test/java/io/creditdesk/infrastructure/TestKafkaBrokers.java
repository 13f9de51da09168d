package io.creditdesk.infrastructure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.creditdesk.embedded.EmbeddedKafkaBroker;
import io.creditdesk.embedded.EmbeddedProperties;

/**
 * Starts the service's own embedded broker for tests outside this package (e.g. an outage
 * and restart).
 */
public final class TestKafkaBrokers {

	private TestKafkaBrokers() {
	}

	/**
	 * A broker with its log under {@code dataDir}, listening on {@code port} (or the next
	 * free one), ready.
	 */
	public static EmbeddedKafkaBroker start(Path dataDir, int port) {
		EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(
				new EmbeddedProperties(dataDir, true, 0, port, "creditdesk", 16));
		broker.awaitReady(Duration.ofSeconds(60));
		return broker;
	}

	/**
	 * The service's readiness check against these bootstrap servers, started; close it
	 * after the test.
	 */
	public static Readiness readiness(String servers) {
		SharedKafkaAdminClient admin = new SharedKafkaAdminClient(() -> List.of(servers));
		KafkaReadiness readiness = new KafkaReadiness(null, admin, servers, Duration.ofSeconds(5));
		readiness.start();
		return new Readiness(readiness, admin);
	}

	/** A started {@link KafkaReadiness} and the admin client it uses. */
	public record Readiness(KafkaReadiness kafka, SharedKafkaAdminClient admin) implements AutoCloseable {

		@Override
		public void close() {
			this.kafka.stop();
			this.admin.destroy();
		}

	}

}
