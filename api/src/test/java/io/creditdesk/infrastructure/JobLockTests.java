package io.creditdesk.infrastructure;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicReference;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.creditdesk.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A leased job's runs as the lease records them, seen by another instance: success and
 * failure with their times and counts, a running job, one abandoned by a stopped
 * instance, and a timer per outcome.
 */
class JobLockTests {

	private static final Duration LEASE = Duration.ofMinutes(5);

	private MongoServer server;

	private MongoClient client;

	private MongoTemplate mongo;

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@BeforeEach
	void store() {
		this.server = new MongoServer(new MemoryBackend());
		InetSocketAddress address = this.server.bind();
		this.client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
		this.mongo = new MongoTemplate(this.client, "locks-test");
	}

	@AfterEach
	void close() {
		this.client.close();
		this.server.shutdownNow();
	}

	private JobLock instance() {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("meters", this.meters);
		return new JobLock(this.mongo, this.clock, beans.getBeanProvider(MeterRegistry.class));
	}

	private JobLock.Lease lease(JobLock reader, String name) {
		return reader.leases().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
	}

	@Test
	void aRunIsRecordedWithItsTimesOutcomeAndCountForEveryInstanceToRead() {
		JobLock a = instance();
		JobLock b = instance();
		Instant start = this.clock.instant();
		assertThat(a.runExclusively("sweep", LEASE, () -> this.clock.advance(Duration.ofSeconds(7)))).isTrue();
		JobLock.Lease lease = lease(b, "sweep");
		assertThat(lease.startedAt()).isEqualTo(start);
		assertThat(lease.lastFinishedAt()).isEqualTo(start.plusSeconds(7));
		assertThat(lease.lastSucceededAt()).isEqualTo(start.plusSeconds(7));
		assertThat(lease.lastOutcome()).isEqualTo(JobLock.Outcome.SUCCEEDED);
		assertThat(lease.lastError()).isNull();
		assertThat(lease.runs()).isEqualTo(1);
		assertThat(lease.failures()).isZero();
		assertThat(lease.running(this.clock.instant())).isFalse();
		assertThat(lease.abandoned(this.clock.instant())).isFalse();
		assertThat(lease.lastDuration()).isNotNull();
		// The lease is free again: the other instance runs the next one.
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(b.runExclusively("sweep", LEASE, () -> {
		})).isTrue();
		assertThat(lease(a, "sweep").runs()).isEqualTo(2);
	}

	@Test
	void aFailureIsRecordedThrownByRunExclusivelyAndLoggedByRunAloneKeepingTheLastSuccess() {
		JobLock lock = instance();
		lock.runExclusively("reviews", LEASE, () -> {
		});
		Instant succeeded = this.clock.instant();
		this.clock.advance(Duration.ofMinutes(1));
		assertThatThrownBy(() -> lock.runExclusively("reviews", LEASE, () -> {
			throw new IllegalStateException("store away");
		})).isInstanceOf(IllegalStateException.class).hasMessage("store away");
		Instant firstFailure = this.clock.instant();
		JobLock.Lease lease = lease(lock, "reviews");
		assertThat(lease.failingSince()).isEqualTo(firstFailure);
		assertThat(lease.lastOutcome()).isEqualTo(JobLock.Outcome.FAILED);
		assertThat(lease.lastError()).isEqualTo("java.lang.IllegalStateException: store away");
		assertThat(lease.lastSucceededAt()).isEqualTo(succeeded);
		assertThat(lease.runs()).isEqualTo(2);
		assertThat(lease.failures()).isEqualTo(1);
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(lock.runAlone("reviews", LEASE, () -> {
			throw new IllegalArgumentException("x".repeat(1000));
		})).isFalse();
		lease = lease(lock, "reviews");
		assertThat(lease.failures()).isEqualTo(2);
		assertThat(lease.lastError()).hasSize(JobLock.ERROR_LENGTH).endsWith("…");
		// A streak of failures keeps the instant it began.
		assertThat(lease.failingSince()).isEqualTo(firstFailure);
		// A success clears the error.
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(lock.runAlone("reviews", LEASE, () -> {
		})).isTrue();
		lease = lease(lock, "reviews");
		assertThat(lease.lastError()).isNull();
		assertThat(lease.lastOutcome()).isEqualTo(JobLock.Outcome.SUCCEEDED);
		assertThat(lease.failingSince()).isNull();
		assertThat(lease.lastSucceededAt()).isEqualTo(this.clock.instant());
		Timer failed = this.meters.find(JobLock.RUNS_METRIC).tags("job", "reviews", "outcome", "FAILED").timer();
		Timer ok = this.meters.find(JobLock.RUNS_METRIC).tags("job", "reviews", "outcome", "SUCCEEDED").timer();
		assertThat(failed).isNotNull();
		assertThat(failed.count()).isEqualTo(2);
		assertThat(ok.count()).isEqualTo(2);
	}

	@Test
	void aRunningJobShowsAsRunningAndOneWhoseInstanceStoppedAsAbandonedOnceItsLeaseRanOut() {
		JobLock a = instance();
		JobLock b = instance();
		AtomicReference<JobLock.Lease> during = new AtomicReference<>();
		a.runExclusively("reconcile", LEASE, () -> during.set(lease(b, "reconcile")));
		assertThat(during.get().running(this.clock.instant())).isTrue();
		assertThat(during.get().abandoned(this.clock.instant())).isFalse();
		assertThat(during.get().lastOutcome()).isNull();
		// An instance takes the lease and stops before it releases it.
		this.clock.advance(Duration.ofMinutes(1));
		this.mongo.getCollection("job_locks")
			.updateOne(new Document("_id", "reconcile"),
					new Document("$set",
							new Document("lockedAt", Date.from(this.clock.instant()))
								.append("lockedUntil", Date.from(this.clock.instant().plus(LEASE)))
								.append("owner", "stopped-instance")));
		JobLock.Lease taken = lease(b, "reconcile");
		assertThat(taken.running(this.clock.instant())).isTrue();
		assertThat(taken.lastOutcome()).isEqualTo(JobLock.Outcome.SUCCEEDED);
		this.clock.advance(LEASE.plusSeconds(1));
		JobLock.Lease expired = lease(b, "reconcile");
		assertThat(expired.running(this.clock.instant())).isFalse();
		assertThat(expired.abandoned(this.clock.instant())).isTrue();
		// The next run takes over and finishes: neither running nor abandoned.
		assertThat(b.runExclusively("reconcile", LEASE, () -> {
		})).isTrue();
		JobLock.Lease next = lease(a, "reconcile");
		assertThat(next.abandoned(this.clock.instant())).isFalse();
		assertThat(next.runs()).isEqualTo(2);
	}

	@Test
	void aRunThatLostItsLeaseToAnotherInstanceDoesNotOverwriteTheOthersRecord() {
		JobLock a = instance();
		JobLock b = instance();
		a.runExclusively("slow", LEASE, () -> {
			// Past its lease: the other instance takes it and finishes first.
			this.clock.advance(LEASE.plusSeconds(1));
			assertThat(b.runExclusively("slow", LEASE, () -> {
			})).isTrue();
			this.clock.advance(Duration.ofSeconds(1));
		});
		JobLock.Lease lease = lease(a, "slow");
		assertThat(lease.runs()).isEqualTo(1);
		assertThat(lease.lastFinishedAt()).isEqualTo(lease.startedAt());
	}

}
