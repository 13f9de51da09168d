package io.creditdesk.intake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import io.creditdesk.GraphQlClients;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

import static org.awaitility.Awaitility.await;

/**
 * Test helpers around the shared context's broker: reading dead letters, the sample
 * customer.
 */
final class IntakeKafka {

	private IntakeKafka() {
	}

	/**
	 * Reads the topic from the start until a record matches, or fails after the timeout.
	 */
	static ConsumerRecord<String, String> awaitRecord(ConsumerFactory<?, ?> boot, String topic,
			Predicate<ConsumerRecord<String, String>> match) {
		Map<String, Object> config = new HashMap<>(boot.getConfigurationProperties());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "intake-test-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		List<ConsumerRecord<String, String>> found = new ArrayList<>();
		try (Consumer<String, String> consumer = new DefaultKafkaConsumerFactory<String, String>(config)
			.createConsumer()) {
			consumer.subscribe(List.of(topic));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(r -> {
					if (match.test(r)) {
						found.add(r);
					}
				});
				return !found.isEmpty();
			});
		}
		return found.get(0);
	}

	/** Every record on the topic now, read from the start to the end offsets. */
	static List<ConsumerRecord<String, String>> readAll(ConsumerFactory<?, ?> boot, String topic) {
		Map<String, Object> config = new HashMap<>(boot.getConfigurationProperties());
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		List<ConsumerRecord<String, String>> all = new ArrayList<>();
		try (Consumer<String, String> consumer = new DefaultKafkaConsumerFactory<String, String>(config)
			.createConsumer()) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10))
				.stream()
				.map(p -> new TopicPartition(topic, p.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(all::add);
				return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
			});
		}
		return all;
	}

	static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	/**
	 * Registers the customer the samples name (ERP-10042, DE136695976, EUR) unless it
	 * exists; returns its id.
	 */
	static synchronized String sampleCustomer(HttpGraphQlTester graphQl) {
		HttpGraphQlTester admin = GraphQlClients.as(graphQl, "admin");
		GraphQlTester.Response created = admin.documentName("createCustomer")
			.variable("input",
					Map.of("externalRef", IntakeSamples.SAMPLE_REF, "name", "Rhein Steelworks GmbH", "taxId",
							IntakeSamples.SAMPLE_TAX_ID, "countryCode", "DE", "segment", "MID_MARKET", "tier", "GOLD",
							"industry", "MANUFACTURING", "creditCurrency", "EUR"))
			.execute();
		List<String> errors = created.path("createCustomer.userErrors[*].code").entityList(String.class).get();
		if (errors.isEmpty()) {
			return created.path("createCustomer.customer.id").entity(String.class).get();
		}
		return admin.document("{ customerByExternalRef(externalRef: \"" + IntakeSamples.SAMPLE_REF + "\") { id } }")
			.execute()
			.path("customerByExternalRef.id")
			.entity(String.class)
			.get();
	}

}
