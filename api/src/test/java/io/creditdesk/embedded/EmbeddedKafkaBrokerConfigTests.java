package io.creditdesk.embedded;

import java.nio.file.Path;

import kafka.server.KafkaConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded broker shares the service's heap (512 MB in the README's command): what it
 * allocates up front for the broker's life must be small beside it.
 */
class EmbeddedKafkaBrokerConfigTests {

	@TempDir
	Path logDir;

	/**
	 * Kafka's default log-cleaner key map is 128 MiB of heap, allocated at start and held
	 * for good: a quarter of the service's heap, and with the store's working set the
	 * demo run spent its time in full collections.
	 */
	@Test
	void theLogCleanersKeyMapTakesAFewMegabytesOfTheHeap() {
		KafkaConfig config = KafkaConfig.fromProps(EmbeddedKafkaBroker.config(this.logDir, 19092, 19093));
		long dedupeBuffer = config.getLong("log.cleaner.dedupe.buffer.size");
		assertThat(dedupeBuffer).isEqualTo(EmbeddedKafkaBroker.DEDUPE_BUFFER_BYTES).isLessThanOrEqualTo(8L << 20);
		assertThat(config.getBoolean("log.cleaner.enable")).isTrue();
	}

}
