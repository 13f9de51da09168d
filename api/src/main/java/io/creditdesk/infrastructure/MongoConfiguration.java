package io.creditdesk.infrastructure;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.mongodb.ConnectionString;
import com.mongodb.WriteConcern;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions.BigDecimalRepresentation;

/**
 * Money is stored as Decimal128 so that atomic {@code $inc} and {@code $expr} comparisons
 * work on exact values; dates use the driver's UTC codecs so stored values do not depend
 * on the server's time zone. An unreachable server fails fast (health reports DOWN within
 * seconds). Writes are acknowledged once durable: {@code w: "majority", j: true} unless
 * the connection string says otherwise.
 */
@Configuration(proxyBeanMethods = false)
class MongoConfiguration {

	/** The service's write concern unless the connection string sets one. */
	static final WriteConcern DURABLE = WriteConcern.MAJORITY.withJournal(true);

	@Bean
	MongoCustomConversions mongoCustomConversions() {
		return MongoCustomConversions
			.create(adapter -> adapter.bigDecimal(BigDecimalRepresentation.DECIMAL128).useNativeDriverJavaTimeCodecs());
	}

	/**
	 * Every write asks for {@code w: "majority", j: true}: on a replica set it is
	 * acknowledged once a majority of members has it in their journal, so no election or
	 * crash can undo it; the embedded server answers it once it is in the synced store
	 * file. A {@code w} or {@code journal} option in {@code MONGODB_URI} takes precedence
	 * (an operator's explicit choice).
	 */
	@Bean
	MongoClientSettingsBuilderCustomizer durableWrites(ObjectProvider<MongoConnectionDetails> details) {
		return builder -> {
			MongoConnectionDetails connection = details.getIfAvailable();
			ConnectionString uri = (connection != null) ? connection.getConnectionString() : null;
			WriteConcern configured = (uri != null) ? uri.getWriteConcern() : null;
			builder.writeConcern((configured != null) ? configured : DURABLE);
		};
	}

	@Bean
	MongoClientSettingsBuilderCustomizer failFastMongoClient(InfrastructureProperties properties) {
		Duration timeout = properties.connectTimeout();
		return builder -> builder
			.applyToClusterSettings(
					cluster -> cluster.serverSelectionTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS))
			.applyToSocketSettings(socket -> socket.connectTimeout((int) timeout.toMillis(), TimeUnit.MILLISECONDS)
				.readTimeout((int) properties.readTimeout().toMillis(), TimeUnit.MILLISECONDS));
	}

}
