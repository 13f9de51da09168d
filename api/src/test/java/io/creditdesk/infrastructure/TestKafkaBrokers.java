package io.creditdesk.infrastructure;

import java.nio.file.Path;
import java.time.Duration;

/** Starts the service's own embedded broker for tests outside this package (e.g. an outage and restart). */
public final class TestKafkaBrokers {

	private TestKafkaBrokers() {
	}

	/** A broker with its log under {@code dataDir}, listening on {@code port} (or the next free one), ready. */
	public static EmbeddedKafkaBroker start(Path dataDir, int port) {
		EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(new EmbeddedProperties(dataDir, true, 0, port, "creditdesk", 16));
		broker.awaitReady(Duration.ofSeconds(60));
		return broker;
	}

}
