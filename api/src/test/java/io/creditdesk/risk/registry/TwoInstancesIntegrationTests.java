package io.creditdesk.risk.registry;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.creditdesk.CreditDeskApplication;
import io.creditdesk.embedded.EmbeddedKafkaBroker;
import io.creditdesk.embedded.EmbeddedProperties;
import io.creditdesk.risk.ActiveModels;
import io.creditdesk.risk.ModelInUse;
import io.creditdesk.risk.RiskHttp;
import io.creditdesk.risk.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the service side by side on one store. Starting together they register
 * the build's champion once; a promotion approved on one is served by the other within
 * seconds, without a restart, and a reader of the other's models never sees a gap while
 * it switches.
 */
class TwoInstancesIntegrationTests {

	@TempDir
	Path dataDir;

	private ConfigurableApplicationContext start(String name, String mongoUri, String kafka) {
		// Arguments, not default properties: application.yml would override those.
		return new SpringApplicationBuilder(CreditDeskApplication.class).profiles("test")
			.run("--server.port=0", "--spring.mongodb.uri=" + mongoUri, "--spring.kafka.bootstrap-servers=" + kafka,
					"--creditdesk.intake.enabled=false", "--creditdesk.models.poll-interval=500ms",
					"--creditdesk.embedded.data-dir=" + this.dataDir.resolve(name));
	}

	@Test
	void twoInstancesShareOneRegistryAndSwitchTogether() throws Exception {
		MongoServer mongo = new MongoServer(new MemoryBackend());
		InetSocketAddress address = mongo.bind();
		String uri = "mongodb://" + address.getHostString() + ":" + address.getPort() + "/creditdesk";
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(
				new EmbeddedProperties(this.dataDir.resolve("kafka"), true, 0, 0, "creditdesk", 16))) {
			broker.awaitReady(Duration.ofSeconds(90));
			Future<ConfigurableApplicationContext> startA = pool
				.submit(() -> start("a", uri, broker.bootstrapServers()));
			Future<ConfigurableApplicationContext> startB = pool
				.submit(() -> start("b", uri, broker.bootstrapServers()));
			try (ConfigurableApplicationContext a = startA.get(); ConfigurableApplicationContext b = startB.get()) {
				ActiveModels modelsA = a.getBean(ActiveModels.class);
				ActiveModels modelsB = b.getBean(ActiveModels.class);
				assertThat(modelsA.getClass().getSimpleName()).startsWith("RegistryActiveModels");

				// Both ask for their champion at the same moment: one registers it.
				CountDownLatch go = new CountDownLatch(1);
				Future<ModelInUse> championA = pool.submit(() -> {
					go.await();
					return modelsA.champion();
				});
				Future<ModelInUse> championB = pool.submit(() -> {
					go.await();
					return modelsB.champion();
				});
				go.countDown();
				assertThat(championA.get().sha256()).isEqualTo(championB.get().sha256());
				MongoTemplate store = a.getBean(MongoTemplate.class);
				assertThat(store.count(Query.query(Criteria.where("source").is("build")), RegisteredModel.class))
					.isEqualTo(1);
				assertThat(store.count(new Query(), RegistryState.class)).isEqualTo(1);

				// A reader on B throughout the switch: never without a champion.
				AtomicBoolean reading = new AtomicBoolean(true);
				Queue<String> seen = new ConcurrentLinkedQueue<>();
				Future<?> reader = pool.submit(() -> {
					while (reading.get()) {
						ModelInUse champion = modelsB.champion();
						seen.add(champion == null ? "none" : champion.name());
					}
				});

				// Upload, propose and approve on A.
				int portA = a.getEnvironment().getProperty("local.server.port", Integer.class);
				HttpResponse<String> uploaded = RiskHttp
					.send(HttpRequest.newBuilder(URI.create("http://localhost:" + portA + "/api/models?name=swap"))
						.header("Authorization", RiskHttp.basic("datasci"))
						.header("Content-Type", "application/octet-stream")
						.POST(HttpRequest.BodyPublishers.ofByteArray(TestModels.logistic().model()))
						.build());
				assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
				String id = RiskHttp.JSON.readTree(uploaded.body()).get("id").asString();
				String promotion = RiskHttp
					.graphQl(portA, "datasci",
							"mutation { proposeModelPromotion(input: {modelId: \"" + id
									+ "\", target: CHAMPION, justification: \"swap test\"}) { promotion { id } } }")
					.at("/proposeModelPromotion/promotion/id")
					.asString();
				RiskHttp.graphQl(portA, "cfo", "mutation { approveModelPromotion(input: {promotionId: \"" + promotion
						+ "\"}) { userErrors { code } } }");

				// B switches within seconds, without a restart.
				await().atMost(Duration.ofSeconds(10)).until(() -> modelsB.champion().name().equals("swap"));
				await().atMost(Duration.ofSeconds(10)).until(() -> modelsA.champion().name().equals("swap"));
				assertThat(modelsB.generation()).isEqualTo(modelsA.generation());
				reading.set(false);
				reader.get();
				assertThat(seen).doesNotContain("none").contains("credit-risk", "swap");
				assertThat(List.copyOf(seen).indexOf("swap"))
					.isGreaterThan(List.copyOf(seen).lastIndexOf("credit-risk"));
			}
		}
		finally {
			pool.shutdownNow();
			mongo.shutdownNow();
		}
	}

}
