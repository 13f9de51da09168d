package io.creditdesk.intake;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The intake's Kafka listener, as spring-kafka beans: a listener container factory (the
 * intake's consumer settings, its concurrency, one offset commit per poll, partitions
 * tracked across rebalances) whose {@link DefaultErrorHandler} retries only what the
 * {@link TransientFailurePolicy} knows as transient, with exponential back-off, and hands
 * every other failure, and a transient one that outlasts its attempts, to the
 * {@link IntakeDeadLetters}. {@link IntakeConsumers} creates the container from the
 * factory once Kafka is ready.
 * <p>
 * The consumer and producer factories are built here and not declared as beans: a bean of
 * either type would make Spring Boot drop its own, which the credit events use.
 */
@Configuration(proxyBeanMethods = false)
class IntakeListenerConfiguration {

	/**
	 * The name of the intake's container: its consumer threads and client ids carry it.
	 */
	static final String CONTAINER = "creditdesk-intake";

	/** For a permanent failure: no further delivery, straight to the dead letters. */
	private static final BackOff NO_RETRIES = new FixedBackOff(0, 0);

	@Bean
	PartitionProgress intakeProgress(Clock clock) {
		return new PartitionProgress(clock);
	}

	@Bean(destroyMethod = "close")
	IntakeDeadLetters intakeDeadLetters(IntakeProperties properties, IntakeProcessor processor,
			IntakeFailureStore failures, Clock clock, ProducerFactory<?, ?> bootProducers, PartitionProgress progress,
			ObjectProvider<MeterRegistry> meters) {
		return deadLetters(properties, processor, failures, clock, bootProducers, progress, meters.getIfAvailable());
	}

	/**
	 * Not a default candidate: Spring Boot hands a unique {@code CommonErrorHandler} bean
	 * to its own listener container factory, and this one dead-letters into the intake's
	 * topics and worklist, so it is injected only where it is asked for by name.
	 */
	@Bean(defaultCandidate = false)
	DefaultErrorHandler intakeErrorHandler(IntakeDeadLetters intakeDeadLetters, IntakeProperties properties) {
		return errorHandler(intakeDeadLetters, properties);
	}

	@Bean
	ConcurrentKafkaListenerContainerFactory<String, byte[]> intakeListenerContainerFactory(IntakeProperties properties,
			ConsumerFactory<?, ?> bootConsumers, ObjectProvider<MeterRegistry> meters,
			@Qualifier("intakeErrorHandler") DefaultErrorHandler intakeErrorHandler, PartitionProgress progress) {
		return listenerContainerFactory(properties, bootConsumers, meters.getIfAvailable(), intakeErrorHandler,
				progress);
	}

	/**
	 * The dead letters, publishing with producers of their own: the raw bytes as they
	 * came (String keys, byte[] values), acknowledged by all replicas, outside any
	 * transaction.
	 */
	static IntakeDeadLetters deadLetters(IntakeProperties properties, IntakeProcessor processor,
			IntakeFailureStore failures, Clock clock, ProducerFactory<?, ?> bootProducers, PartitionProgress progress,
			MeterRegistry meters) {
		Map<String, Object> config = new HashMap<>(bootProducers.getConfigurationProperties());
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.CLIENT_ID_CONFIG, "creditdesk-intake-dlt");
		config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		return new IntakeDeadLetters(properties, processor, failures, clock,
				new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config)), progress,
				TransientFailurePolicy.standard(), meters);
	}

	/**
	 * The policy decides alone: the configured back-off for a transient failure, none for
	 * any other; the offset of a dead-lettered record is committed.
	 */
	static DefaultErrorHandler errorHandler(IntakeDeadLetters deadLetters, IntakeProperties properties) {
		ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(properties.maxAttempts() - 1);
		backOff.setInitialInterval(properties.initialBackoff().toMillis());
		backOff.setMultiplier(properties.backoffMultiplier());
		backOff.setMaxInterval(properties.maxBackoff().toMillis());
		DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters, backOff);
		TransientFailurePolicy policy = TransientFailurePolicy.standard();
		handler.setBackOffFunction((record, ex) -> policy.isTransient(ex) ? null : NO_RETRIES);
		handler.setCommitRecovered(true);
		return handler;
	}

	static ConcurrentKafkaListenerContainerFactory<String, byte[]> listenerContainerFactory(IntakeProperties properties,
			ConsumerFactory<?, ?> bootConsumers, MeterRegistry meters, DefaultErrorHandler errorHandler,
			PartitionProgress progress) {
		Map<String, Object> config = new HashMap<>(bootConsumers.getConfigurationProperties());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupId());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		// The value as the bytes that were sent: nothing in a payload can fail
		// deserialization, and the
		// dead letter and the worklist keep exactly what arrived.
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, CONTAINER);
		// Spread the partitions of all raw topics evenly over the consumer threads (the
		// range assignor splits each topic on its own, which leaves some threads twice
		// the partitions of others), and move only what must move when threads or
		// instances come and go. The range assignor stays listed so that a group still
		// running an older version agrees on a protocol during a rolling upgrade.
		config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
				List.of(CooperativeStickyAssignor.class.getName(), RangeAssignor.class.getName()));
		DefaultKafkaConsumerFactory<String, byte[]> consumers = new DefaultKafkaConsumerFactory<>(config);
		if (meters != null) {
			consumers.addListener(new MicrometerConsumerListener<>(meters));
		}
		ConcurrentKafkaListenerContainerFactory<String, byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
		factory.setConsumerFactory(consumers);
		factory.setConcurrency(properties.concurrency());
		factory.setCommonErrorHandler(errorHandler);
		// Started by IntakeConsumers once Kafka is ready, never by the context.
		factory.setAutoStartup(false);
		ContainerProperties container = factory.getContainerProperties();
		container.setGroupId(properties.groupId());
		// Offsets are committed once per poll, after every record of it was placed or
		// dead-lettered (and before the error handler re-seeks a failed record): not one
		// synchronous commit per order. A crash before the commit redelivers placed
		// orders, which the idempotent gateway answers again.
		container.setAckMode(ContainerProperties.AckMode.BATCH);
		container.setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {

			@Override
			public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
				progress.released(partitions);
			}

			@Override
			public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
				progress.released(partitions);
			}

		});
		return factory;
	}

}
