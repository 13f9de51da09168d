package io.creditdesk.bench;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import io.creditdesk.CreditDeskApplication;
import io.creditdesk.TestCustomers;
import io.creditdesk.common.DecimalInput;
import io.creditdesk.customer.Customer;
import io.creditdesk.customer.CustomerInputs.CreateCustomerInput;
import io.creditdesk.customer.CustomerInputs.SetCreditLimitInput;
import io.creditdesk.customer.CustomerService;
import io.creditdesk.intake.IntakeChannel;
import io.creditdesk.intake.IntakeProcessor;
import io.creditdesk.intake.IntakeProperties;
import io.creditdesk.intake.OrderGateway;
import io.creditdesk.ledger.OrderInputs.PlaceOrderInput;
import io.creditdesk.ledger.OrderService;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.bson.types.Decimal128;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.FileSystemUtils;

/**
 * Load driver for the Kafka order intake (not a test: run it as a main class, see
 * {@code BENCHMARKS.md}, "Kafka order intake under a burst"). Starts the service
 * in-process on its embedded defaults (file-backed store in a fresh temp directory,
 * embedded KRaft broker, intake on, the real {@code LedgerOrderGateway}), creates
 * customers with limits through the customer service, then:
 * <ol>
 * <li>warm-up: a burst of {@code warmup} orders on separate customers, as many per
 * customer as the measured burst (at least 50 customers), waited for (not measured);</li>
 * <li>burst: {@code orders} orders produced as fast as possible to the four raw topics
 * (web shop JSON, X12 850, marketplace JSON, sales-rep CSV in turn; customers named by
 * external reference or by tax id), keyed by the customer's external reference, plus
 * {@code duplicates} redeliveries of orders already sent. Every second it samples the
 * intake group's lag through an admin client and the number of stored orders; it reports
 * the produce rate, the end-to-end rate (stored decisions from the first produce to the
 * last stored decision), the lag series with its peak and the time to drain, decisions by
 * status, dead letters, duplicates and the oversold amount;</li>
 * <li>references in the same run: the raw store's conditional update (as in
 * {@link LoadDriver}), {@code OrderService.place} called directly and the intake path
 * without Kafka ({@code IntakeProcessor.place} with the real gateway), each with 1 and
 * {@code threads} threads.</li>
 * </ol>
 * Arguments are {@code key=value}: customers (1000), orders (100000), duplicates (1000),
 * limit (100000 EUR), warmup (2000), raw (30000), direct (10000 per reference phase),
 * threads (8), timeout (900 s for the burst to drain); {@code app.<property>=<value>} is
 * passed to the service as {@code --<property>=<value>} (e.g.
 * {@code app.creditdesk.intake.concurrency=4}).
 */
public final class IntakeLoadDriver {

	private static final String[] SKUS = { "STEEL-PLATE-10", "BOLT-M12", "PRESS-TOOL", "WASHER-M12", "PIPE-DN50",
			"FLANGE-DN50", "CABLE-3X2.5", "VALVE-1/2" };

	private final DriverOptions options;

	private IntakeLoadDriver(DriverOptions options) {
		this.options = options;
	}

	private int option(String key, int fallback) {
		return this.options.integer(key, fallback);
	}

	public static void main(String[] args) throws Exception {
		new IntakeLoadDriver(DriverOptions.parse(args)).run();
		System.exit(0);
	}

	/** A customer as the channels name it. */
	record Bench(String id, String ref, String taxId) {
	}

	/**
	 * One order to send: where, with which key, and its payload; the amount the channel
	 * states.
	 */
	record Sent(IntakeChannel channel, String key, String orderId, String customerId, BigDecimal amount,
			String payload) {
	}

	private void run() throws Exception {
		int customers = option("customers", 1000);
		int orders = option("orders", 100_000);
		int duplicates = option("duplicates", 1000);
		int limit = option("limit", 100_000);
		int warmup = option("warmup", 2000);
		int raw = option("raw", 30_000);
		int direct = option("direct", 10_000);
		int threads = option("threads", 8);
		Duration timeout = Duration.ofSeconds(option("timeout", 900));
		Path dataDir = Files.createTempDirectory("creditdesk-intakebench");
		System.out.printf("Data dir %s; %d customers (limit %d EUR), burst of %d orders + %d redeliveries%n", dataDir,
				customers, limit, orders, duplicates);
		List<String> appArgs = this.options.serviceArguments(dataDir, "--creditdesk.intake.enabled=true",
				"--creditdesk.intake.lag-interval=5s");
		System.out.println("Service arguments: " + appArgs);
		long boot = System.nanoTime();
		SpringApplication app = new SpringApplication(CreditDeskApplication.class);
		// The test classes are on the class path for this driver: keep the test-only
		// RecordingOrderGateway (a @Primary @Component in src/test) out, so the intake
		// uses the real LedgerOrderGateway.
		app.addInitializers(ctx -> ctx.addBeanFactoryPostProcessor(factory -> {
			BeanDefinitionRegistry registry = (BeanDefinitionRegistry) factory;
			for (String name : registry.getBeanDefinitionNames()) {
				if ("io.creditdesk.intake.RecordingOrderGateway"
					.equals(registry.getBeanDefinition(name).getBeanClassName())) {
					registry.removeBeanDefinition(name);
				}
			}
		}));
		ConfigurableApplicationContext context = app.run(appArgs.toArray(String[]::new));
		String gatewayClass = context.getBean(OrderGateway.class).getClass().getName();
		System.out.println("Intake gateway: " + gatewayClass);
		if (!gatewayClass.startsWith("io.creditdesk.intake.LedgerOrderGateway")) {
			context.close();
			throw new IllegalStateException("The intake must use the real LedgerOrderGateway, not " + gatewayClass);
		}
		System.out.printf("Service started in %.1f s%n", (System.nanoTime() - boot) / 1e9);
		List<String> report = new ArrayList<>();
		try {
			report
				.addAll(measure(context, customers, orders, duplicates, limit, warmup, raw, direct, threads, timeout));
		}
		finally {
			context.close();
			FileSystemUtils.deleteRecursively(dataDir);
		}
		System.out.println();
		System.out.println("==== Results ====");
		report.forEach(System.out::println);
	}

	private List<String> measure(ConfigurableApplicationContext context, int customers, int orders, int duplicates,
			int limit, int warmup, int raw, int direct, int threads, Duration timeout) throws Exception {
		List<String> report = new ArrayList<>();
		IntakeProperties intake = context.getBean(IntakeProperties.class);
		MongoTemplate mongo = context.getBean(MongoTemplate.class);
		countDb = mongo.getDb();
		CustomerService customerService = context.getBean(CustomerService.class);
		String bootstrap = String
			.valueOf(context.getBean(ProducerFactory.class)
				.getConfigurationProperties()
				.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG))
			.replaceAll("[\\[\\] ]", "");
		System.out.println("Kafka " + bootstrap + ", intake group " + intake.groupId() + ", concurrency "
				+ intake.concurrency() + ", partitions when created " + intake.partitions());

		long t0 = System.nanoTime();
		List<Bench> benchCustomers = createCustomers(customerService, "B", customers, limit);
		// The warm-up runs the burst's own mix: as many orders per customer as the burst,
		// so that it
		// approves, holds and fills accounts in the same proportions and the JIT compiles
		// the paths the
		// burst takes (on 50 customers, a long warm-up held almost every order and left
		// the approved path
		// to be compiled during the measured burst).
		int warmCount = (int) Math.max(50, Math.ceil((double) warmup * customers / Math.max(1, orders)));
		List<Bench> warmCustomers = createCustomers(customerService, "W", warmCount, limit);
		List<Bench> directCustomers = createCustomers(customerService, "D", 200, limit * 10);
		System.out.printf("Created %d customers with limits through the customer service in %.1f s%n",
				benchCustomers.size() + warmCustomers.size() + directCustomers.size(), (System.nanoTime() - t0) / 1e9);

		Map<String, Object> adminConfig = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		try (AdminClient admin = AdminClient.create(adminConfig);
				KafkaProducer<String, String> producer = producer(bootstrap)) {
			awaitTopics(admin, intake);
			List<TopicPartition> partitions = partitions(admin, intake.topics().values());
			System.out
				.println("Raw topics: " + intake.topics().size() + " with " + partitions.size() + " partitions in all");
			MongoCollection<Document> orderDocs = mongo.getDb().getCollection("orders");

			// Warm-up: the intake path and the store JIT-compiled before the measured
			// burst.
			List<Sent> warm = payloads(warmCustomers, "W", warmup, 0, new SplittableRandom(7));
			long before = count(orderDocs);
			for (Sent s : warm) {
				producer.send(new ProducerRecord<>(intake.topic(s.channel()), s.key(), s.payload()));
			}
			producer.flush();
			long warmStart = System.nanoTime();
			while (count(orderDocs) < before + warm.size() && System.nanoTime() - warmStart < timeout.toNanos()) {
				Thread.sleep(200);
			}
			System.out.printf("Counts: count command %d, countDocuments %d, estimated %d%n", count(orderDocs),
					orderDocs.countDocuments(), orderDocs.estimatedDocumentCount());
			System.out.printf("Warm-up: %d orders through the intake in %.1f s%n", warm.size(),
					(System.nanoTime() - warmStart) / 1e9);

			// The burst.
			List<Sent> burst = payloads(benchCustomers, "B", orders, duplicates, new SplittableRandom(42));
			Set<String> unique = new HashSet<>();
			burst.forEach(s -> unique.add(s.orderId()));
			long baseline = count(orderDocs);
			long dltBaseline = endOffsets(admin, partitions(admin, deadLetterTopics(intake))).values()
				.stream()
				.mapToLong(Long::longValue)
				.sum();
			long failuresBaseline = count(mongo.getDb().getCollection("intake_failures"));
			Sampler sampler = new Sampler(admin, intake.groupId(), partitions, orderDocs, baseline);
			Thread sampling = new Thread(sampler, "intake-bench-sampler");
			long produceStart = System.nanoTime();
			Instant produceStartWall = Instant.now();
			sampler.start = produceStart;
			sampling.start();
			AtomicLong sendErrors = new AtomicLong();
			for (Sent s : burst) {
				producer.send(new ProducerRecord<>(intake.topic(s.channel()), s.key(), s.payload()), (m, ex) -> {
					if (ex != null) {
						sendErrors.incrementAndGet();
					}
				});
			}
			producer.flush();
			long produceEnd = System.nanoTime();
			sampler.produced = true;
			double produceSeconds = (produceEnd - produceStart) / 1e9;
			System.out.printf(Locale.ROOT, "Produced %d records in %.2f s (%.0f/s), %d send errors%n", burst.size(),
					produceSeconds, burst.size() / produceSeconds, sendErrors.get());
			long deadline = System.nanoTime() + timeout.toNanos();
			while (!sampler.drained && System.nanoTime() < deadline) {
				Thread.sleep(200);
			}
			sampler.stop = true;
			sampling.join();
			Thread.sleep(2000); // late dead letters, if any

			// What was stored.
			Map<String, BigDecimal> approved = new HashMap<>();
			Map<String, Long> byStatus = new TreeMap<>();
			long stored = 0;
			Date firstPlaced = null;
			Date lastPlaced = null;
			for (Document order : orderDocs.find(new Document("_id", new Document("$regex", "-B-")))
				.projection(Projections.include("customerId", "decision.status", "creditAmount", "placedAt"))) {
				stored++;
				String status = order.get("decision", Document.class).getString("status");
				byStatus.merge(status, 1L, Long::sum);
				Date placed = order.getDate("placedAt");
				firstPlaced = (firstPlaced == null || placed.before(firstPlaced)) ? placed : firstPlaced;
				lastPlaced = (lastPlaced == null || placed.after(lastPlaced)) ? placed : lastPlaced;
				if ("APPROVED".equals(status)) {
					approved.merge(String.valueOf(order.get("customerId")),
							decimal(order.get("creditAmount", Document.class).get("amount")), BigDecimal::add);
				}
			}
			long dlt = endOffsets(admin, partitions(admin, deadLetterTopics(intake))).values()
				.stream()
				.mapToLong(Long::longValue)
				.sum() - dltBaseline;
			long failures = count(mongo.getDb().getCollection("intake_failures")) - failuresBaseline;
			double e2eSeconds = (lastPlaced != null) ? (lastPlaced.getTime() - produceStartWall.toEpochMilli()) / 1000.0
					: Double.NaN;
			BigDecimal cap = BigDecimal.valueOf(limit);
			BigDecimal oversold = BigDecimal.ZERO;
			int atLimit = 0;
			int mismatched = 0;
			Map<String, BigDecimal> reserved = new HashMap<>();
			for (Document c : mongo.getDb()
				.getCollection("customers")
				.find(new Document("externalRef", new Document("$regex", "^BENCH-B-")))
				.projection(Projections.include("exposure"))) {
				Document exposure = c.get("exposure", Document.class);
				reserved.put(String.valueOf(c.get("_id")),
						(exposure != null) ? decimal(exposure.get("openOrders")) : BigDecimal.ZERO);
			}
			for (Bench b : benchCustomers) {
				BigDecimal sum = approved.getOrDefault(b.id(), BigDecimal.ZERO);
				oversold = oversold.add(sum.subtract(cap).max(BigDecimal.ZERO));
				if (sum.compareTo(cap.subtract(BigDecimal.valueOf(500))) > 0) {
					atLimit++;
				}
				if (reserved.getOrDefault(b.id(), BigDecimal.ZERO).compareTo(sum) != 0) {
					mismatched++;
				}
			}
			report.add(String.format(Locale.ROOT,
					"Burst: %d records (%d orders + %d redeliveries of orders already sent) to %d partitions, "
							+ "%d customers, channels %s",
					burst.size(), unique.size(), burst.size() - unique.size(), partitions.size(), customers,
					channelMix(burst)));
			report.add(String.format(Locale.ROOT, "Produce rate: %.0f records/s (%.2f s)",
					burst.size() / produceSeconds, produceSeconds));
			report.add(String.format(Locale.ROOT,
					"End to end: %d stored decisions from first produce to last stored decision in %.2f s = %.0f orders/s"
							+ " (first decision stored %.2f s after the first produce)",
					stored, e2eSeconds, stored / e2eSeconds, (firstPlaced != null)
							? (firstPlaced.getTime() - produceStartWall.toEpochMilli()) / 1000.0 : Double.NaN));
			report.add("Decisions by status: " + byStatus);
			report.add(String.format(Locale.ROOT,
					"Duplicates: %d redeliveries sent; stored orders %d for %d distinct order ids (%s);"
							+ " customers whose reserved open orders differ from their approved orders: %d",
					burst.size() - unique.size(), stored, unique.size(),
					(stored == unique.size()) ? "each once" : "MISMATCH", mismatched));
			report.add(String.format(Locale.ROOT, "Dead letters: %d on the DLT topics, %d failed-intake records", dlt,
					failures));
			report.add(String.format(Locale.ROOT,
					"OVERSOLD (sum over %d customers of approved orders above the limit): %s EUR;"
							+ " %d customers within 500 EUR of their limit",
					customers, oversold.toPlainString(), atLimit));
			report.addAll(sampler.summary());

			// References in the same run, after the burst.
			report.add(rawStore(mongo, customers, limit, threads, raw));
			AtomicInteger seq = new AtomicInteger();
			OrderService orderService = context.getBean(OrderService.class);
			IntakeProcessor processor = context.getBean(IntakeProcessor.class);
			OrderGateway gateway = context.getBean(OrderGateway.class);
			List<Sent> directPayloads = Collections.synchronizedList(
					new ArrayList<>(payloads(directCustomers, "D", 4 * direct, 0, new SplittableRandom(3))));
			for (int t : new int[] { 1, threads }) {
				report.add(phase("OrderService.place direct, " + t + " thread(s)", t, direct, i -> {
					Sent s = directPayloads.get(seq.getAndIncrement());
					asIntegration();
					orderService.place(new PlaceOrderInput("svc-" + s.orderId(), s.customerId(),
							new DecimalInput(s.amount().toPlainString()), "EUR", s.channel().code(), null));
				}));
				report.add(phase("intake path without Kafka (adapter + normalize + gateway), " + t + " thread(s)", t,
						direct, i -> {
							Sent s = directPayloads.get(seq.getAndIncrement());
							processor.place(s.channel(), s.payload(), gateway);
						}));
			}
		}
		return report;
	}

	private static void asIntegration() {
		SecurityContextHolder.getContext()
			.setAuthentication(new UsernamePasswordAuthenticationToken("intake-bench", null,
					AuthorityUtils.createAuthorityList("ROLE_INTEGRATION")));
	}

	private static String channelMix(List<Sent> sent) {
		Map<String, Long> mix = new TreeMap<>();
		sent.forEach(s -> mix.merge(s.channel().code(), 1L, Long::sum));
		return mix.toString();
	}

	/**
	 * Documents in the collection (the embedded store answers the count command without a
	 * scan).
	 */
	static long count(MongoCollection<Document> collection) {
		return countDb.runCommand(new Document("count", collection.getNamespace().getCollectionName()))
			.get("n", Number.class)
			.longValue();
	}

	static MongoDatabase countDb;

	private static BigDecimal decimal(Object value) {
		if (value instanceof Decimal128 d) {
			return d.bigDecimalValue();
		}
		if (value instanceof Number n) {
			return new BigDecimal(n.toString());
		}
		return (value != null) ? new BigDecimal(value.toString()) : BigDecimal.ZERO;
	}

	// ---- customers and payloads ----

	private static List<Bench> createCustomers(CustomerService service, String prefix, int count, int limit)
			throws InterruptedException {
		List<Bench> created = Collections.synchronizedList(new ArrayList<>());
		AtomicInteger next = new AtomicInteger();
		List<Thread> workers = new ArrayList<>();
		for (int w = 0; w < 4; w++) {
			Thread worker = new Thread(() -> {
				for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
					String ref = "BENCH-" + prefix + "-" + i;
					String taxId = TestCustomers.uniqueGermanTaxId();
					SecurityContextHolder.getContext()
						.setAuthentication(new UsernamePasswordAuthenticationToken("bench-admin", null,
								AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
					Customer customer = service.create(new CreateCustomerInput(ref, "Bench " + prefix + " " + i, taxId,
							"DE", "BENCH", "SILVER", "RETAIL", "EUR", null, null));
					// Setting a limit directly is an admin's (people ask through limit
					// requests).
					service.setCreditLimit(new SetCreditLimitInput(customer.id(),
							new DecimalInput(String.valueOf(limit)), "EUR", null, "bench", null));
					created.add(new Bench(customer.id(), ref, customer.taxId()));
				}
				SecurityContextHolder.clearContext();
			});
			workers.add(worker);
			worker.start();
		}
		for (Thread worker : workers) {
			worker.join();
		}
		if (created.size() != count) {
			throw new IllegalStateException("Created " + created.size() + " of " + count + " customers");
		}
		List<Bench> sorted = new ArrayList<>(created);
		sorted.sort((a, b) -> a.ref().compareTo(b.ref()));
		return sorted;
	}

	/**
	 * {@code count} orders of random customers, the channels in turn, a quarter of the
	 * customers named by tax id instead of external reference; then {@code duplicates}
	 * exact resends of orders already in the list, inserted after their original.
	 */
	static List<Sent> payloads(List<Bench> customers, String prefix, int count, int duplicates, SplittableRandom rnd) {
		List<Sent> sent = new ArrayList<>(count + duplicates);
		for (int i = 0; i < count; i++) {
			Bench customer = customers.get(rnd.nextInt(customers.size()));
			IntakeChannel channel = IntakeChannel.values()[i % 4];
			boolean byTaxId = rnd.nextInt(4) == 0;
			int lineCount = 1 + rnd.nextInt(3);
			String[] skus = new String[lineCount];
			int[] quantities = new int[lineCount];
			long[] cents = new long[lineCount];
			long totalCents = 0;
			for (int l = 0; l < lineCount; l++) {
				skus[l] = SKUS[rnd.nextInt(SKUS.length)];
				quantities[l] = 1 + rnd.nextInt(20);
				cents[l] = 500 + rnd.nextInt(14_500);
				totalCents += quantities[l] * cents[l];
			}
			String number = prefix + "-" + i;
			String payload = switch (channel) {
				case WEBSHOP -> webShop("WS-" + number, customer, byTaxId, skus, quantities, cents, totalCents);
				case EDI -> edi("PO-" + number, customer, byTaxId, skus, quantities, cents);
				case MARKETPLACE -> marketplace("MP-" + number, customer, byTaxId, skus, quantities, cents, totalCents);
				case SALESREP -> salesRep("SR-" + number, customer, byTaxId, skus, quantities, cents, totalCents);
			};
			String orderNumber = switch (channel) {
				case WEBSHOP -> "WS-" + number;
				case EDI -> "PO-" + number;
				case MARKETPLACE -> "MP-" + number;
				case SALESREP -> "SR-" + number;
			};
			sent.add(new Sent(channel, customer.ref(), channel.code() + ":" + orderNumber, customer.id(),
					BigDecimal.valueOf(totalCents, 2), payload));
		}
		for (int d = 0; d < duplicates && count > 0; d++) {
			int original = rnd.nextInt(count);
			int at = original + 1 + rnd.nextInt(Math.max(1, sent.size() - original - 1));
			sent.add(Math.min(at, sent.size()), sent.get(original));
		}
		return sent;
	}

	private static String money(long cents) {
		return BigDecimal.valueOf(cents, 2).toPlainString();
	}

	private static String webShop(String number, Bench c, boolean byTaxId, String[] skus, int[] qty, long[] cents,
			long total) {
		StringBuilder json = new StringBuilder("{\n  \"orderNumber\": \"").append(number)
			.append("\",\n  \"customer\": ");
		json.append(byTaxId ? "{ \"countryCode\": \"de\", \"taxId\": \"" + c.taxId().substring(2) + "\" }"
				: "{ \"externalRef\": \"" + c.ref() + "\" }");
		json.append(",\n  \"currency\": \"eur\",\n  \"total\": \"").append(money(total)).append("\",\n  \"lines\": [");
		for (int l = 0; l < skus.length; l++) {
			json.append((l > 0) ? "," : "")
				.append("\n    { \"sku\": \"")
				.append(skus[l].toLowerCase(Locale.ROOT))
				.append("\", \"quantity\": ")
				.append(qty[l])
				.append(", \"unitPrice\": \"")
				.append(money(cents[l]))
				.append("\" }");
		}
		return json.append("\n  ]\n}\n").toString();
	}

	private static String edi(String number, Bench c, boolean byTaxId, String[] skus, int[] qty, long[] cents) {
		List<String> segments = new ArrayList<>();
		segments.add("ST*850*0001");
		segments.add("BEG*00*SA*" + number + "**20261122");
		if (!byTaxId) {
			segments.add("CUR*BY*EUR");
			segments.add("N1*BY*Bench Customer*92*" + c.ref());
		}
		else {
			// As the sample valid-850-tax-id-no-currency.edi: buyer by VAT id, no CUR
			// (the credit currency applies).
			segments.add("N1*BY*Bench Customer*VA*" + c.taxId().substring(0, 2) + " " + c.taxId().substring(2));
			segments.add("N4*Duisburg**47051*DE");
		}
		for (int l = 0; l < skus.length; l++) {
			segments.add("PO1*" + (l + 1) + "*" + qty[l] + "*EA*" + money(cents[l]) + "**VP*" + skus[l]);
		}
		segments.add("CTT*" + skus.length);
		segments.add("SE*" + (segments.size() + 1) + "*0001");
		StringBuilder x12 = new StringBuilder(
				"ISA*00*          *00*          *ZZ*BENCHBUYER     *ZZ*CREDITDESK     *261122*1200*U*00401*000000101*0*P*>~\n"
						+ "GS*PO*BENCHBUYER*CREDITDESK*20261122*1200*101*X*004010~\n");
		segments.forEach(s -> x12.append(s).append("~\n"));
		return x12.append("GE*1*101~\nIEA*1*000000101~\n").toString();
	}

	private static String marketplace(String number, Bench c, boolean byTaxId, String[] skus, int[] qty, long[] cents,
			long total) {
		StringBuilder json = new StringBuilder("{\n  \"marketplaceOrderId\": \"")
			.append(number.toLowerCase(Locale.ROOT))
			.append("\",\n  \"buyer\": ");
		json.append(byTaxId
				? "{ \"vatId\": \"de " + c.taxId().substring(2, 5) + "." + c.taxId().substring(5, 8) + "."
						+ c.taxId().substring(8) + "\", \"country\": \"de\" }"
				: "{ \"accountRef\": \"" + c.ref() + "\" }");
		json.append(",\n  \"currencyNumeric\": \"978\",\n  \"totalMinor\": ").append(total).append(",\n  \"items\": [");
		for (int l = 0; l < skus.length; l++) {
			json.append((l > 0) ? "," : "")
				.append("\n    { \"articleNumber\": \"")
				.append(skus[l])
				.append("\", \"qty\": ")
				.append(qty[l])
				.append(", \"unitPriceMinor\": ")
				.append(cents[l])
				.append(" }");
		}
		return json.append("\n  ]\n}\n").toString();
	}

	private static String salesRep(String number, Bench c, boolean byTaxId, String[] skus, int[] qty, long[] cents,
			long total) {
		StringBuilder csv = new StringBuilder(number).append(',');
		csv.append(byTaxId ? ",DE," + c.taxId() : " " + c.ref().toLowerCase(Locale.ROOT) + " ,,");
		csv.append(",Eur,,\"").append(money(total).replace('.', ',')).append('"');
		for (int l = 0; l < skus.length; l++) {
			csv.append(",\"")
				.append(skus[l])
				.append("\",")
				.append(qty[l])
				.append(",\"")
				.append(money(cents[l]).replace('.', ','))
				.append('"');
		}
		return csv.append('\n').toString();
	}

	// ---- Kafka ----

	private static KafkaProducer<String, String> producer(String bootstrap) {
		Map<String, Object> config = new HashMap<>();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		config.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
		config.put(ProducerConfig.CLIENT_ID_CONFIG, "intake-bench-producer");
		return new KafkaProducer<>(config);
	}

	private static List<String> deadLetterTopics(IntakeProperties intake) {
		List<String> topics = new ArrayList<>();
		for (IntakeChannel channel : IntakeChannel.values()) {
			topics.add(intake.deadLetterTopic(channel));
		}
		return topics;
	}

	private static void awaitTopics(AdminClient admin, IntakeProperties intake) throws Exception {
		Set<String> wanted = new HashSet<>(intake.topics().values());
		wanted.addAll(deadLetterTopics(intake));
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (!admin.listTopics().names().get(10, TimeUnit.SECONDS).containsAll(wanted)) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The intake did not create its topics " + wanted);
			}
			Thread.sleep(200);
		}
	}

	private static List<TopicPartition> partitions(AdminClient admin, Collection<String> topics) throws Exception {
		List<TopicPartition> partitions = new ArrayList<>();
		admin.describeTopics(topics)
			.allTopicNames()
			.get(10, TimeUnit.SECONDS)
			.forEach((topic, description) -> description.partitions()
				.forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
		return partitions;
	}

	private static Map<TopicPartition, Long> endOffsets(AdminClient admin, List<TopicPartition> partitions)
			throws Exception {
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
		Map<TopicPartition, Long> ends = new HashMap<>();
		admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((p, info) -> ends.put(p, info.offset()));
		return ends;
	}

	/**
	 * Samples the intake group's lag and the stored orders every second until the burst
	 * is drained.
	 */
	static final class Sampler implements Runnable {

		final AdminClient admin;

		final String group;

		final List<TopicPartition> partitions;

		final MongoCollection<Document> orders;

		final long baseline;

		volatile long start;

		volatile boolean produced;

		volatile boolean drained;

		volatile boolean stop;

		final List<long[]> series = new ArrayList<>(); // millis, total lag, max partition
														// lag, stored

		Sampler(AdminClient admin, String group, List<TopicPartition> partitions, MongoCollection<Document> orders,
				long baseline) {
			this.admin = admin;
			this.group = group;
			this.partitions = partitions;
			this.orders = orders;
			this.baseline = baseline;
		}

		@Override
		public void run() {
			long next = this.start;
			while (!this.stop) {
				try {
					Map<TopicPartition, OffsetAndMetadata> committed = this.admin.listConsumerGroupOffsets(this.group)
						.partitionsToOffsetAndMetadata()
						.get(10, TimeUnit.SECONDS);
					Map<TopicPartition, Long> ends = endOffsets(this.admin, this.partitions);
					long total = 0;
					long max = 0;
					for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
						OffsetAndMetadata done = committed.get(end.getKey());
						long behind = Math.max(0, end.getValue() - ((done != null) ? done.offset() : 0));
						total += behind;
						max = Math.max(max, behind);
					}
					long stored = count(this.orders) - this.baseline;
					long at = (System.nanoTime() - this.start) / 1_000_000;
					synchronized (this.series) {
						this.series.add(new long[] { at, total, max, stored });
					}
					System.out.printf(Locale.ROOT, "  t=%6.1f s  lag total %7d  max/partition %6d  stored %7d%n",
							at / 1000.0, total, max, stored);
					if (this.produced && total == 0) {
						this.drained = true;
						return;
					}
				}
				catch (Exception ex) {
					System.out.println("  sampling failed: " + ex);
				}
				next += 1_000_000_000L;
				long sleep = (next - System.nanoTime()) / 1_000_000;
				if (sleep > 0) {
					try {
						Thread.sleep(sleep);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}
		}

		List<String> summary() {
			List<String> lines = new ArrayList<>();
			long[] peak = null;
			synchronized (this.series) {
				for (long[] s : this.series) {
					if (peak == null || s[1] > peak[1]) {
						peak = s;
					}
				}
				if (peak == null) {
					return List.of("Lag: no samples");
				}
				long[] last = this.series.get(this.series.size() - 1);
				lines.add(String.format(Locale.ROOT,
						"Lag: peak %d records in all (max %d on one partition) at t=%.1f s; drained (lag 0) at t=%.1f s, %s",
						peak[1], peak[2], peak[0] / 1000.0, last[0] / 1000.0,
						(last[1] == 0) ? "i.e. "
								+ String.format(Locale.ROOT, "%.1f s after the peak", (last[0] - peak[0]) / 1000.0)
								: "NOT drained (lag " + last[1] + ")"));
				StringBuilder compact = new StringBuilder("Lag series (t s: total lag / stored):");
				int step = Math.max(1, this.series.size() / 20);
				for (int i = 0; i < this.series.size(); i++) {
					if (i % step == 0 || i == this.series.size() - 1 || this.series.get(i) == peak) {
						long[] s = this.series.get(i);
						compact.append(String.format(Locale.ROOT, " %.0f: %d / %d;", s[0] / 1000.0, s[1], s[3]));
					}
				}
				lines.add(compact.toString());
			}
			return lines;
		}

	}

	// ---- references ----

	/**
	 * The store's own conditional update, the ceiling any check built on it can reach (as
	 * in LoadDriver).
	 */
	private static String rawStore(MongoTemplate mongo, int docs, int limit, int threads, int count) throws Exception {
		MongoCollection<Document> scratch = mongo.getDb().getCollection("bench_scratch");
		scratch.drop();
		List<Document> initial = new ArrayList<>();
		for (int i = 0; i < docs; i++) {
			initial.add(new Document("_id", "s" + i).append("limit", new Decimal128(BigDecimal.valueOf(limit)))
				.append("used", new Decimal128(BigDecimal.ZERO)));
		}
		scratch.insertMany(initial);
		FindOneAndUpdateOptions options = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);
		SplittableRandom seed = new SplittableRandom(11);
		ThreadLocal<SplittableRandom> randoms = ThreadLocal.withInitial(() -> {
			synchronized (seed) {
				return seed.split();
			}
		});
		AtomicLong reserved = new AtomicLong();
		String result = phase("raw store findOneAndUpdate ($expr + $inc), " + threads + " threads", threads, count,
				i -> {
					SplittableRandom rnd = randoms.get();
					Decimal128 amount = new Decimal128(BigDecimal.valueOf(10_000 + rnd.nextInt(290_000), 2));
					Document filter = new Document("_id", "s" + rnd.nextInt(docs)).append("$expr",
							new Document("$lte", List.of(new Document("$add", List.of("$used", amount)), "$limit")));
					if (scratch.findOneAndUpdate(filter, new Document("$inc", new Document("used", amount)),
							options) != null) {
						reserved.incrementAndGet();
					}
				});
		Document over = scratch.aggregate(
				List.of(new Document("$match", new Document("$expr", new Document("$gt", List.of("$used", "$limit")))),
						new Document("$count", "n")))
			.first();
		return result + String.format(Locale.ROOT, "; reserved %d, documents over their limit: %s", reserved.get(),
				(over != null) ? over.get("n") : 0);
	}

	@FunctionalInterface
	interface Step {

		void run(int i) throws Exception;

	}

	/** {@code threads} threads share {@code count} calls; returns the rate line. */
	private static String phase(String name, int threads, int count, Step step) throws InterruptedException {
		AtomicInteger next = new AtomicInteger();
		AtomicLong errors = new AtomicLong();
		String[] firstError = new String[1];
		CountDownLatch go = new CountDownLatch(1);
		List<Thread> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			Thread worker = new Thread(() -> {
				try {
					go.await();
				}
				catch (InterruptedException ex) {
					return;
				}
				for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
					try {
						step.run(i);
					}
					catch (Exception ex) {
						errors.incrementAndGet();
						synchronized (firstError) {
							if (firstError[0] == null) {
								firstError[0] = ex.toString();
							}
						}
					}
				}
			}, "bench-" + t);
			workers.add(worker);
			worker.start();
		}
		long t0 = System.nanoTime();
		go.countDown();
		for (Thread worker : workers) {
			worker.join();
		}
		double seconds = (System.nanoTime() - t0) / 1e9;
		String line = String.format(Locale.ROOT, "%s: %d calls in %.2f s = %.0f/s, %d errors%s", name, count, seconds,
				count / seconds, errors.get(), (firstError[0] != null) ? " (first: " + firstError[0] + ")" : "");
		System.out.println("  " + line);
		return line;
	}

}
