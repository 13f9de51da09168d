package io.creditdesk.infrastructure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.creditdesk.embedded.EmbeddedKafkaBroker;
import io.creditdesk.embedded.EmbeddedProperties;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka is ready once the embedded broker has started and leads every partition; topics
 * are prepared on demand.
 */
class KafkaReadinessTests {

	@TempDir
	Path dataDir;

	@Test
	void notReadyWhileTheEmbeddedBrokerStartsThenReadyAndTopicsArePreparedWithLeaders() throws Exception {
		HeldBackStartup startup = new HeldBackStartup();
		try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(
				new EmbeddedProperties(this.dataDir, true, 0, 0, "creditdesk", 16), startup)) {
			SharedKafkaAdminClient admin = new SharedKafkaAdminClient(() -> List.of(broker.bootstrapServers()));
			KafkaReadiness kafka = new KafkaReadiness(broker, admin, broker.bootstrapServers(), Duration.ofSeconds(5));
			try {
				kafka.start();
				assertThat(kafka.awaitReady(Duration.ofMillis(500))).isFalse();
				assertThat(kafka.isReady()).isFalse();
				assertThat(kafka.notReadyReason()).contains("still starting");
				assertThat(kafka.check()).as("checked without connecting").contains("still starting");

				startup.release();
				assertThat(kafka.awaitReady(Duration.ofSeconds(90))).isTrue();
				assertThat(kafka.notReadyReason()).isNull();

				kafka.ensureTopics(List.of(new NewTopic("readiness-check", 3, (short) 1)), Duration.ofSeconds(30));
				TopicDescription topic = admin.client()
					.describeTopics(List.of("readiness-check"))
					.allTopicNames()
					.get(10, TimeUnit.SECONDS)
					.get("readiness-check");
				assertThat(topic.partitions()).hasSize(3).allSatisfy(p -> assertThat(p.leader()).isNotNull());
				kafka.ensureTopics(List.of(new NewTopic("readiness-check", 3, (short) 1)), Duration.ofSeconds(30));

				kafka.awaitGroupCoordinator("readiness-group", Duration.ofSeconds(30));
				assertThat(admin.client()
					.listTopics(new ListTopicsOptions().listInternal(true))
					.names()
					.get(10, TimeUnit.SECONDS)).as("the first coordinator look-up created the offsets topic")
					.contains("__consumer_offsets");
				assertThat(kafka.check()).isNull();
			}
			finally {
				kafka.stop();
				admin.destroy();
			}
		}
	}

}
