package io.creditdesk.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Group commit: a writer returns only after a commit that started after it asked; writers
 * that ask while a commit runs share the next one; a failed commit fails its writers and
 * all later ones.
 */
class GroupCommitTests {

	@Test
	void writersAskingDuringACommitWaitForTheNextOneAndShareIt() throws Exception {
		CountDownLatch firstStarted = new CountDownLatch(1);
		CountDownLatch releaseFirst = new CountDownLatch(1);
		AtomicInteger started = new AtomicInteger();
		AtomicInteger finished = new AtomicInteger();
		GroupCommit commits = new GroupCommit("test-commit", () -> {
			if (started.incrementAndGet() == 1) {
				firstStarted.countDown();
				awaitLatch(releaseFirst);
			}
			finished.incrementAndGet();
		});
		try {
			CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> {
				commits.awaitDurable();
				return finished.get();
			});
			awaitLatch(firstStarted);
			List<CompletableFuture<Integer>> later = new ArrayList<>();
			for (int i = 0; i < 7; i++) {
				later.add(CompletableFuture.supplyAsync(() -> {
					commits.awaitDurable();
					return finished.get();
				}, runnable -> new Thread(runnable).start()));
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> commits.requested() == 8);
			releaseFirst.countDown();

			assertThat(first.get(30, TimeUnit.SECONDS)).as("the first writer returns after the first commit")
				.isGreaterThanOrEqualTo(1);
			for (CompletableFuture<Integer> writer : later) {
				assertThat(writer.get(30, TimeUnit.SECONDS)).as("returned only after the second commit ended")
					.isEqualTo(2);
			}
			assertThat(commits.commits()).as("seven writers, one commit").isEqualTo(2);
			assertThat(started.get()).isEqualTo(2);
		}
		finally {
			releaseFirst.countDown();
			commits.close();
		}
	}

	@Test
	void aWriterAloneIsCommittedAtOnce() {
		AtomicInteger finished = new AtomicInteger();
		try (GroupCommit commits = new GroupCommit("test-commit", finished::incrementAndGet)) {
			commits.awaitDurable();
			assertThat(finished.get()).isEqualTo(1);
			commits.awaitDurable();
			assertThat(finished.get()).isEqualTo(2);
			assertThat(commits.statistics()).isEqualTo("2 durable writes in 2 commits (1.0 per commit)");
		}
	}

	@Test
	void aFailedCommitFailsItsWritersAndEveryLaterOne() {
		try (GroupCommit commits = new GroupCommit("test-commit", () -> {
			throw new IllegalStateException("No space left on device");
		})) {
			assertThatThrownBy(commits::awaitDurable).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("could not write its file")
				.hasMessageContaining("No space left on device");
			assertThatThrownBy(commits::awaitDurable).hasMessageContaining("No space left on device");
			assertThat(commits.commits()).isZero();
		}
	}

	@Test
	void noWriterIsAcceptedOnceClosed() {
		GroupCommit commits = new GroupCommit("test-commit", () -> {
		});
		commits.close();
		assertThatThrownBy(commits::awaitDurable).hasMessageContaining("closing");
	}

	private static void awaitLatch(CountDownLatch latch) {
		try {
			if (!latch.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("Timed out waiting for the test's latch");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
