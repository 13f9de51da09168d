package io.creditdesk.intake;

import java.time.Duration;
import java.util.List;

import io.creditdesk.MutableClock;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which record each partition holds, since when: the stall the intake health reports. */
class PartitionProgressTests {

	private static final Duration THRESHOLD = Duration.ofMinutes(2);

	private final MutableClock clock = new MutableClock();

	private final PartitionProgress progress = new PartitionProgress(this.clock);

	@Test
	void aRecordRedeliveredPastTheThresholdIsAStallWithItsPlace() {
		this.progress.delivered("orders.raw.webshop", 3, 17L);
		this.clock.advance(Duration.ofSeconds(90));
		this.progress.delivered("orders.raw.webshop", 3, 17L);
		assertThat(this.progress.heldLongerThan(THRESHOLD)).isEmpty();

		this.clock.advance(Duration.ofSeconds(31));
		this.progress.delivered("orders.raw.webshop", 3, 17L);
		List<PartitionProgress.Held> stalled = this.progress.heldLongerThan(THRESHOLD);
		assertThat(stalled).singleElement().satisfies(held -> {
			assertThat(held.topic()).isEqualTo("orders.raw.webshop");
			assertThat(held.partition()).isEqualTo(3);
			assertThat(held.offset()).isEqualTo(17L);
			assertThat(held.deliveries()).isEqualTo(3);
			assertThat(held.heldFor(this.clock.instant())).isEqualTo(Duration.ofSeconds(121));
		});
		assertThat(this.progress.deliveries("orders.raw.webshop", 3, 17L)).isEqualTo(3);
		assertThat(this.progress.longestHeld()).isEqualTo(Duration.ofSeconds(121));
	}

	@Test
	void aPartitionThatMovesOnIsNoStallHoweverLongItRuns() {
		for (long offset = 0; offset < 100; offset++) {
			this.progress.delivered("orders.raw.edi", 0, offset);
			this.clock.advance(Duration.ofSeconds(10));
			this.progress.passed("orders.raw.edi", 0, offset);
		}
		assertThat(this.progress.heldLongerThan(THRESHOLD)).isEmpty();
		assertThat(this.progress.longestHeld()).isZero();
	}

	@Test
	void theNextRecordStartsItsOwnClock() {
		this.progress.delivered("orders.raw.edi", 0, 5L);
		this.clock.advance(Duration.ofMinutes(5));
		this.progress.delivered("orders.raw.edi", 0, 6L);
		assertThat(this.progress.heldLongerThan(THRESHOLD)).isEmpty();
		assertThat(this.progress.deliveries("orders.raw.edi", 0, 6L)).isEqualTo(1);
	}

	@Test
	void passingAnEarlierOffsetDoesNotReleaseALaterRecord() {
		this.progress.delivered("orders.raw.edi", 0, 6L);
		this.progress.passed("orders.raw.edi", 0, 5L);
		this.clock.advance(Duration.ofMinutes(3));
		assertThat(this.progress.heldLongerThan(THRESHOLD)).extracting(PartitionProgress.Held::offset)
			.containsExactly(6L);
	}

	@Test
	void partitionsThatMovedToAnotherConsumerAreNotReportedHere() {
		this.progress.delivered("orders.raw.edi", 0, 5L);
		this.progress.delivered("orders.raw.edi", 1, 9L);
		this.clock.advance(Duration.ofMinutes(3));
		this.progress.released(List.of(new TopicPartition("orders.raw.edi", 0)));
		assertThat(this.progress.heldLongerThan(THRESHOLD)).extracting(PartitionProgress.Held::partition)
			.containsExactly(1);
		this.progress.releaseAll();
		assertThat(this.progress.heldLongerThan(THRESHOLD)).isEmpty();
	}

	@Test
	void longestFirst() {
		this.progress.delivered("orders.raw.edi", 1, 9L);
		this.clock.advance(Duration.ofMinutes(1));
		this.progress.delivered("orders.raw.webshop", 2, 4L);
		this.clock.advance(Duration.ofMinutes(3));
		assertThat(this.progress.heldLongerThan(THRESHOLD)).extracting(PartitionProgress.Held::topic)
			.containsExactly("orders.raw.edi", "orders.raw.webshop");
	}

}
