package io.creditdesk.infrastructure;

import com.mongodb.WriteConcern;
import io.creditdesk.CreditDeskIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running service sends w: majority, j: true with every write, to the embedded server
 * as to a real one.
 */
@CreditDeskIntegrationTest
class DurableWritesIntegrationTests {

	@Autowired
	private MongoTemplate mongo;

	@Test
	void theServicesWritesAskForMajorityAndJournal() {
		assertThat(this.mongo.getDb().getWriteConcern()).isEqualTo(WriteConcern.MAJORITY.withJournal(true));
		assertThat(this.mongo.getCollection("customers").getWriteConcern())
			.isEqualTo(WriteConcern.MAJORITY.withJournal(true));
	}

}
