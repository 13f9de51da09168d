package io.creditdesk.riskevent;

import java.util.HashMap;
import java.util.Map;

import io.creditdesk.infrastructure.KafkaReadiness;
import io.creditdesk.intake.IntakeWorklist;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The consumer of the external risk events and its dead letters. The producer of the dead
 * letters is built here and not declared as a bean: a bean of that type would make Spring
 * Boot drop its own, which the credit events use.
 */
@Configuration(proxyBeanMethods = false)
class RiskEventConfiguration {

	/**
	 * The dead letters, publishing with producers of their own: the raw bytes as they
	 * came, acknowledged by all replicas, outside any transaction.
	 */
	@Bean(destroyMethod = "close")
	RiskEventDeadLetters riskEventDeadLetters(RiskEventProperties properties, IntakeWorklist worklist,
			ProducerFactory<?, ?> bootProducers) {
		Map<String, Object> config = new HashMap<>(bootProducers.getConfigurationProperties());
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.CLIENT_ID_CONFIG, "creditdesk-risk-events-dlt");
		config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
		return new RiskEventDeadLetters(properties, new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config)),
				worklist);
	}

	@Bean
	RiskEventConsumer riskEventConsumer(RiskEventProperties properties, RiskEventProcessor processor,
			RiskEventDeadLetters deadLetters, ConsumerFactory<?, ?> bootConsumers, KafkaReadiness kafka,
			MongoTemplate mongo) {
		return new RiskEventConsumer(properties, processor, deadLetters, bootConsumers, kafka, mongo);
	}

}
