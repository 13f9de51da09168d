package io.creditdesk.events;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.creditdesk.embedded.EmbeddedKafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;

/** What the relay's tests read back from their own broker. */
final class RelayTopics {

	private RelayTopics() {
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> read(EmbeddedKafkaBroker broker, String topic, int atLeast) {
		JsonMapper json = JsonMapper.builder().build();
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10))
				.stream()
				.map(info -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			List<Map<String, Object>> events = new ArrayList<>();
			Instant deadline = Instant.now().plusSeconds(30);
			while (events.size() < atLeast && Instant.now().isBefore(deadline)) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					events.add(json.readValue(record.value(), Map.class));
				}
			}
			// Whatever else is there (nothing should be).
			for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
				events.add(json.readValue(record.value(), Map.class));
			}
			return events;
		}
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
