package io.creditdesk.intake;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.creditdesk.embedded.EmbeddedKafkaBroker;
import io.creditdesk.infrastructure.TestKafkaBrokers;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

import static io.creditdesk.intake.IntakeSamples.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The intake consumer survives a broker outage: the broker stops and comes back on the
 * same port and log, and the same running consumer goes on with new orders by itself.
 */
class IntakeBrokerOutageTests {

	@TempDir
	Path dataDir;

	@Test
	void theConsumerResumesAfterTheBrokerComesBack() throws Exception {
		int port = freePort();
		RecordingOrderGateway gateway = new RecordingOrderGateway();
		IntakeFailureStore failures = mock(IntakeFailureStore.class);
		EmbeddedKafkaBroker broker = TestKafkaBrokers.start(this.dataDir, port);
		IntakeConsumers consumers = null;
		TestKafkaBrokers.Readiness kafka = TestKafkaBrokers.readiness(broker.bootstrapServers());
		try {
			assertThat(broker.bootstrapServers()).endsWith(":" + port);
			IntakeProperties properties = new IntakeProperties(true, Map.of(), ".DLT", "outage-test", 1, 1, 3,
					Duration.ofMillis(100), 2.0, Duration.ofMillis(400), Duration.ofSeconds(15), Duration.ofMinutes(2));
			DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
			beans.registerSingleton("gateway", gateway);
			Map<String, Object> client = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
					ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
			consumers = IntakeSamples.consumers(properties, beans.getBeanProvider(OrderGateway.class),
					IntakeSamples.processor(IntakeSamples.Directory.withSampleCustomer()), failures, Clock.systemUTC(),
					new DefaultKafkaConsumerFactory<>(client),
					new DefaultKafkaProducerFactory<>(
							Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers())),
					beans.getBeanProvider(MeterRegistry.class), kafka.kafka());
			consumers.start();
			assertThat(consumers.isRunning()).isTrue();

			send(broker, read("webshop/valid-order.json"));
			await().atMost(Duration.ofSeconds(60)).until(() -> gateway.placed("webshop:WS-100234").isPresent());

			broker.close();
			broker = TestKafkaBrokers.start(this.dataDir, port);
			assertThat(broker.bootstrapServers()).as("same address after the restart").endsWith(":" + port);

			send(broker, read("webshop/valid-order.json").replace("WS-100234", "WS-AFTER-OUTAGE"));
			await().atMost(Duration.ofSeconds(90)).until(() -> gateway.placed("webshop:WS-AFTER-OUTAGE").isPresent());
			assertThat(consumers.consuming()).isTrue();
			assertThat(gateway.calls("webshop:WS-100234")).as("the committed order is not read again").isEqualTo(1);
			verifyNoInteractions(failures);
		}
		finally {
			if (consumers != null) {
				consumers.stop();
			}
			kafka.close();
			broker.close();
		}
	}

	private static void send(EmbeddedKafkaBroker broker, String payload) throws Exception {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map
			.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new StringSerializer())) {
			producer.send(new ProducerRecord<>(IntakeChannel.WEBSHOP.defaultTopic(), IntakeSamples.SAMPLE_REF, payload))
				.get();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
