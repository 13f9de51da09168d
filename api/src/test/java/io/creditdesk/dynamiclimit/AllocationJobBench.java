package io.creditdesk.dynamiclimit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;

import io.creditdesk.CreditDeskApplication;
import io.creditdesk.common.DecimalInput;
import io.creditdesk.common.Money;
import io.creditdesk.customer.CreditLimit;
import io.creditdesk.customer.Customer;
import io.creditdesk.customer.CustomerStatus;
import io.creditdesk.dynamiclimit.BudgetAllocationRecord.Status;
import io.creditdesk.dynamiclimit.CreditBudgetAllocation.Basis;
import io.creditdesk.dynamiclimit.CreditBudgetInputs.AllocateCreditBudgetInput;
import io.creditdesk.dynamiclimit.CreditBudgetInputs.RateInput;
import io.creditdesk.dynamiclimit.CreditBudgetInputs.UpsertCreditBudgetInput;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * Times the whole {@code allocateCreditBudget} job on the service's embedded defaults
 * (file-backed store in a temp directory): seeds {@code customers} active customers over
 * 4 segments and 5 verticals with limits, a stored champion score each and a 90-day
 * exposure (not timed), sets a budget of 90 % of the current limits with 10 concentration
 * rows (4 segment shares, 5 vertical shares, the budget) and a share per customer, then
 * times the job from submission until the allocation is stored: reading the candidates
 * (customers, exposures, average exposures, policies, scores, rates), solving, writing
 * the lines. Arguments: {@code customers=10000 runs=2}. A main class in this package (the
 * services are package-private), never run by the test suite; see BENCHMARKS.md
 * "Portfolio allocation".
 */
public final class AllocationJobBench {

	private static final String[] SEGMENTS = { "SMB", "MID_MARKET", "ENTERPRISE", "PUBLIC" };

	private static final String[] VERTICALS = { "RETAIL", "MANUFACTURING", "CONSTRUCTION", "TECH", "HEALTH" };

	private AllocationJobBench() {
	}

	public static void main(String[] args) throws Exception {
		int customers = 10000;
		int runs = 2;
		for (String arg : args) {
			if (arg.startsWith("customers=")) {
				customers = Integer.parseInt(arg.substring("customers=".length()));
			}
			if (arg.startsWith("runs=")) {
				runs = Integer.parseInt(arg.substring("runs=".length()));
			}
		}
		Path dataDir = Files.createTempDirectory("creditdesk-allocation");
		ConfigurableApplicationContext context = new SpringApplication(CreditDeskApplication.class).run(
				"--server.port=0", "--creditdesk.embedded.data-dir=" + dataDir, "--creditdesk.embedded.in-memory=false",
				"--creditdesk.embedded.mongo-port=0", "--creditdesk.embedded.kafka-port=0",
				"--creditdesk.demo.enabled=false", "--creditdesk.scores.enabled=false", "--logging.level.root=WARN",
				"--logging.level.io.creditdesk=WARN", "--spring.main.banner-mode=off");
		try {
			MongoTemplate mongo = context.getBean(MongoTemplate.class);
			LocalDate today = LocalDate.ofInstant(context.getBean(Clock.class).instant(), ZoneOffset.UTC);
			long t0 = System.nanoTime();
			BigDecimal total = seed(mongo, customers, today);
			System.out.printf("Seeded %d customers (limits %s EUR) in %.1f s (not part of the figures)%n", customers,
					total.toPlainString(), (System.nanoTime() - t0) / 1e9);
			CreditBudgets budgets = context.getBean(CreditBudgets.class);
			List<RateInput> segmentShares = new ArrayList<>();
			for (String segment : SEGMENTS) {
				segmentShares.add(new RateInput(segment, DecimalInput.of("0.35")));
			}
			List<RateInput> verticalShares = new ArrayList<>();
			for (String vertical : VERTICALS) {
				verticalShares.add(new RateInput(vertical, DecimalInput.of("0.25")));
			}
			CreditBudget budget = budgets.upsert(new UpsertCreditBudgetInput("EUR", null, today, today.plusMonths(3),
					Basis.TOTAL_LIMITS, DecimalInput.of(total.multiply(new BigDecimal("0.9")).toPlainString()),
					DecimalInput.of("0.0002"), segmentShares, verticalShares, List.of(), null, null, "bench", null));
			CreditBudgetAllocations allocations = context.getBean(CreditBudgetAllocations.class);
			for (int run = 1; run <= runs; run++) {
				long s0 = System.nanoTime();
				String id = allocations.start(new AllocateCreditBudgetInput(budget.id())).allocation().id();
				BudgetAllocationRecord record;
				do {
					Thread.sleep(50);
					record = allocations.find(id).orElseThrow();
				}
				while (record.status() == Status.RUNNING);
				double seconds = (System.nanoTime() - s0) / 1e9;
				long binding = record.constraints().stream().filter(CreditBudgetAllocation.Constraint::binding).count();
				System.out.printf(
						"Run %d: %s in %.1f s: %d candidates, %d excluded, %d changed, budget used %s of %s, %d binding constraints%n",
						run, record.status(), seconds, record.candidates(), record.excluded(), record.changed(),
						record.budgetUsed(), record.total(), binding);
				if (record.refusal() != null) {
					System.out.println("  refused: " + record.refusal().message());
				}
			}
		}
		finally {
			context.close();
			FileSystemUtils.deleteRecursively(dataDir);
		}
		System.exit(0);
	}

	/**
	 * Writes the customers, their champion scores and exposures; returns their limits.
	 */
	private static BigDecimal seed(MongoTemplate mongo, int count, LocalDate today) {
		Random random = new Random(20261205L);
		Instant opened = today.minusYears(1).atStartOfDay(ZoneOffset.UTC).toInstant();
		Date day = Date.from(today.atStartOfDay(ZoneOffset.UTC).toInstant());
		BigDecimal total = BigDecimal.ZERO;
		List<Document> customers = new ArrayList<>();
		List<Document> scores = new ArrayList<>();
		List<Document> exposures = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String id = new ObjectId().toHexString();
			BigDecimal limit = BigDecimal.valueOf(5_000 + 1_000L * random.nextInt(200)).setScale(2);
			total = total.add(limit);
			Customer customer = new Customer(id, String.format("ALLOC-%06d", i), "Bench customer " + i,
					String.format("DE%09d", i), "DE", SEGMENTS[i % SEGMENTS.length], "SILVER",
					VERTICALS[random.nextInt(VERTICALS.length)], null, "EUR", CustomerStatus.ACTIVE, List.of(),
					new CreditLimit(new Money(limit, "EUR"), null, null, "bench", opened), opened, opened, 1,
					today.minusYears(1));
			Document document = new Document();
			mongo.getConverter().write(customer, document);
			customers.add(document);
			double pd = 0.005 + random.nextDouble() * 0.245;
			String grade = (pd < 0.02) ? "A" : (pd < 0.05) ? "B" : (pd < 0.10) ? "C" : (pd < 0.20) ? "D" : "E";
			scores.add(new Document("_id", new ObjectId(id)).append("generation", 1L)
				.append("champion",
						new Document("status", "SCORED").append("probabilityOfDefault", pd)
							.append("grade", grade)
							.append("reasons", List.of())
							.append("modelName", "credit-risk")
							.append("modelVersion", "bench")
							.append("asOf", day)
							.append("historyMonths", 12)
							.append("monthsNeeded", 6)
							.append("importedMonths", 0)
							.append("scoredAt", Date.from(opened))));
			BigDecimal exposure = limit.multiply(BigDecimal.valueOf(0.2 + random.nextDouble() * 0.7))
				.setScale(2, RoundingMode.HALF_EVEN);
			exposures.add(new Document("_id", new ObjectId().toHexString()).append("customerId", id)
				.append("day", Date.from(today.minusDays(100).atStartOfDay(ZoneOffset.UTC).toInstant()))
				.append("net", new Decimal128(exposure))
				.append("currency", "EUR"));
		}
		for (int from = 0; from < count; from += 5000) {
			int to = Math.min(count, from + 5000);
			mongo.getCollection("customers").insertMany(customers.subList(from, to));
			mongo.getCollection("customer_scores").insertMany(scores.subList(from, to));
			mongo.getCollection("exposure_daily").insertMany(exposures.subList(from, to));
		}
		return total;
	}

}
