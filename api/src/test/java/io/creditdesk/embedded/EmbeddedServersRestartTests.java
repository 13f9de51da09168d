package io.creditdesk.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded defaults keep their data on disk: a restart finds it again. */
class EmbeddedServersRestartTests {

	@TempDir
	Path dataDir;

	private EmbeddedProperties properties() {
		return new EmbeddedProperties(this.dataDir, false, 0, 0, "creditdesk", 16);
	}

	@Test
	void mongoDocumentsSurviveARestart() {
		try (EmbeddedMongoServer server = new EmbeddedMongoServer(properties(), BackendServer.SPARSE_FIELDS);
				MongoClient client = MongoClients.create(server.connectionString())) {
			client.getDatabase("creditdesk")
				.getCollection("things")
				.insertOne(new Document("_id", "a").append("n", 42));
		}
		try (EmbeddedMongoServer server = new EmbeddedMongoServer(properties(), BackendServer.SPARSE_FIELDS);
				MongoClient client = MongoClients.create(server.connectionString())) {
			Document found = client.getDatabase("creditdesk")
				.getCollection("things")
				.find(new Document("_id", "a"))
				.first();
			assertThat(found).isNotNull();
			assertThat(found.getInteger("n")).isEqualTo(42);
		}
		assertThat(this.dataDir.resolve("mongo/creditdesk.mv")).exists();
	}

	@Test
	void kafkaMessagesSurviveARestart() {
		try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(properties())) {
			broker.awaitReady(Duration.ofSeconds(60));
			try (KafkaProducer<String, String> producer = new KafkaProducer<>(
					Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
							ProducerConfig.ACKS_CONFIG, "all"),
					new StringSerializer(), new StringSerializer())) {
				producer.send(new ProducerRecord<>("restart-check", "customer-1", "kept")).get();
			}
			catch (Exception ex) {
				throw new AssertionError(ex);
			}
		}
		try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(properties())) {
			broker.awaitReady(Duration.ofSeconds(60));
			try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
					Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
							ConsumerConfig.GROUP_ID_CONFIG, "restart-check", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
							"earliest"),
					new StringDeserializer(), new StringDeserializer())) {
				consumer.subscribe(List.of("restart-check"));
				String value = null;
				long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
				while (value == null && System.nanoTime() < deadline) {
					ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
					if (!records.isEmpty()) {
						value = records.iterator().next().value();
					}
				}
				assertThat(value).isEqualTo("kept");
			}
		}
	}

}
