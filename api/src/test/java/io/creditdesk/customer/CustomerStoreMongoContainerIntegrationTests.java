package io.creditdesk.customer;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The store contract against a real MongoDB (replica set, as in production) in a
 * container. Skipped where there is no Docker engine.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest
@ActiveProfiles("test")
class CustomerStoreMongoContainerIntegrationTests extends CustomerStoreContract {

	@Container
	static final MongoDBContainer mongo = new MongoDBContainer("mongo:8.0");

	@DynamicPropertySource
	static void mongoUri(DynamicPropertyRegistry registry) {
		registry.add("MONGODB_URI", () -> mongo.getReplicaSetUrl("creditdesk"));
	}

}
