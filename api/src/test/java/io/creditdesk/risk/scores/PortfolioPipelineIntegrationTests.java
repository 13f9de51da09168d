package io.creditdesk.risk.scores;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.GraphQlClients;
import io.creditdesk.TestCustomers;
import io.creditdesk.risk.ActiveModels;
import io.creditdesk.risk.CustomerLedgers;
import io.creditdesk.risk.ModelInUse;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A portfolio run reads the next batch of histories while the previous batch is scored
 * and stored (two threads, two cores), and still scores every customer it reads exactly
 * once, with the store and the models of the service.
 */
@CreditDeskIntegrationTest
class PortfolioPipelineIntegrationTests {

	@Autowired
	private CustomerLedgers ledgers;

	@Autowired
	private ActiveModels models;

	@Autowired
	private ScoreStore store;

	@Autowired
	private Clock clock;

	@Autowired
	private HttpGraphQlTester graphQl;

	@Test
	void theNextBatchIsReadWhileABatchIsScoredAndEveryCustomerReadIsScored() throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			TestCustomers.create(GraphQlClients.as(this.graphQl, "admin"), "PIPELINE", "SILVER", "RETAIL", "EUR");
		}
		ScoreProperties oneByOne = new ScoreProperties(true, 1, Duration.ofSeconds(5), Duration.ofSeconds(1),
				"0 30 0 * * *", Duration.ofSeconds(30), Duration.ofHours(1));
		AtomicInteger read = new AtomicInteger();
		CountDownLatch secondRead = new CountDownLatch(1);
		CustomerLedgers counted = new CustomerLedgers() {

			@Override
			public Map<String, Facts> of(Collection<String> customerIds) {
				return PortfolioPipelineIntegrationTests.this.ledgers.of(customerIds);
			}

			@Override
			public Optional<LocalDate> firstDay() {
				return PortfolioPipelineIntegrationTests.this.ledgers.firstDay();
			}

			@Override
			public void forEach(Optional<String> segment, Consumer<Facts> consumer) {
				PortfolioPipelineIntegrationTests.this.ledgers.forEach(segment, facts -> {
					if (read.incrementAndGet() == 2) {
						secondRead.countDown();
					}
					consumer.accept(facts);
				});
			}

		};
		// Batches of one customer. The first batch's scoring waits (a bounded while) for
		// the second customer to be read: it is, only if reading goes on meanwhile.
		AtomicBoolean overlapped = new AtomicBoolean();
		AtomicBoolean first = new AtomicBoolean(true);
		ActiveModels waiting = new ActiveModels() {

			@Override
			public ModelInUse champion() {
				if (first.getAndSet(false)) {
					try {
						overlapped.set(secondRead.await(30, TimeUnit.SECONDS));
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
				return PortfolioPipelineIntegrationTests.this.models.champion();
			}

			@Override
			public Optional<ModelInUse> challenger() {
				return PortfolioPipelineIntegrationTests.this.models.challenger();
			}

			@Override
			public long generation() {
				return PortfolioPipelineIntegrationTests.this.models.generation();
			}

		};
		LiveScoring scoring = new LiveScoring(counted, waiting, this.store, oneByOne, this.clock);
		AtomicInteger lastProgress = new AtomicInteger();
		AtomicBoolean progressRose = new AtomicBoolean(true);
		int scored = scoring.rescore(Optional.empty(), done -> {
			if (done <= lastProgress.getAndSet(done)) {
				progressRose.set(false);
			}
		});

		assertThat(read.get()).as("every customer of the store, in batches of one").isGreaterThanOrEqualTo(3);
		assertThat(overlapped).as("the second batch was read while the first was scored").isTrue();
		assertThat(scored).isEqualTo(read.get());
		assertThat(lastProgress.get()).isEqualTo(scored);
		assertThat(progressRose).isTrue();
	}

}
