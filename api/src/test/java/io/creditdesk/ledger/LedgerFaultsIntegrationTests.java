package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.mongodb.ConnectionString;
import io.creditdesk.TestCustomers;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.DecimalInput;
import io.creditdesk.ledger.InvoiceInputs.IssueInvoiceInput;
import io.creditdesk.ledger.InvoiceInputs.RecordPaymentInput;
import io.creditdesk.ledger.InvoiceInputs.WriteOffInput;
import io.creditdesk.ledger.OrderInputs.AmendOrderInput;
import io.creditdesk.ledger.OrderInputs.CancelOrderInput;
import io.creditdesk.ledger.OrderInputs.PlaceOrderInput;
import io.creditdesk.ledger.OrderInputs.ReleaseOrderInput;
import io.creditdesk.ledger.OrderInputs.ReopenOrderInput;
import io.creditdesk.ledger.OrderInputs.ShipOrderInput;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.tester.AutoConfigureHttpGraphQlTester;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.ActiveProfiles;

import static io.creditdesk.TestUsers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A reservation never outlives its order: for every write of the order path, the
 * amendment path, a release, the automatic re-evaluation, shipments, a reopened order and
 * a standalone invoice, the store fails that write (n = 1, 2, ... until a run in which
 * nothing failed), and the exposure counters must then equal what the order and invoice
 * documents imply, with nothing left pending, every time: at once when the store failed
 * one write, and after the pending changes' lease when it failed every write from the
 * n-th on (a crash at that write). A retry of the same order never reserves twice. The
 * store is a {@link FaultyStore}; nothing in the service is replaced but the clock, which
 * the test moves past the lease instead of waiting for it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		// Any address turns the embedded server off; the FaultyStore's connection details
		// below are used.
		"spring.mongodb.uri=mongodb://127.0.0.1:1/creditdesk", "creditdesk.events.relay-enabled=false",
		"creditdesk.events.stream-enabled=false", "creditdesk.intake.enabled=false",
		// The store logs every refused command with its document.
		"logging.level.de.bwaldvogel=OFF",
		// A context of its own, started under the load of the rest of the suite: its
		// first calls may be slow.
		"spring.test.webtestclient.timeout=30s" })
@AutoConfigureHttpGraphQlTester
@ActiveProfiles("test")
class LedgerFaultsIntegrationTests {

	/**
	 * Documents written by the tests of {@link LedgerWrite} itself, which carry its token
	 * like an order.
	 */
	private static final String SCRATCH = "ledger_write_tests";

	/**
	 * The most writes any path here takes; a loop that does not end by then is a failure
	 * of its own.
	 */
	private static final int MOST_WRITES = 30;

	@TestConfiguration(proxyBeanMethods = false)
	static class FaultyStoreConfiguration {

		@Bean(destroyMethod = "close")
		FaultyStore faultyStore() {
			return new FaultyStore();
		}

		@Bean
		MongoConnectionDetails faultyStoreConnectionDetails(FaultyStore store) {
			ConnectionString connectionString = new ConnectionString(store.connectionString());
			return () -> connectionString;
		}

		@Bean
		@Primary
		MovableClock movableClock() {
			return new MovableClock();
		}

	}

	/** The system clock, moved forward by the test. */
	static final class MovableClock extends Clock {

		private volatile Duration offset = Duration.ZERO;

		void move(Duration by) {
			this.offset = this.offset.plus(by);
		}

		@Override
		public Instant instant() {
			return Instant.now().plus(this.offset);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

	@Autowired
	private FaultyStore store;

	@Autowired
	private MovableClock clock;

	@Autowired
	private HttpGraphQlTester graphQl;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private OrderService orders;

	@Autowired
	private OrderWorklist worklist;

	@Autowired
	private InvoiceService invoices;

	@Autowired
	private CreditAccountService accounts;

	@Autowired
	private Ledger ledger;

	@Autowired
	private LedgerJobs jobs;

	@Autowired
	private PendingChanges pending;

	@Autowired
	private LedgerProperties properties;

	private LedgerFixtures fixtures;

	/**
	 * What a scenario works on: the customer (and its group parent) and the order or
	 * invoice.
	 */
	record Books(String customerId, String parentId, String documentId) {

		List<String> customers() {
			return (this.parentId != null) ? List.of(this.customerId, this.parentId) : List.of(this.customerId);
		}

	}

	@BeforeEach
	void holdTheJobLeases() {
		this.fixtures = new LedgerFixtures(this.graphQl);
		// The scheduled jobs would write to the store at moments the test does not
		// choose: they never get their lease.
		for (String job : List.of("ledger.held-sweep", "ledger.reconcile", "ledger.horizon-sweep",
				"ledger.pending-sweep")) {
			this.mongo.upsert(Query.query(Criteria.where("_id").is(job)),
					new Update().set("lockedUntil", Date.from(Instant.parse("3000-01-01T00:00:00Z")))
						.set("owner", "test"),
					"job_locks");
		}
	}

	// ---- the order path ----

	@Test
	void placingAnOrder() {
		assertThat(everyWriteFailingOnce(this::customer, b -> place(b, "300"), b -> {
			// The client retries the same order: it is placed once, reserved once.
			assertThat(place(b, "300").decision().status()).isEqualTo(DecisionStatus.APPROVED);
			assertThat(this.ledger.find(b.customerId()).orElseThrow().exposure().openOrders())
				.isEqualByComparingTo("300");
		})).isGreaterThanOrEqualTo(3);
	}

	@Test
	void placingAnOrderReservedBeforeTheAccountIsRead() {
		Supplier<Books> withAnEarlierOrder = () -> {
			Books books = customer();
			place(new Books(books.customerId(), null, "first-" + books.documentId()), "100");
			return books;
		};
		assertThat(everyWriteFailingOnce(withAnEarlierOrder, b -> place(b, "300"), b -> place(b, "300")))
			.isGreaterThanOrEqualTo(3);
	}

	@Test
	void placingAnOrderOfAGroupMember() {
		assertThat(everyWriteFailingOnce(this::groupMember, b -> place(b, "300"), b -> place(b, "300")))
			.isGreaterThanOrEqualTo(5);
	}

	@Test
	void placingAnOrderWhenTheStoreStopsAtAnyWrite() {
		// The client retries after the crash; the retry finds the crashed attempt's
		// reservation.
		assertThat(everyWriteCrashing(this::customer, b -> place(b, "300"), b -> {
			assertThat(place(b, "300").decision().status()).isEqualTo(DecisionStatus.APPROVED);
			assertThat(this.ledger.find(b.customerId()).orElseThrow().exposure().openOrders())
				.isEqualByComparingTo("300");
		})).isGreaterThanOrEqualTo(3);
	}

	@Test
	void placingAnOrderOfAGroupMemberWhenTheStoreStopsAtAnyWrite() {
		// The retry resolves the member's reservation; a group's mark left by a crash
		// after the order
		// was stored is removed by the sweep (it is counted in the group's figure as it
		// should be).
		assertThat(everyWriteCrashing(this::groupMember, b -> place(b, "300"), b -> {
			place(b, "300");
			this.jobs.resolvePendingChanges();
		})).isGreaterThanOrEqualTo(5);
	}

	// ---- a member changing its credit group ----

	/**
	 * A member with an open order moves from one group to another; the store stops at any
	 * write of the change and of the move of its exposure. After the lease, the sweep
	 * follows what the customer's document recorded: the old group holds no entry of the
	 * member if it left, the new one holds its exposure, nothing is left pending, and
	 * neither group drifts.
	 */
	@Test
	void movingAMemberToAnotherGroupWhenTheStoreStopsAtAnyWrite() {
		String[] from = new String[1];
		Supplier<Books> moving = () -> {
			Books member = groupMember();
			assertThat(place(member, "300").decision().status()).isEqualTo(DecisionStatus.APPROVED);
			from[0] = member.parentId();
			String other = this.fixtures.activeCustomer("1000");
			this.fixtures.groupLimit(other, "1500");
			return new Books(member.customerId(), other, member.documentId());
		};
		assertThat(everyWriteCrashing(moving,
				b -> this.fixtures.as("admin")
					.document("mutation { updateCustomer(input: {id: \"" + b.customerId() + "\", parentId: \""
							+ b.parentId() + "\"}) { userErrors { code } } }")
					.execute(),
				b -> {
					this.jobs.resolvePendingChanges();
					// The marks of a move are settled once they are older than the lease.
					this.clock.move(this.properties.pendingLease().plusSeconds(1));
					this.jobs.resolvePendingChanges();
					CreditAccount member = this.ledger.find(b.customerId()).orElseThrow();
					Document stored = this.mongo.getCollection(CreditAccount.COLLECTION)
						.find(new Document("_id", Ledger.storedId(b.customerId())))
						.first();
					assertThat(stored).doesNotContainKeys("groupChanges", "groupMove");
					String left = b.parentId().equals(member.parentId()) ? from[0] : b.parentId();
					String in = b.parentId().equals(member.parentId()) ? b.parentId() : from[0];
					assertThat(this.ledger.find(left).orElseThrow().groupMembers()).doesNotContainKey(b.customerId());
					assertThat(this.ledger.find(in).orElseThrow().groupMembers().get(b.customerId()).net())
						.isEqualByComparingTo("300");
					assertBalanced(new Books(b.customerId(), left, b.documentId()), "the group left");
				}))
			.isGreaterThanOrEqualTo(5);
	}

	// ---- the amendment path ----

	@Test
	void amendingAnOrderUp() {
		assertThat(everyWriteFailingOnce(placed("300"), b -> amend(b, "500"), b -> amend(b, "500")))
			.isGreaterThanOrEqualTo(3);
	}

	@Test
	void amendingAnOrderDown() {
		assertThat(everyWriteFailingOnce(placed("300"), b -> amend(b, "200"), b -> amend(b, "200")))
			.isGreaterThanOrEqualTo(3);
	}

	@Test
	void amendingAHeldOrderSoThatItFits() {
		assertThat(
				everyWriteFailingOnce(held("1500", "2000.00"), b -> amend(b, "1400"), retried(b -> amend(b, "1400"))))
			.isGreaterThanOrEqualTo(3);
	}

	@Test
	void amendingAnOrderWhenTheStoreStopsAtAnyWrite() {
		assertThat(everyWriteCrashing(placed("300"), b -> amend(b, "500"), b -> this.jobs.resolvePendingChanges()))
			.isGreaterThanOrEqualTo(3);
		assertThat(everyWriteCrashing(placed("300"), b -> amend(b, "200"), b -> this.jobs.resolvePendingChanges()))
			.isGreaterThanOrEqualTo(3);
	}

	// ---- releases: by an approver and automatic ----

	@Test
	void releasingAHeldOrder() {
		assertThat(everyWriteFailingOnce(held("1500", "2000.00"), this::release, retried(this::release)))
			.isGreaterThanOrEqualTo(3);
	}

	@Test
	void releasingAHeldOrderWhenTheStoreStopsAtAnyWrite() {
		assertThat(everyWriteCrashing(held("1500", "2000.00"), this::release, b -> this.jobs.resolvePendingChanges()))
			.isGreaterThanOrEqualTo(3);
	}

	@Test
	void reevaluatingHeldOrdersWhenACancellationFreesCredit() {
		// 800 open and 500 held on a limit of 1,000: cancelling the 800 releases the 500.
		assertThat(everyWriteFailingOnce(cancellable(), this::cancel, retried(this::cancel))).isGreaterThanOrEqualTo(6);
	}

	@Test
	void reevaluatingHeldOrdersWhenTheStoreStopsAtAnyWrite() {
		assertThat(everyWriteCrashing(cancellable(), this::cancel, b -> this.jobs.resolvePendingChanges()))
			.isGreaterThanOrEqualTo(6);
	}

	// ---- shipments, reopened orders, standalone invoices ----

	@Test
	void shippingBeyondTheOrder() {
		assertThat(everyWriteFailingOnce(placed("500"), b -> ship(b, "600"), retried(b -> ship(b, "600"))))
			.isGreaterThanOrEqualTo(3);
	}

	@Test
	void shippingPartOfTheOrder() {
		assertThat(everyWriteFailingOnce(placed("500"), b -> ship(b, "200"), retried(b -> ship(b, "200"))))
			.isGreaterThanOrEqualTo(3);
	}

	@Test
	void reopeningACancelledOrder() {
		Supplier<Books> cancelled = () -> {
			Books books = placed("300").get();
			cancel(books);
			return books;
		};
		assertThat(everyWriteFailingOnce(cancelled, this::reopen, retried(this::reopen))).isGreaterThanOrEqualTo(3);
	}

	@Test
	void issuingAStandaloneInvoice() {
		assertThat(everyWriteFailingOnce(this::customer, this::invoice, this::invoice)).isGreaterThanOrEqualTo(3);
	}

	// ---- invoices of shipped orders, and what settles invoices ----

	@Test
	void issuingAnInvoiceOfAShippedOrder() {
		assertThat(everyWriteFailingOnce(shipped("500"), this::invoiceOrder, retried(this::invoiceOrder)))
			.isGreaterThanOrEqualTo(3);
	}

	@Test
	void issuingAnInvoiceOfAShippedOrderWhenTheStoreStopsAtAnyWrite() {
		// The billing system sends the invoice again after the crash: it is issued once,
		// and the order, the invoice and the counters agree.
		assertThat(everyWriteCrashing(shipped("500"), this::invoiceOrder, b -> {
			invoiceOrder(b);
			this.jobs.resolvePendingChanges();
			assertThat(this.ledger.find(b.customerId()).orElseThrow().exposure().receivables())
				.isEqualByComparingTo("500");
		})).isGreaterThanOrEqualTo(3);
	}

	@Test
	void recordingAPayment() {
		assertThat(everyWriteFailingOnce(invoiced("500"), b -> pay(b, "200"), retried(b -> pay(b, "200"))))
			.isGreaterThanOrEqualTo(2);
	}

	@Test
	void recordingAPaymentWhenTheStoreStopsAtAnyWrite() {
		// Nobody retries: the sweep finds what the crash left, and the invoice decides.
		assertThat(everyWriteCrashing(invoiced("500"), b -> pay(b, "200"), b -> this.jobs.resolvePendingChanges()))
			.isGreaterThanOrEqualTo(2);
		// The bank file is read again after the crash: the payment is applied once.
		assertThat(everyWriteCrashing(invoiced("500"), b -> pay(b, "200"), b -> {
			pay(b, "200");
			this.jobs.resolvePendingChanges();
			assertThat(this.ledger.find(b.customerId()).orElseThrow().exposure().receivables())
				.isEqualByComparingTo("300");
		})).isGreaterThanOrEqualTo(2);
	}

	@Test
	void aPaymentOfAnInvoiceStoredBeforeInvoicesHadAVersion() {
		Supplier<Books> unversioned = () -> {
			Books books = invoiced("500").get();
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is("invoice-" + books.documentId())),
					new Update().unset("version"), Invoice.class);
			return books;
		};
		// The invoice gets its version first (one more write), then the payment as any.
		assertThat(everyWriteFailingOnce(unversioned, b -> pay(b, "200"), b -> {
			pay(b, "200");
			assertThat(this.ledger.find(b.customerId()).orElseThrow().exposure().receivables())
				.isEqualByComparingTo("300");
			assertThat(this.invoices.find("invoice-" + b.documentId()).orElseThrow().version()).isEqualTo(1L);
		})).isGreaterThanOrEqualTo(3);
	}

	@Test
	void eightConcurrentPaymentsOfOneInvoiceAreEachAppliedOnce() throws Exception {
		Books books = invoiced("500").get();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<InvoiceService.Settlement>> paid = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				String paymentId = "payment-" + i + "-" + books.documentId();
				paid.add(pool.submit(() -> as("manager", "CREDIT_MANAGER",
						() -> this.invoices.recordPayment(new RecordPaymentInput(paymentId,
								"invoice-" + books.documentId(), new DecimalInput("50"), "EUR", null)))));
			}
			for (Future<InvoiceService.Settlement> settlement : paid) {
				assertThat(settlement.get(60, TimeUnit.SECONDS).applied().amount()).isEqualByComparingTo("50");
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.invoices.find("invoice-" + books.documentId()).orElseThrow().openAmount())
			.isEqualByComparingTo("100");
		assertBalanced(books, "after eight concurrent payments");
		assertThat(this.ledger.find(books.customerId()).orElseThrow().exposure().receivables())
			.isEqualByComparingTo("100");
	}

	@Test
	void writingOffAnInvoiceWhenTheStoreStopsAtAnyWrite() {
		assertThat(everyWriteCrashing(invoiced("500"), this::writeOff, b -> this.jobs.resolvePendingChanges()))
			.isGreaterThanOrEqualTo(2);
	}

	// ---- slow requests and the lease ----

	@Test
	void aWriteLaterThanHalfTheLeaseRenewsItsMarkAndStores() {
		Books books = customer();
		Duration lease = this.properties.pendingLease();
		try (LedgerWrite write = this.pending.begin(SCRATCH, books.documentId(), null)) {
			reserve(write, books);
			this.clock.move(lease.dividedBy(2).plusSeconds(1));
			write.write(() -> this.mongo.insert(write.carry(new Document("_id", books.documentId())), SCRATCH));
		}
		this.clock.move(lease.dividedBy(2).plusSeconds(1));
		this.jobs.resolvePendingChanges();
		// Stored, reserved once and settled: a sweep a whole lease after the reservation
		// finds nothing to undo.
		assertThat(this.ledger.find(books.customerId()).orElseThrow().exposure().openOrders())
			.isEqualByComparingTo("300");
		assertThat(this.ledger.find(books.customerId()).orElseThrow().pendingChanges()).isEmpty();
	}

	@Test
	void aWriteWhoseMarkWasTakenForACrashMeanwhileStoresNothing() {
		Books books = customer();
		try (LedgerWrite write = this.pending.begin(SCRATCH, books.documentId(), null)) {
			reserve(write, books);
			// The request stalls for longer than the lease: the sweep takes it for a
			// crash's and undoes it.
			this.clock.move(this.properties.pendingLease().plusSeconds(1));
			assertThat(this.jobs.resolvePendingChanges()).isGreaterThanOrEqualTo(1);
			assertThatThrownBy(() -> write
				.write(() -> this.mongo.insert(write.carry(new Document("_id", books.documentId())), SCRATCH)))
				.isInstanceOf(TransientDataAccessResourceException.class);
		}
		assertThat(this.mongo.findById(books.documentId(), Document.class, SCRATCH)).isNull();
		assertThat(this.ledger.find(books.customerId()).orElseThrow().exposure().openOrders())
			.isEqualByComparingTo("0");
		assertThat(this.ledger.find(books.customerId()).orElseThrow().pendingChanges()).isEmpty();
	}

	private void reserve(LedgerWrite write, Books books) {
		assertThat(write.reserve(books.customerId(), Deltas.reserve(new BigDecimal("300"), false),
				new BigDecimal("300"), SecuredTerms.NONE, new BigDecimal("1000")))
			.isPresent();
	}

	// ---- the harness ----

	/**
	 * Runs {@code operation} on a fresh {@code setup} with the n-th write failing, for n
	 * = 1, 2, ... until a run in which no write failed; after each run, and again after
	 * {@code retry} on a working store, the books balance.
	 * @return the number of writes of the path
	 */
	private int everyWriteFailingOnce(Supplier<Books> setup, Consumer<Books> operation, Consumer<Books> retry) {
		return everyWrite(false, setup, operation, retry);
	}

	/**
	 * As {@link #everyWriteFailingOnce}, with every write from the n-th on failing (a
	 * crash at that write); then, the store back and the pending changes' lease passed,
	 * {@code afterwards} (a retry, or the sweep for what nobody retries) and the books
	 * balance.
	 */
	private int everyWriteCrashing(Supplier<Books> setup, Consumer<Books> operation, Consumer<Books> afterwards) {
		return everyWrite(true, setup, operation, afterwards);
	}

	private int everyWrite(boolean crash, Supplier<Books> setup, Consumer<Books> operation,
			Consumer<Books> afterwards) {
		for (int n = 1; n <= MOST_WRITES; n++) {
			Books books = setup.get();
			if (crash) {
				this.store.failFrom(n);
			}
			else {
				this.store.failWrite(n);
			}
			try {
				operation.accept(books);
			}
			catch (RuntimeException expected) {
				// The request failed with the store: what it leaves is what is checked.
			}
			finally {
				this.store.heal();
			}
			boolean failed = this.store.failures() > 0;
			String run = (crash ? "every write from write " : "write ") + n + " failing";
			if (crash) {
				this.clock.move(this.properties.pendingLease().plusSeconds(1));
			}
			else {
				assertBalanced(books, run);
			}
			afterwards.accept(books);
			assertBalanced(books, run + ", then " + (crash ? "after the lease" : "retried"));
			if (!failed) {
				return n - 1;
			}
		}
		throw new AssertionError("The path did not end within " + MOST_WRITES + " writes");
	}

	/** The counters equal what the documents imply, and no change is pending. */
	private void assertBalanced(Books books, String run) {
		for (String customerId : books.customers()) {
			CreditAccount account = this.ledger.find(customerId).orElseThrow();
			assertThat(account.pendingChanges()).as("pending changes of %s, %s", customerId, run).isEmpty();
			assertThat(account.exposure()).as("counters of %s, %s", customerId, run)
				.usingRecursiveComparison()
				.withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
				.isEqualTo(this.accounts.recompute(customerId));
		}
		if (books.parentId() != null) {
			assertThat(this.ledger.groupMarks(books.parentId())).as("group marks, %s", run).isZero();
			CreditAccountService.GroupDrift group = this.accounts
				.groupDrift(this.ledger.find(books.parentId()).orElseThrow());
			assertThat(group.members()).as("group exposure, %s", run).isEmpty();
			assertThat(group.drifted()).as("group exposure, %s", run).isFalse();
		}
	}

	// ---- setups (the store working) ----

	private Books customer() {
		String customer = this.fixtures.activeCustomer("1000");
		return new Books(customer, null, "order-" + TestCustomers.uniqueRef());
	}

	private Books groupMember() {
		String parent = this.fixtures.activeCustomer("1000");
		String member = TestCustomers.create(this.fixtures.as("admin"), this.fixtures.segmentOf(parent), "SILVER",
				"RETAIL", "EUR");
		this.fixtures.join(member, parent);
		this.fixtures.as("admin")
			.document("mutation { setCreditLimit(input: {customerId: \"" + member
					+ "\", amount: \"1000\", reason: \"t\"}) { userErrors { code } } }")
			.execute()
			.path("setCreditLimit.userErrors")
			.entityList(Object.class)
			.hasSize(0);
		this.fixtures.groupLimit(parent, "1500");
		return new Books(member, parent, "order-" + TestCustomers.uniqueRef());
	}

	private Supplier<Books> placed(String amount) {
		return () -> {
			Books books = customer();
			assertThat(place(books, amount).decision().status()).isEqualTo(DecisionStatus.APPROVED);
			return books;
		};
	}

	/**
	 * An order over the limit, held; then the limit raised behind the service's back (no
	 * event releases it).
	 */
	private Supplier<Books> held(String amount, String limitAfter) {
		return () -> {
			Books books = customer();
			assertThat(place(books, amount).decision().status()).isEqualTo(DecisionStatus.PENDING_APPROVAL);
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(books.customerId())),
					new Update().set("creditLimit.amount.amount", new BigDecimal(limitAfter)), CreditAccount.class,
					CreditAccount.COLLECTION);
			return books;
		};
	}

	private Supplier<Books> shipped(String amount) {
		return () -> {
			Books books = placed(amount).get();
			ship(books, amount);
			return books;
		};
	}

	/**
	 * An order shipped and invoiced in full (the invoice's id:
	 * {@code invoice-<order id>}).
	 */
	private Supplier<Books> invoiced(String amount) {
		return () -> {
			Books books = shipped(amount).get();
			invoiceOrder(books, amount);
			return books;
		};
	}

	private Supplier<Books> cancellable() {
		return () -> {
			Books books = placed("800").get();
			Books second = new Books(books.customerId(), null, "held-" + books.documentId());
			assertThat(place(second, "500").decision().status()).isEqualTo(DecisionStatus.PENDING_APPROVAL);
			return books;
		};
	}

	// ---- operations, as the users who may do them ----

	private OrderService.OrderResult place(Books books, String amount) {
		return as("sales", "SALES", () -> this.orders.place(new PlaceOrderInput(books.documentId(), books.customerId(),
				new DecimalInput(amount), "EUR", "API", null)));
	}

	private void amend(Books books, String amount) {
		as("sales", "SALES",
				() -> this.orders.amend(new AmendOrderInput(books.documentId(), new DecimalInput(amount), "faults")));
	}

	private void release(Books books) {
		as("manager", "CREDIT_MANAGER",
				() -> this.worklist.release(new ReleaseOrderInput(books.documentId(), "faults", false)));
	}

	private void cancel(Books books) {
		as("sales", "SALES", () -> this.orders.cancel(new CancelOrderInput(books.documentId(), "faults")));
	}

	private void reopen(Books books) {
		as("sales", "SALES", () -> this.orders.reopen(new ReopenOrderInput(books.documentId(), "faults")));
	}

	private void ship(Books books, String amount) {
		as("sales", "SALES",
				() -> this.orders.ship(new ShipOrderInput(books.documentId(), "shipment-1", new DecimalInput(amount))));
	}

	private void invoice(Books books) {
		as("manager", "CREDIT_MANAGER", () -> this.invoices.issue(new IssueInvoiceInput("invoice-" + books.documentId(),
				books.customerId(), null, new DecimalInput("300"), "EUR", null, null, null)));
	}

	private void invoiceOrder(Books books) {
		invoiceOrder(books, "500");
	}

	private void invoiceOrder(Books books, String amount) {
		as("manager", "CREDIT_MANAGER", () -> this.invoices.issue(new IssueInvoiceInput("invoice-" + books.documentId(),
				books.customerId(), books.documentId(), new DecimalInput(amount), "EUR", null, null, null)));
	}

	private void pay(Books books, String amount) {
		as("manager", "CREDIT_MANAGER",
				() -> this.invoices.recordPayment(new RecordPaymentInput("payment-" + books.documentId(),
						"invoice-" + books.documentId(), new DecimalInput(amount), "EUR", null)));
	}

	private void writeOff(Books books) {
		as("cfo", "CFO", () -> this.invoices.writeOff(new WriteOffInput("invoice-" + books.documentId(), "insolvent")));
	}

	/**
	 * A retry of an operation that may already have happened: the service refusing it (a
	 * release of an order no longer held, say) is no failure of the books.
	 */
	private static Consumer<Books> retried(Consumer<Books> operation) {
		return books -> {
			try {
				operation.accept(books);
			}
			catch (CreditDeskException refused) {
				// Done by the first attempt.
			}
		};
	}

}
