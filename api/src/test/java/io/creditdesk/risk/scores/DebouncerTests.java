package io.creditdesk.risk.scores;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DebouncerTests {

	private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

	private final Debouncer debouncer = new Debouncer(Duration.ofSeconds(5));

	@Test
	void aBurstOfRequestsForOneCustomerIsTakenOnceAfterTheQuietPeriod() {
		this.debouncer.request("c1", T0);
		this.debouncer.request("c1", T0.plusSeconds(3));
		this.debouncer.request("c1", T0.plusSeconds(4));
		assertThat(this.debouncer.takeDue(T0.plusSeconds(6), 10)).isEmpty();
		assertThat(this.debouncer.takeDue(T0.plusSeconds(9), 10)).containsExactly("c1");
		assertThat(this.debouncer.takeDue(T0.plusSeconds(20), 10)).isEmpty();
	}

	@Test
	void customersAreDueEachAfterTheirOwnLatestRequest() {
		this.debouncer.request("c1", T0);
		this.debouncer.request("c2", T0.plusSeconds(2));
		assertThat(this.debouncer.takeDue(T0.plusSeconds(5), 10)).containsExactly("c1");
		assertThat(this.debouncer.takeDue(T0.plusSeconds(7), 10)).containsExactly("c2");
	}

	@Test
	void atMostTheGivenNumberIsTakenAndTheRestWaits() {
		for (int i = 0; i < 5; i++) {
			this.debouncer.request("c" + i, T0);
		}
		assertThat(this.debouncer.takeDue(T0.plusSeconds(5), 3)).hasSize(3);
		assertThat(this.debouncer.waiting()).isEqualTo(2);
		assertThat(this.debouncer.takeDue(T0.plusSeconds(5), 3)).hasSize(2);
	}

}
