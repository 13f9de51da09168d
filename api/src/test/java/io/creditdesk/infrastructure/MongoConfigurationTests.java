package io.creditdesk.infrastructure;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's writes ask for w: majority, j: true unless the connection string sets its
 * own.
 */
class MongoConfigurationTests {

	@Test
	void writesAskForMajorityAndJournal() {
		assertThat(settings("mongodb://db1,db2,db3/creditdesk?replicaSet=rs0").getWriteConcern())
			.isEqualTo(WriteConcern.MAJORITY.withJournal(true));
		assertThat(settings("mongodb://127.0.0.1:27017/creditdesk").getWriteConcern())
			.isEqualTo(WriteConcern.MAJORITY.withJournal(true));
	}

	@Test
	void aWriteConcernInTheConnectionStringWins() {
		assertThat(settings("mongodb://db1/creditdesk?w=1&journal=false").getWriteConcern())
			.isEqualTo(WriteConcern.W1.withJournal(false));
		assertThat(settings("mongodb://db1/creditdesk?w=2").getWriteConcern()).isEqualTo(WriteConcern.W2);
	}

	private static MongoClientSettings settings(String uri) {
		ConnectionString connectionString = new ConnectionString(uri);
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		beans.registerSingleton("details", (MongoConnectionDetails) () -> connectionString);
		// As Spring Boot builds the client: the connection string first, then the
		// customizers.
		MongoClientSettings.Builder builder = MongoClientSettings.builder().applyConnectionString(connectionString);
		new MongoConfiguration().durableWrites(beans.getBeanProvider(MongoConnectionDetails.class)).customize(builder);
		return builder.build();
	}

}
