package io.creditdesk.alert;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.TestCustomers;
import io.creditdesk.alert.AlertRules.Evaluation;
import io.creditdesk.audit.AuditLog;
import io.creditdesk.events.Outbox;
import io.creditdesk.infrastructure.JobLock;
import io.creditdesk.infrastructure.MongoIndexes;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A resolve decided while the raise of the same alert is still pending in the state
 * document (its write not done yet, or failed and waiting for settlePending): whichever
 * of the two writes lands first, the alert's document ends resolved, and neither takes
 * the other's pending entry off the state document.
 */
@CreditDeskIntegrationTest
class AlertPendingRaceTests {

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private Outbox outbox;

	@Autowired
	private AuditLog audit;

	@Autowired
	private Clock clock;

	@Autowired
	private MongoIndexes indexes;

	@Autowired
	private JobLock lock;

	static final class Racing extends MongoTemplate {

		Runnable beforeFirstAlertInsert;

		boolean failFirstAlertInsert;

		/** Alerts of customers whose id begins so are never written. */
		String alwaysFailing;

		Racing(MongoTemplate real) {
			super(real.getMongoDatabaseFactory(), real.getConverter());
		}

		@Override
		public <T> T insert(T object) {
			if (object instanceof Alert alert) {
				if (this.alwaysFailing != null && alert.customerId().startsWith(this.alwaysFailing)) {
					throw new IllegalStateException("this alert's write keeps failing");
				}
				if (this.failFirstAlertInsert) {
					this.failFirstAlertInsert = false;
					throw new IllegalStateException("transient store failure");
				}
				Runnable hook = this.beforeFirstAlertInsert;
				if (hook != null) {
					this.beforeFirstAlertInsert = null;
					hook.run();
				}
			}
			return super.insert(object);
		}

	}

	private static AlertStore.Decision raise() {
		return AlertStore.Decision.of(new Evaluation(Set.of("k"),
				List.of(new AlertChange(AlertType.REQUEST_SLA_BREACHED, "k", true, AlertSeverity.WARNING, "t", "a"))));
	}

	private static AlertStore.Decision resolve() {
		return AlertStore.Decision.of(new Evaluation(Set.of(),
				List.of(new AlertChange(AlertType.REQUEST_SLA_BREACHED, "k", false, AlertSeverity.INFO, null, null))));
	}

	@Test
	void aResolveDecidedWhileTheRaiseIsStillBeingWrittenEndsResolved() {
		Racing racing = new Racing(this.mongo);
		AlertStore store = new AlertStore(racing, this.outbox, this.audit, this.clock, this.indexes);
		String customer = "race-" + TestCustomers.uniqueRef();
		// Another writer (second instance, or the consumer while settlePending runs)
		// decides the resolve between the raise's state update and its alert insert.
		racing.beforeFirstAlertInsert = () -> store.decide(customer, AlertType.REQUEST_SLA_BREACHED, null,
				state -> resolve());
		List<Alert> raised = store.decide(customer, AlertType.REQUEST_SLA_BREACHED, null, state -> raise());
		assertThat(raised).hasSize(1);
		store.settlePending();
		AlertState state = this.mongo.findById(AlertState.id(customer, AlertType.REQUEST_SLA_BREACHED),
				AlertState.class);
		assertThat(state.raised()).isEmpty();
		Alert alert = this.mongo.findById(raised.get(0).id(), Alert.class);
		assertThat(alert).isNotNull();
		assertThat(alert.status()).as("resolved in the state and by an AlertResolved event; its document")
			.isEqualTo(AlertStatus.RESOLVED);
		assertThat(state.pending()).isEmpty();
	}

	@Test
	void stateDocumentsWhoseWritesKeepFailingDoNotKeepTheOthersWaiting() {
		Racing racing = new Racing(this.mongo);
		AlertStore store = new AlertStore(racing, this.outbox, this.audit, this.clock, this.indexes);
		store.settlePage(5);
		String run = TestCustomers.uniqueRef();
		// The scheduled settlement (with a store that writes) must not settle them
		// meanwhile: the test holds its lease.
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.lock.runExclusively("alerts-pending", Duration.ofMinutes(2), () -> {
				// More state documents than one read takes, each with a raise that is
				// never written, sorting before the one that can be.
				racing.alwaysFailing = "a-poison-" + run;
				for (int i = 0; i <= 5; i++) {
					assertThat(store.decide("a-poison-" + run + "-" + i, AlertType.REQUEST_SLA_BREACHED, null,
							state -> raise()))
						.hasSize(1);
				}
				racing.failFirstAlertInsert = true;
				List<Alert> raised = store.decide("z-late-" + run, AlertType.REQUEST_SLA_BREACHED, null,
						state -> raise());
				assertThat(this.mongo.findById(raised.get(0).id(), Alert.class)).as("its first write failed").isNull();

				store.settlePending();

				assertThat(this.mongo.findById(raised.get(0).id(), Alert.class)).as("written by the next settlement")
					.isNotNull();
				assertThat(this.mongo
					.findById(AlertState.id("z-late-" + run, AlertType.REQUEST_SLA_BREACHED), AlertState.class)
					.pending()).isEmpty();
			}));
	}

	@Test
	void aResolveDecidedWhileAFailedRaiseWaitsForSettlePendingKeepsTheAlertResolved() {
		Racing racing = new Racing(this.mongo);
		AlertStore store = new AlertStore(racing, this.outbox, this.audit, this.clock, this.indexes);
		String customer = "lost-" + TestCustomers.uniqueRef();
		racing.failFirstAlertInsert = true;
		List<Alert> raised = store.decide(customer, AlertType.REQUEST_SLA_BREACHED, null, state -> raise());
		assertThat(raised).hasSize(1);
		store.decide(customer, AlertType.REQUEST_SLA_BREACHED, null, state -> resolve());
		store.settlePending();
		assertThat(this.mongo.count(Query.query(Criteria.where("_id").is(raised.get(0).id())), Alert.class))
			.as("the AlertRaised/AlertResolved events were published for it; the alert document")
			.isOne();
		assertThat(this.mongo.findById(raised.get(0).id(), Alert.class).status()).isEqualTo(AlertStatus.RESOLVED);
		AlertState state = this.mongo.findById(AlertState.id(customer, AlertType.REQUEST_SLA_BREACHED),
				AlertState.class);
		assertThat(state.pending()).isEmpty();
	}

}
