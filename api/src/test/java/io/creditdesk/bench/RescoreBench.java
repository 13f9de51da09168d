package io.creditdesk.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import io.creditdesk.CreditDeskApplication;
import io.creditdesk.TestUsers;
import io.creditdesk.common.Money;
import io.creditdesk.customer.CreditLimit;
import io.creditdesk.customer.CreditLimitChange;
import io.creditdesk.customer.Customer;
import io.creditdesk.customer.CustomerStatus;
import io.creditdesk.dynamiclimit.LimitProposals;
import io.creditdesk.ledger.Invoice;
import io.creditdesk.ledger.Invoice.Application;
import io.creditdesk.ledger.Invoice.ApplicationType;
import io.creditdesk.ledger.InvoiceStatus;
import io.creditdesk.risk.CustomerLedgers;
import io.creditdesk.risk.PortfolioScoring;
import io.creditdesk.trainingdata.generator.GeneratorConfig;
import io.creditdesk.trainingdata.generator.PaymentHistoryGenerator;
import com.sun.management.OperatingSystemMXBean;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.util.FileSystemUtils;

/**
 * Times re-scoring the whole portfolio ({@link PortfolioScoring#rescore}) on the
 * service's embedded defaults (file-backed store in a temp directory): seeds
 * {@code customers} customers with {@code months} months of invoices and payments from
 * the {@code training-data} generator's payment behaviour (as the demo does), written in
 * bulk as the same documents the ledger writes (not timed), then times one full re-score
 * (read, predict, write) and after it one pass that only reads the histories
 * ({@link CustomerLedgers#forEach}): the difference is predicting and writing. Before the
 * re-score, a floor pass reads the same documents as raw BSON, the least any reading of
 * the portfolio costs here. Arguments:
 * {@code customers=10000 months=14 perMonth=2 passes=1 proposals=0 exposureDays=0 sweeps=0}
 * (a number of customers times their limit proposals, paged and one at a time, after the
 * passes; a number of runs of the pending-change sweep timed after the passes; days of
 * daily exposure records written for every customer before them, and the read of a page's
 * exposure before the 90-day window timed as the service asks it and as a scan), plus
 * {@code app.<property>=<value>} for the service. A main class, never run by the test
 * suite; see BENCHMARKS.md "Re-scoring the portfolio (issue 14)".
 */
public final class RescoreBench {

	private static final String CURRENCY = "EUR";

	/** Customers a page of limit proposals: a long list in the API. */
	private static final int PROPOSAL_PAGE = 100;

	/** Customers a page in the floor pass: the re-score's default read batch. */
	private static final int FLOOR_PAGE = 2000;

	/** Customers generated and written per chunk: the generator's output stays small. */
	private static final int CHUNK = 2000;

	private final DriverOptions options;

	private RescoreBench(DriverOptions options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		new RescoreBench(DriverOptions.parse(args)).run();
		System.exit(0);
	}

	private void run() throws Exception {
		int customers = this.options.integer("customers", 10000);
		int months = this.options.integer("months", 14);
		int perMonth = this.options.integer("perMonth", 2);
		int passes = this.options.integer("passes", 1);
		Path dataDir = Files.createTempDirectory("creditdesk-rescore");
		System.out.printf("Data dir %s; %d customers, %d months, at most %d invoices a month%n", dataDir, customers,
				months, perMonth);
		SpringApplication app = new SpringApplication(CreditDeskApplication.class);
		ConfigurableApplicationContext context = app
			.run(this.options.serviceArguments(dataDir, "--creditdesk.scores.enabled=false").toArray(String[]::new));
		try {
			MongoTemplate mongo = context.getBean(MongoTemplate.class);
			LocalDate today = LocalDate.ofInstant(context.getBean(Clock.class).instant(), ZoneOffset.UTC);
			long t0 = System.nanoTime();
			int[] written = { 0, 0 };
			for (int from = 0; from < customers; from += CHUNK) {
				int size = Math.min(CHUNK, customers - from);
				seed(mongo, from, size, months, perMonth, today, written);
				System.out.printf("Seeded %d/%d customers, %d invoices (%.1f s)%n", from + size, customers, written[1],
						(System.nanoTime() - t0) / 1e9);
			}
			System.out.printf(
					"Seeding: %d customers, %d invoices in %.1f s (not part of the figures); the store holds %d and %d%n",
					written[0], written[1], (System.nanoTime() - t0) / 1e9,
					mongo.getCollection("customers").countDocuments(),
					mongo.getCollection("invoices").countDocuments());
			// The store indexes invoices by customer in memory the first time a query
			// needs it (once per start of the store): timed apart from the passes.
			long i0 = System.nanoTime();
			long c0 = cpuNanos();
			mongo.getCollection("invoices").find(new Document("customerId", "none")).first();
			System.out.printf("Store's customerId index built in %.1f s (%.1f CPU s); load average %s%n",
					(System.nanoTime() - i0) / 1e9, (cpuNanos() - c0) / 1e9, loadAverage());
			CustomerLedgers ledgers = context.getBean(CustomerLedgers.class);
			PortfolioScoring scoring = context.getBean(PortfolioScoring.class);
			for (int pass = 1; pass <= passes; pass++) {
				floor(mongo, pass);
				String loadBefore = loadAverage();
				long cpu0 = cpuNanos();
				long s0 = System.nanoTime();
				long[] last = { s0 };
				int scored = scoring.rescore(Optional.empty(), done -> {
					long now = System.nanoTime();
					if (now - last[0] > 10_000_000_000L) {
						System.out.printf("  %d customers scored after %.1f s%n", done, (now - s0) / 1e9);
						last[0] = now;
					}
				});
				double seconds = (System.nanoTime() - s0) / 1e9;
				System.out.printf(
						"Pass %d, re-score: %d customers scored in %.1f s = %.0f customers/s, %.1f CPU s of the process;"
								+ " load average before %s, after %s%n",
						pass, scored, seconds, scored / seconds, (cpuNanos() - cpu0) / 1e9, loadBefore, loadAverage());
				long cpu1 = cpuNanos();
				long r0 = System.nanoTime();
				int[] read = { 0, 0 };
				ledgers.forEach(Optional.empty(), facts -> {
					read[0]++;
					read[1] += facts.ledger().invoices().size();
				});
				double readSeconds = (System.nanoTime() - r0) / 1e9;
				System.out.printf(
						"Pass %d, histories only: %d customers (%d invoices) read in %.1f s = %.0f customers/s, %.1f CPU s;"
								+ " load average after %s%n",
						pass, read[0], read[1], readSeconds, read[0] / readSeconds, (cpuNanos() - cpu1) / 1e9,
						loadAverage());
				System.out.printf("  so predicting and writing took about %.1f s of the re-score%n",
						seconds - readSeconds);
				// Again after the passes, warm: the first floor pass ran before the JIT
				// had compiled the reading path.
				floor(mongo, pass);
				System.out.printf("Scores stored: %d current, %d history points%n",
						mongo.getCollection("customer_scores").countDocuments(),
						mongo.getCollection("score_history").countDocuments());
			}
			int sweeps = this.options.integer("sweeps", 0);
			if (sweeps > 0) {
				sweeps(context, sweeps);
			}
			int exposureDays = this.options.integer("exposureDays", 0);
			if (exposureDays > 0) {
				exposureHistory(mongo, exposureDays, today);
			}
			int proposals = this.options.integer("proposals", 0);
			if (proposals > 0) {
				proposals(context, mongo, proposals);
			}
		}
		finally {
			context.close();
			FileSystemUtils.deleteRecursively(dataDir);
		}
	}

	/**
	 * A year (or {@code days}) of daily exposure records for every customer, as the
	 * service's exposure history writes them once a day, then the read of a page's "last
	 * value before the 90-day window" (the average exposure's carried-in value, which
	 * every limit proposal, customer insight and allocation candidate reads) as the
	 * service asks it, and the same read with its {@code $match} wrapped in an
	 * {@code $or} beside a branch no index answers (a scan of the collection, as the
	 * store answered every aggregation before it read a leading {@code $match} through
	 * its indexes): both must give the same rows.
	 */
	private static void exposureHistory(MongoTemplate mongo, int days, LocalDate today) {
		List<String> ids = new ArrayList<>();
		for (Document c : mongo.getCollection("customers").find().projection(new Document("_id", 1))) {
			ids.add(String.valueOf(c.get("_id")));
		}
		long t0 = System.nanoTime();
		MongoCollection<Document> daily = mongo.getCollection("exposure_daily");
		List<Document> batch = new ArrayList<>();
		Random random = new Random(18);
		long written = 0;
		for (String id : ids) {
			for (int d = days; d >= 1; d--) {
				LocalDate day = today.minusDays(d);
				batch.add(new Document("_id", id + ":" + day).append("customerId", id)
					.append("day", Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant()))
					.append("net", new Decimal128(BigDecimal.valueOf(random.nextInt(5_000_000), 2)))
					.append("currency", CURRENCY)
					.append("recordedAt", Date.from(day.atTime(LocalTime.of(23, 0)).toInstant(ZoneOffset.UTC))));
				if (batch.size() == 5000) {
					daily.insertMany(batch);
					written += batch.size();
					batch.clear();
				}
			}
		}
		if (!batch.isEmpty()) {
			daily.insertMany(batch);
			written += batch.size();
		}
		System.out.printf("Exposure history: %d daily records of %d customers written in %.1f s (not in the figures)%n",
				written, ids.size(), (System.nanoTime() - t0) / 1e9);
		Date start = Date.from(today.minusDays(89).atStartOfDay(ZoneOffset.UTC).toInstant());
		for (int round = 1; round <= 2; round++) {
			for (int size : new int[] { PROPOSAL_PAGE, 1 }) {
				for (boolean scanned : new boolean[] { false, true }) {
					long cpu0 = cpuNanos();
					long w0 = System.nanoTime();
					int pages = 0;
					int rows = 0;
					for (int from = 0; from + size <= ids.size() && pages < 10; from += size) {
						Document match = new Document("customerId", new Document("$in", ids.subList(from, from + size)))
							.append("day", new Document("$lt", start));
						List<Document> pipeline = List.of(new Document("$match", scanned ? scanned(match) : match),
								new Document("$sort", new Document("customerId", 1).append("day", -1)),
								new Document("$group", new Document("_id", "$customerId").append("net",
										new Document("$first", "$net"))));
						rows += daily.aggregate(pipeline).into(new ArrayList<>()).size();
						pages++;
					}
					System.out.printf(
							"Carried-in exposure, round %d, %s: %d pages of %d customers in %.2f s, %.1f ms CPU a page"
									+ " (%d rows)%n",
							round, scanned ? "the collection scanned" : "as the service asks", pages, size,
							(System.nanoTime() - w0) / 1e9, (cpuNanos() - cpu0) / 1e6 / pages, rows);
				}
			}
		}
	}

	/**
	 * A query of the store read by a scan of the collection: {@code query} in an
	 * {@code $or} beside a branch no index answers (no document has {@code _scanned}).
	 */
	private static Document scanned(Document query) {
		return new Document("$or", List.of(query, new Document("_scanned", new Document("$exists", true))));
	}

	/**
	 * {@code count} runs of the sweep of expired pending changes (the ledger's job runs
	 * one every 30 seconds), with no change left behind: what finding none costs. The
	 * first run apart (the store builds its in-memory index of the marks' dates then).
	 */
	private static void sweeps(ConfigurableApplicationContext context, int count) throws ReflectiveOperationException {
		Object pending = context.getBean(Class.forName("io.creditdesk.ledger.PendingChanges"));
		java.lang.reflect.Method sweep = pending.getClass().getDeclaredMethod("sweep", Instant.class);
		sweep.setAccessible(true);
		for (int runs : new int[] { 1, count }) {
			long cpu0 = cpuNanos();
			long t0 = System.nanoTime();
			int resolved = 0;
			for (int i = 0; i < runs; i++) {
				resolved += (int) sweep.invoke(pending, Instant.now());
			}
			System.out.printf("Pending-change sweep, %s: %d run(s), %.2f ms a run, %.2f ms CPU a run, %d resolved%n",
					(runs == 1) ? "first" : "then", runs, (System.nanoTime() - t0) / 1e6 / runs,
					(cpuNanos() - cpu0) / 1e6 / runs, resolved);
		}
	}

	/**
	 * The limit proposals of {@code count} scored customers, as a list showing each one's
	 * proposal asks for them: in pages of {@value #PROPOSAL_PAGE} read at once, and one
	 * customer at a time, alternated three times; the two must agree.
	 */
	private static void proposals(ConfigurableApplicationContext context, MongoTemplate mongo, int count) {
		LimitProposals service = context.getBean(LimitProposals.class);
		List<Customer> customers = mongo.find(new Query().limit(count), Customer.class);
		for (int round = 1; round <= 3; round++) {
			long cpu0 = cpuNanos();
			long t0 = System.nanoTime();
			Map<String, LimitProposals.Proposal> paged = new HashMap<>();
			for (int from = 0; from < customers.size(); from += PROPOSAL_PAGE) {
				List<Customer> page = customers.subList(from, Math.min(customers.size(), from + PROPOSAL_PAGE));
				paged.putAll(TestUsers.as("ana", "CREDIT_ANALYST", () -> service.show(page)));
			}
			double pagedSeconds = (System.nanoTime() - t0) / 1e9;
			double pagedCpu = (cpuNanos() - cpu0) / 1e9;
			long cpu1 = cpuNanos();
			long t1 = System.nanoTime();
			int differ = 0;
			for (Customer customer : customers) {
				Optional<LimitProposals.Proposal> alone = TestUsers.as("ana", "CREDIT_ANALYST",
						() -> service.show(customer));
				if (!alone.equals(Optional.ofNullable(paged.get(customer.id())))) {
					differ++;
				}
			}
			double aloneSeconds = (System.nanoTime() - t1) / 1e9;
			System.out.printf(
					"Proposals, round %d: %d customers in pages of %d in %.2f s (%.2f CPU s), one at a time in %.2f s"
							+ " (%.2f CPU s); %d proposals, %d differ%n",
					round, customers.size(), PROPOSAL_PAGE, pagedSeconds, pagedCpu, aloneSeconds,
					(cpuNanos() - cpu1) / 1e9, paged.size(), differ);
		}
	}

	/**
	 * The floor of reading: every customer and every invoice document of the portfolio
	 * read through the driver as raw BSON (no decoding into Java objects, no mapping, no
	 * projection), paged as the re-score pages the whole portfolio (customers by id,
	 * {@value #FLOOR_PAGE} a page; the page's invoices by its {@code customerId} range,
	 * sorted by customer and invoice date). What is left above it in the re-score's
	 * read-only pass is decoding, mapping and deriving histories.
	 */
	private static void floor(MongoTemplate mongo, int pass) {
		MongoCollection<RawBsonDocument> customers = mongo.getCollection("customers")
			.withDocumentClass(RawBsonDocument.class);
		MongoCollection<RawBsonDocument> invoices = mongo.getCollection("invoices")
			.withDocumentClass(RawBsonDocument.class);
		long cpu0 = cpuNanos();
		long t0 = System.nanoTime();
		long customerCount = 0;
		long invoiceCount = 0;
		long bytes = 0;
		BsonValue after = null;
		while (true) {
			List<RawBsonDocument> page = customers.find((after != null) ? Filters.gt("_id", after) : new Document())
				.sort(Sorts.ascending("_id"))
				.limit(FLOOR_PAGE)
				.into(new ArrayList<>(FLOOR_PAGE));
			if (page.isEmpty()) {
				break;
			}
			String lowest = null;
			String highest = null;
			for (RawBsonDocument customer : page) {
				BsonValue id = customer.get("_id");
				String key = id.isObjectId() ? id.asObjectId().getValue().toHexString() : id.asString().getValue();
				lowest = (lowest == null || key.compareTo(lowest) < 0) ? key : lowest;
				highest = (highest == null || key.compareTo(highest) > 0) ? key : highest;
				bytes += customer.getByteBuffer().remaining();
			}
			customerCount += page.size();
			after = page.get(page.size() - 1).get("_id");
			for (RawBsonDocument invoice : invoices
				.find(Filters.and(Filters.gte("customerId", lowest), Filters.lte("customerId", highest)))
				.sort(Sorts.ascending("customerId", "invoiceDate"))) {
				invoiceCount++;
				bytes += invoice.getByteBuffer().remaining();
			}
			if (page.size() < FLOOR_PAGE) {
				break;
			}
		}
		double seconds = (System.nanoTime() - t0) / 1e9;
		System.out.printf(
				"Pass %d, floor (raw BSON, nothing decoded): %d customers, %d invoices (%.0f MB) read in %.1f s"
						+ " = %.0f customers/s, %.1f CPU s; load average after %s%n",
				pass, customerCount, invoiceCount, bytes / 1e6, seconds, customerCount / seconds,
				(cpuNanos() - cpu0) / 1e9, loadAverage());
	}

	/** CPU time of this process (service and driver): all its threads, all cores. */
	private static long cpuNanos() {
		return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	/** The machine's 1, 5 and 15 minute load averages, as {@code uptime} shows them. */
	private static String loadAverage() {
		try {
			String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return f[0] + "/" + f[1] + "/" + f[2];
		}
		catch (IOException | RuntimeException ex) {
			return "n/a";
		}
	}

	/**
	 * Writes customers {@code from .. from+size-1} with their past invoices: generated
	 * customer behaviour, amounts scaled to the customer's limit, each invoice booked on
	 * its date and each payment on the day it was made (as a ledger running through those
	 * months would have booked them); nothing dated today or later.
	 */
	private static void seed(MongoTemplate mongo, int from, int size, int months, int perMonth, LocalDate today,
			int[] written) {
		LocalDate start = today.minusMonths(months).withDayOfMonth(1);
		List<PaymentHistoryGenerator.Customer> behaviour = PaymentHistoryGenerator
			.generate(new GeneratorConfig(20261205L + from, size, start.minusMonths(3), months + 6));
		List<Document> customerDocs = new ArrayList<>(size);
		List<Document> invoiceDocs = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			PaymentHistoryGenerator.Customer generated = behaviour.get(i);
			String id = new ObjectId().toHexString();
			String ref = String.format("BENCH-%07d", from + i + 1);
			double generatedLimit = generated.invoices()
				.stream()
				.filter(g -> g.hasCreditLimit())
				.mapToDouble(g -> g.creditLimit())
				.findFirst()
				.orElse(50000);
			BigDecimal limit = BigDecimal.valueOf(Math.max(5000, Math.round(generatedLimit / 1000) * 1000L))
				.setScale(2, RoundingMode.UNNECESSARY);
			double scale = limit.doubleValue() / generatedLimit;
			Instant opened = start.minusDays(1).atTime(LocalTime.NOON).toInstant(ZoneOffset.UTC);
			Money limitMoney = new Money(limit, CURRENCY);
			Customer customer = new Customer(id, ref, "Bench customer " + (from + i + 1),
					String.format("DE%09d", from + i + 1), "DE", "BENCH", null, null, null, CURRENCY,
					CustomerStatus.ACTIVE, List.of(), new CreditLimit(limitMoney, null, null, "bench", opened), opened,
					opened, 1, start.minusDays(1));
			Document customerDoc = new Document();
			mongo.getConverter().write(customer, customerDoc);
			Document change = new Document();
			mongo.getConverter().write(new CreditLimitChange(start.minusDays(1), limitMoney, opened), change);
			customerDoc.put(CreditLimitChange.FIELD, List.of(change));
			// As every customer who has ordered carries it once its reservations settled.
			customerDoc.put("pendingChanges", List.of());
			customerDocs.add(customerDoc);
			Map<YearMonth, Integer> count = new HashMap<>();
			int n = 0;
			for (var g : generated.invoices()) {
				LocalDate date = g.invoiceDate();
				if (date.isBefore(start) || !date.isBefore(today)
						|| count.merge(YearMonth.from(date), 1, Integer::sum) > perMonth) {
					continue;
				}
				invoiceDocs.add(invoice(mongo, ref + "-INV-" + (n++), id, date, g.dueDate(), g.amount() * scale,
						g.settledDate(), g.paidAmount() * scale, today));
			}
		}
		mongo.getCollection("customers").insertMany(customerDocs);
		for (int i = 0; i < invoiceDocs.size(); i += 5000) {
			mongo.getCollection("invoices").insertMany(invoiceDocs.subList(i, Math.min(invoiceDocs.size(), i + 5000)));
		}
		written[0] += customerDocs.size();
		written[1] += invoiceDocs.size();
	}

	/**
	 * An invoice as the ledger stores it: issued on its date, paid (when it was, before
	 * today) in one payment on the day the generator settled it; a payment of 90 % or
	 * more pays it in full (the rest would be a credit note), a smaller one (a defaulted
	 * customer's partial recovery) leaves the rest open.
	 */
	private static Document invoice(MongoTemplate mongo, String invoiceId, String customerId, LocalDate date,
			LocalDate due, double generatedAmount, LocalDate settled, double generatedPaid, LocalDate today) {
		BigDecimal amount = BigDecimal.valueOf(Math.max(100, Math.round(generatedAmount / 10) * 10L))
			.setScale(2, RoundingMode.UNNECESSARY);
		Instant issuedAt = date.atTime(LocalTime.NOON).toInstant(ZoneOffset.UTC);
		List<Application> applications = new ArrayList<>();
		BigDecimal open = amount;
		if (settled != null && settled.isBefore(today) && generatedPaid > 0) {
			double share = generatedPaid / generatedAmount;
			BigDecimal paid = (share >= 0.9) ? amount
					: BigDecimal.valueOf(Math.max(100, Math.round(generatedPaid / 10) * 10L))
						.setScale(2, RoundingMode.UNNECESSARY)
						.min(amount);
			Instant paidAt = settled.atTime(LocalTime.of(15, 0)).toInstant(ZoneOffset.UTC);
			applications.add(new Application(invoiceId + "-PAY", ApplicationType.PAYMENT, paid, paid, settled, "bench",
					paidAt, null));
			open = amount.subtract(paid);
		}
		Invoice invoice = new Invoice(invoiceId, customerId, null, new Money(amount, CURRENCY),
				new Money(amount, CURRENCY), BigDecimal.ONE, date, date, due, null, null, open, open,
				(open.signum() == 0) ? InvoiceStatus.PAID : InvoiceStatus.OPEN, applications,
				(open.signum() == 0) ? settled : null, "bench", issuedAt, null, null);
		Document document = new Document();
		mongo.getConverter().write(invoice, document);
		return document;
	}

}
