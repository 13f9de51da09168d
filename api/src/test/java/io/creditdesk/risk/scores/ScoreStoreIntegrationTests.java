package io.creditdesk.risk.scores;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.TestCustomers;
import io.creditdesk.scoring.model.RiskGrade;
import io.creditdesk.scoring.model.ScoreStatus;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which score a customer keeps when two scorings of it are stored out of order: the one
 * of the later models, and of the same models the one made on facts read later (a
 * portfolio run that read the ledger before a payment against the payment's refresh).
 */
@CreditDeskIntegrationTest
class ScoreStoreIntegrationTests {

	private static final Instant READ_BEFORE_THE_PAYMENT = Instant.parse("2026-12-01T10:00:00Z");

	private static final Instant READ_AFTER_THE_PAYMENT = Instant.parse("2026-12-01T10:00:05Z");

	@Autowired
	private ScoreStore store;

	@Test
	void aScoreOnOlderFactsDoesNotReplaceOneOnNewerFacts() {
		String customer = "score-store-" + TestCustomers.uniqueRef();
		// The payment's refresh stores first; the run's batch, read before the payment,
		// comes after it.
		assertThat(this.store.save(List.of(scored(customer, RiskGrade.B, READ_AFTER_THE_PAYMENT)), 3)).isEqualTo(1);
		assertThat(this.store.save(List.of(scored(customer, RiskGrade.D, READ_BEFORE_THE_PAYMENT)), 3)).isZero();
		assertThat(this.store.current(customer).orElseThrow().champion().grade()).isEqualTo(RiskGrade.B);

		// The same facts scored again (a run repeated) replace it.
		assertThat(this.store.save(List.of(scored(customer, RiskGrade.C, READ_AFTER_THE_PAYMENT)), 3)).isEqualTo(1);
		assertThat(this.store.current(customer).orElseThrow().champion().grade()).isEqualTo(RiskGrade.C);
	}

	@Test
	void aScoreOfLaterModelsReplacesOneOfEarlierModelsAndNotTheOtherWayRound() {
		String customer = "score-store-" + TestCustomers.uniqueRef();
		String other = "score-store-" + TestCustomers.uniqueRef();
		this.store.save(List.of(scored(customer, RiskGrade.B, READ_AFTER_THE_PAYMENT)), 3);
		// One batch: a new customer is stored beside one whose stored score is newer.
		assertThat(this.store.save(List.of(scored(customer, RiskGrade.E, READ_AFTER_THE_PAYMENT.plusSeconds(60)),
				scored(other, RiskGrade.A, READ_BEFORE_THE_PAYMENT)), 2))
			.isEqualTo(1);
		assertThat(this.store.current(customer).orElseThrow().champion().grade()).isEqualTo(RiskGrade.B);
		assertThat(this.store.current(other).orElseThrow().champion().grade()).isEqualTo(RiskGrade.A);

		assertThat(this.store.save(List.of(scored(customer, RiskGrade.D, READ_BEFORE_THE_PAYMENT)), 4)).isEqualTo(1);
		assertThat(this.store.current(customer).orElseThrow().champion().grade()).isEqualTo(RiskGrade.D);
		assertThat(this.store.current(customer).orElseThrow().generation()).isEqualTo(4);
	}

	private static ScoreStore.Scored scored(String customerId, RiskGrade grade, Instant scoredAt) {
		StoredScore score = new StoredScore(ScoreStatus.SCORED, 0.07, grade, List.of(), "champion", "1",
				LocalDate.of(2026, 12, 1), 12, 6, 0, scoredAt);
		return new ScoreStore.Scored(customerId, score, null);
	}

}
