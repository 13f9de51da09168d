package io.creditdesk;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Reads the credit events topic from the moment it is opened, as an outside consumer
 * would: no group, every partition. Collects the records and parses their JSON.
 */
public final class CreditEventsProbe implements AutoCloseable {

	public static final String TOPIC = "creditdesk.credit-events";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final KafkaConsumer<String, String> consumer;

	private final List<Received> received = new ArrayList<>();

	/** One record: key, headers, and the parsed envelope. */
	public record Received(String key, Map<String, String> headers, Map<String, Object> envelope,
			long partitionOffset) {

		public String type() {
			return (String) this.envelope.get("type");
		}

		@SuppressWarnings("unchecked")
		public Map<String, Object> data() {
			return (Map<String, Object>) this.envelope.get("data");
		}

	}

	/** Opens the probe at the current end of the topic (waiting for it to exist). */
	public CreditEventsProbe(String bootstrapServers) {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
		Instant deadline = Instant.now().plusSeconds(60);
		List<TopicPartition> partitions = new ArrayList<>();
		while (partitions.isEmpty()) {
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("Topic " + TOPIC + " did not appear");
			}
			var infos = this.consumer.partitionsFor(TOPIC, Duration.ofSeconds(5));
			if (infos != null) {
				infos.forEach(info -> partitions.add(new TopicPartition(TOPIC, info.partition())));
			}
		}
		this.consumer.assign(partitions);
		this.consumer.seekToEnd(partitions);
		partitions.forEach(this.consumer::position);
	}

	/**
	 * Polls until {@code until} holds for the records received so far, or fails after
	 * {@code timeout}.
	 */
	@SuppressWarnings("unchecked")
	public List<Received> await(Predicate<List<Received>> until, Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		while (!until.test(this.received)) {
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("Timed out waiting for credit events; received: " + this.received);
			}
			for (ConsumerRecord<String, String> record : this.consumer.poll(Duration.ofMillis(200))) {
				Map<String, String> headers = new HashMap<>();
				record.headers().forEach(h -> headers.put(h.key(), new String(h.value(), UTF_8)));
				this.received.add(new Received(record.key(), headers, JSON.readValue(record.value(), Map.class),
						record.offset()));
			}
		}
		return List.copyOf(this.received);
	}

	/** The events of one customer received so far, of the given type. */
	public List<Received> of(String customerId, String type) {
		return this.received.stream().filter(r -> customerId.equals(r.key()) && type.equals(r.type())).toList();
	}

	public static Predicate<List<Received>> has(String customerId, String type, int count) {
		return all -> all.stream().filter(r -> customerId.equals(r.key()) && type.equals(r.type())).count() >= count;
	}

	@Override
	public void close() {
		this.consumer.close(Duration.ofSeconds(2));
	}

}
