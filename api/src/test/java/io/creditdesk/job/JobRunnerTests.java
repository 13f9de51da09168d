package io.creditdesk.job;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.creditdesk.MutableClock;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two runners, as two instances sharing one store: each job runs exactly once, and a job
 * whose runner dies (stops renewing its lease) is failed by the other with the reason
 * instead of staying RUNNING; the dead runner's late result does not overwrite that.
 */
class JobRunnerTests {

	private static final JobProperties PROPERTIES = new JobProperties(2, Duration.ofSeconds(60), Duration.ofSeconds(10),
			Duration.ofSeconds(1));

	private MongoServer server;

	private MongoClient client;

	private MongoTemplate mongo;

	private final MutableClock clock = new MutableClock();

	@BeforeEach
	void store() {
		this.server = new MongoServer(new MemoryBackend());
		InetSocketAddress address = this.server.bind();
		this.client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
		this.mongo = new MongoTemplate(this.client, "jobs-test");
	}

	@AfterEach
	void close() {
		this.client.close();
		this.server.shutdownNow();
	}

	private String queue(String kind) {
		Job job = new Job(new ObjectId().toHexString(), kind, JobStatus.QUEUED, 0, "queued", null, Map.of("n", 1), null,
				"dana", this.clock.instant(), null, null, null, null);
		return this.mongo.insert(job).id();
	}

	private Job job(String id) {
		return this.mongo.findById(id, Job.class);
	}

	@Test
	void twoInstancesPollingTogetherRunEachJobExactlyOnce() throws Exception {
		Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
		JobHandler counting = new JobHandler() {
			@Override
			public String kind() {
				return "count";
			}

			@Override
			public Map<String, Object> run(JobContext context) {
				runs.computeIfAbsent(context.jobId(), id -> new AtomicInteger()).incrementAndGet();
				context.progress(50, "half");
				return Map.of("ran", context.jobId());
			}
		};
		JobRunner a = new JobRunner(this.mongo, this.clock, PROPERTIES, List.of(counting));
		JobRunner b = new JobRunner(this.mongo, this.clock, PROPERTIES, List.of(counting));
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			ids.add(queue("count"));
		}
		CountDownLatch go = new CountDownLatch(1);
		Thread ta = new Thread(() -> pollUntilDone(a, go, ids));
		Thread tb = new Thread(() -> pollUntilDone(b, go, ids));
		ta.start();
		tb.start();
		go.countDown();
		ta.join(60_000);
		tb.join(60_000);
		assertThat(runs).hasSize(30);
		assertThat(runs.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
		for (String id : ids) {
			Job done = job(id);
			assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
			assertThat(done.progress()).isEqualTo(100.0);
			assertThat(done.result()).containsEntry("ran", id);
			assertThat(done.finishedAt()).isNotNull();
		}
		a.destroy();
		b.destroy();
	}

	private void pollUntilDone(JobRunner runner, CountDownLatch go, List<String> ids) {
		try {
			go.await();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (System.nanoTime() < deadline && ids.stream().anyMatch(id -> !job(id).status().finished())) {
				runner.poll();
				Thread.sleep(5);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void aJobWhoseInstanceDiedIsFailedWithTheReasonAndItsLateResultIsIgnored() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		JobHandler blocking = new JobHandler() {
			@Override
			public String kind() {
				return "train";
			}

			@Override
			public Map<String, Object> run(JobContext context) throws InterruptedException {
				started.countDown();
				release.await(30, TimeUnit.SECONDS);
				return Map.of("modelId", "late");
			}
		};
		JobRunner dying = new JobRunner(this.mongo, this.clock, PROPERTIES, List.of(blocking));
		JobRunner survivor = new JobRunner(this.mongo, this.clock, PROPERTIES, List.of(blocking));
		String id = queue("train");
		dying.poll();
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(job(id).status()).isEqualTo(JobStatus.RUNNING);
		assertThat(job(id).owner()).isEqualTo(dying.owner());

		// Within the lease, and while the owner renews it, nobody touches the job.
		this.clock.advance(Duration.ofSeconds(50));
		dying.heartbeat();
		this.clock.advance(Duration.ofSeconds(50));
		survivor.poll();
		assertThat(job(id).status()).isEqualTo(JobStatus.RUNNING);

		// The owner dies: no more heartbeats. After the lease the survivor fails the job.
		this.clock.advance(Duration.ofSeconds(11));
		survivor.poll();
		Job failed = job(id);
		assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
		assertThat(failed.message()).contains("stopped renewing its lease").contains(dying.owner());
		assertThat(failed.finishedAt()).isEqualTo(this.clock.instant());

		// The old owner wakes up and finishes: its result is not recorded.
		release.countDown();
		await().atMost(Duration.ofSeconds(10)).until(() -> !dying.busy());
		assertThat(job(id).status()).isEqualTo(JobStatus.FAILED);
		assertThat(job(id).result()).isNull();
		dying.destroy();
		survivor.destroy();
	}

	@Test
	void aFailingHandlerFailsTheJobWithItsSentenceAndAGracefulStopFailsWhatIsRunning() throws Exception {
		JobHandler refusing = new JobHandler() {
			@Override
			public String kind() {
				return "refuse";
			}

			@Override
			public Map<String, Object> run(JobContext context) {
				throw new IllegalArgumentException("the ledger holds no defaulted customer, so nothing can be learnt");
			}
		};
		CountDownLatch started = new CountDownLatch(1);
		JobHandler endless = new JobHandler() {
			@Override
			public String kind() {
				return "endless";
			}

			@Override
			public Map<String, Object> run(JobContext context) throws InterruptedException {
				started.countDown();
				Thread.sleep(60_000);
				return Map.of();
			}
		};
		JobRunner runner = new JobRunner(this.mongo, this.clock, PROPERTIES, List.of(refusing, endless));
		String refused = queue("refuse");
		runner.poll();
		await().atMost(Duration.ofSeconds(10)).until(() -> job(refused).status() == JobStatus.FAILED);
		assertThat(job(refused).message())
			.isEqualTo("the ledger holds no defaulted customer, so nothing can be learnt");

		String running = queue("endless");
		runner.poll();
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		runner.destroy();
		assertThat(job(running).status()).isEqualTo(JobStatus.FAILED);
		assertThat(job(running).message()).contains("shut down");
	}

}
