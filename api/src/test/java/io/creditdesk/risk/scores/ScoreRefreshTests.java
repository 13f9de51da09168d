package io.creditdesk.risk.scores;

import java.time.Duration;
import java.util.List;

import io.creditdesk.MutableClock;
import io.creditdesk.customer.CustomerCreditChanged;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * Which changes of a customer refresh its score: every new limit, whichever way it was
 * set (the limit history is part of the payment history the model reads), and nothing
 * else of the profile.
 */
class ScoreRefreshTests {

	private final MutableClock clock = new MutableClock();

	private final LiveScoring scoring = mock(LiveScoring.class);

	private final ScoreRefresh refresh = new ScoreRefresh(this.scoring, new ScoreProperties(true, 500,
			Duration.ofSeconds(5), Duration.ofSeconds(1), "0 30 0 * * *", Duration.ofSeconds(30), Duration.ofHours(1)),
			this.clock);

	@ParameterizedTest
	@ValueSource(strings = { "CREDIT_LIMIT_SET", "CREDIT_LIMIT_APPROVED", "CREDIT_LIMIT_ADJUSTED" })
	void everyNewLimitRefreshesTheScore(String action) {
		this.refresh.on(new CustomerCreditChanged("c1", action));
		this.clock.advance(Duration.ofSeconds(6));
		this.refresh.refreshDue();
		verify(this.scoring).refresh(List.of("c1"));
	}

	@Test
	void aChangeThatIsNoLimitDoesNot() {
		this.refresh.on(new CustomerCreditChanged("c1", "RISK_FLAG_RAISED"));
		this.clock.advance(Duration.ofSeconds(6));
		this.refresh.refreshDue();
		verify(this.scoring, never()).refresh(any());
	}

}
