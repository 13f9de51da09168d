package io.creditdesk.infrastructure;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions.BigDecimalRepresentation;

/**
 * Money is stored as Decimal128 so that atomic {@code $inc} and {@code $expr} comparisons work
 * on exact values; dates use the driver's UTC codecs so stored values do not depend on the
 * server's time zone. An unreachable server fails fast (health reports DOWN within seconds).
 */
@Configuration(proxyBeanMethods = false)
class MongoConfiguration {

	@Bean
	MongoCustomConversions mongoCustomConversions() {
		return MongoCustomConversions
			.create(adapter -> adapter.bigDecimal(BigDecimalRepresentation.DECIMAL128).useNativeDriverJavaTimeCodecs());
	}

	@Bean
	MongoClientSettingsBuilderCustomizer failFastMongoClient(InfrastructureProperties properties) {
		Duration timeout = properties.connectTimeout();
		return builder -> builder
			.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS))
			.applyToSocketSettings(socket -> socket.connectTimeout((int) timeout.toMillis(), TimeUnit.MILLISECONDS)
				.readTimeout((int) properties.readTimeout().toMillis(), TimeUnit.MILLISECONDS));
	}

}
