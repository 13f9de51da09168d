package io.creditdesk.embedded;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.mongodb.ConnectionString;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Starts the embedded servers unless an external address is configured, and hands their
 * addresses to Spring Boot as connection details, so the rest of the service talks to
 * them through the ordinary MongoDB driver and Kafka clients. The store tracks the sparse
 * fields the capabilities declare as {@link SparseField} beans.
 */
@Configuration(proxyBeanMethods = false)
class EmbeddedServersConfiguration {

	@Configuration(proxyBeanMethods = false)
	@Conditional(NoExternalMongo.class)
	static class Mongo {

		@Bean(destroyMethod = "close")
		EmbeddedMongoServer embeddedMongoServer(EmbeddedProperties properties, ObjectProvider<SparseField> declared) {
			Set<String> sparseFields = declared.stream().map(SparseField::name).collect(Collectors.toSet());
			return new EmbeddedMongoServer(properties, sparseFields);
		}

		@Bean
		MongoConnectionDetails embeddedMongoConnectionDetails(EmbeddedMongoServer server) {
			ConnectionString connectionString = new ConnectionString(server.connectionString());
			return () -> connectionString;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(NoExternalKafka.class)
	static class Kafka {

		@Bean(destroyMethod = "close")
		EmbeddedKafkaBroker embeddedKafkaBroker(EmbeddedProperties properties) {
			return new EmbeddedKafkaBroker(properties);
		}

		@Bean
		KafkaConnectionDetails embeddedKafkaConnectionDetails(EmbeddedKafkaBroker broker) {
			List<String> servers = List.of(broker.bootstrapServers());
			return () -> servers;
		}

	}

	static final class NoExternalMongo implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Environment env = context.getEnvironment();
			return !StringUtils.hasText(env.getProperty("MONGODB_URI"))
					&& !StringUtils.hasText(env.getProperty("spring.mongodb.uri"));
		}

	}

	static final class NoExternalKafka implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Environment env = context.getEnvironment();
			return !StringUtils.hasText(env.getProperty("KAFKA_BOOTSTRAP_SERVERS"))
					&& !StringUtils.hasText(env.getProperty("spring.kafka.bootstrap-servers"));
		}

	}

}
