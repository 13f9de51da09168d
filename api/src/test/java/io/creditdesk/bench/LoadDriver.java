package io.creditdesk.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.ReturnDocument;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.management.OperatingSystemMXBean;
import io.creditdesk.CreditDeskApplication;
import io.creditdesk.CreditEventsProbe;
import io.creditdesk.TestCustomers;
import io.creditdesk.events.CreditEventType;
import io.creditdesk.events.Outbox;
import io.creditdesk.ledger.Order;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Load driver for the order credit check (not a test: run it as a main class, see
 * {@code BENCHMARKS.md}). Starts the service on its embedded defaults (file-backed store
 * in a fresh temp directory, random ports), creates customers with limits through the
 * GraphQL API, then measures over loopback, each phase bounded by a count and a duration:
 * <ol>
 * <li>the raw store's own conditional update ({@code findOneAndUpdate} with an
 * {@code $expr} limit check and {@code $inc}) on a scratch collection, through the same
 * driver, same concurrency, with the service's write concern
 * ({@code w: majority, j: true}: acknowledged once on disk), then the same with
 * {@code j: false} (acknowledged before the disk, as every write was before the store's
 * group commit);</li>
 * <li>the same work on the service's own documents: the reservation as the ledger makes
 * it on copies of the customers' account documents and the insert of copies of the order
 * documents (with their credit event) the warm-up stored, into scratch collections with
 * the same indexes (see {@link #sameWork});</li>
 * <li>the floor of a GraphQL call: {@code { __typename }} through the same client,
 * authentication and endpoint, which touches neither the service's code nor the
 * store;</li>
 * <li>both parts of that limit together: in each call the floor's call, then the same
 * work's reservation and insert on fresh copies, so that they share the cores, caches and
 * collector as the parts of an order do;</li>
 * <li>{@code placeOrder} over HTTP GraphQL, amounts chosen so that most customers reach
 * their limits, then the oversold amount per customer from the store;</li>
 * <li>the {@code availableCredit} read path.</li>
 * </ol>
 * Arguments are {@code key=value}: customers (1000), users (32), limit (5000), orders
 * (30000), reads (30000), kpis (5: portfolioKpis calls), raw (30000), rawnojournal (as
 * raw; 0 skips it), samework (as raw; 0 skips it), floor (30000; 0 skips it), together
 * (as samework; 0 skips it), seconds (60, per phase), warmup (2000), rounds (1; more
 * repeats the raw store, same work, floor and placeOrder phases on fresh customers, so
 * that the last round measures a service whose JIT compiler has caught up; the limit is
 * printed per round and the summary is the last round's), auth ({@code jwt}: RS256 bearer
 * tokens as in production, the default; {@code basic}: the demo users, whose password is
 * verified once and then remembered), abuse (0; a number of seconds runs the abuse test
 * instead, see {@link #abuse}), heldsweeps (0; after the rounds, times that many runs of
 * the held-order sweep over the worklist they left), attackers (8), collect (1: each
 * phase starts on a collected heap, and the together and placeOrder phases are charged
 * the collection of the garbage they leave; 0: as before) and
 * {@code app.<property>=<value>} for the service.
 * <p>
 * The measured clients sign in as {@code integration}, the machine role (an ERP or a web
 * shop), whose rate limit is far above what this service serves; customers are created as
 * {@code admin} and {@code manager}. A client answered 429 waits as {@code Retry-After}
 * says and tries again, as a good client does; each phase reports how many 429 answers it
 * got.
 */
public final class LoadDriver {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern STATUS = Pattern.compile("\"status\":\"([A-Z_]+)\"");

	private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

	/** The measured clients' user: the machine role, as an ERP or a web shop signs in. */
	private static final String MACHINE = "integration";

	/** 429 answers the driver's good clients got (and waited out), over the run. */
	private static final AtomicLong THROTTLED = new AtomicLong();

	/**
	 * Whether each phase starts on a collected heap and the two phases compared (the
	 * limit's together phase and the orders) are charged the collection of the garbage
	 * they leave (option {@code collect}, 1 by default; 0 as before run 30).
	 */
	private static volatile boolean collect = true;

	private final DriverOptions options;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private URI endpoint;

	/**
	 * Authorization header per demo user name: Basic (bcrypt-checked per request) or a
	 * signed JWT.
	 */
	private final Map<String, String> authorization = new HashMap<>();

	private LoadDriver(DriverOptions options) {
		this.options = options;
	}

	private int option(String key, int fallback) {
		return this.options.integer(key, fallback);
	}

	public static void main(String[] args) throws Exception {
		new LoadDriver(DriverOptions.parse(args)).run();
		System.exit(0);
	}

	private void run() throws Exception {
		int customers = option("customers", 1000);
		int users = option("users", 32);
		int limit = option("limit", 5000);
		int orders = option("orders", 30000);
		int reads = option("reads", 30000);
		int kpiCalls = option("kpis", 5);
		int raw = option("raw", 30000);
		int rawNoJournal = option("rawnojournal", raw);
		int floor = option("floor", 30000);
		int sameWork = option("samework", raw);
		int together = option("together", sameWork);
		int warmup = option("warmup", 2000);
		int rounds = Math.max(1, option("rounds", 1));
		Duration phase = Duration.ofSeconds(option("seconds", 60));
		int abuse = option("abuse", 0);
		collect = option("collect", 1) != 0;
		Path dataDir = Files.createTempDirectory("creditdesk-bench");
		System.out.printf("Data dir %s; %d customers, limit %d EUR, %d virtual users, at most %s per phase%n", dataDir,
				customers, limit, users, phase);
		String auth = this.options.text("auth", "jwt");
		List<String> appArgs = this.options.serviceArguments(dataDir);
		if ("jwt".equals(auth)) {
			appArgs.addAll(jwtMode(dataDir));
		}
		else {
			for (String user : List.of("sales", "manager", "admin", "cfo", "integration", "analyst")) {
				this.authorization.put(user, "Basic "
						+ Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
			}
		}
		System.out.println("Authentication: " + auth);
		SpringApplication app = new SpringApplication(CreditDeskApplication.class);
		ConfigurableApplicationContext context = app.run(appArgs.toArray(String[]::new));
		List<Result> results = new ArrayList<>();
		Result placeResult = null;
		Result rawResult = null;
		Result floorResult = null;
		Result sameWorkResult = null;
		Result togetherResult = null;
		List<CreditEventsProbe.Received> decidedEvents = List.of();
		String oversold;
		try {
			this.endpoint = URI
				.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + "/graphql");
			long t0 = System.nanoTime();
			List<String> firstIds = createCustomers(customers, limit, Math.min(users, 8));
			List<String> ids = firstIds;
			System.out.printf("Created %d customers with limits through the API in %.1f s%n", ids.size(),
					(System.nanoTime() - t0) / 1e9);
			MongoTemplate mongo = context.getBean(MongoTemplate.class);

			// Warm-up on separate customers, so the measured run starts with a
			// JIT-compiled service: as many orders per customer as the measured run, so
			// that it approves and holds in the same proportions (a long warm-up on a few
			// customers held nearly every order and left the approved path to be compiled
			// during the measured run).
			int warmCustomers = (int) Math.max(Math.max(users, 16),
					Math.ceil((double) warmup * customers / Math.max(1, orders)));
			List<String> warmIds = createCustomers(warmCustomers, limit, Math.min(users, 8));
			// The warm-up's credit events, as published: the same-work phase stores them
			// with its orders.
			try (CreditEventsProbe events = (sameWork > 0)
					? new CreditEventsProbe(
							String.join(",", context.getBean(KafkaConnectionDetails.class).getBootstrapServers()))
					: null) {
				drive("warm-up", users, warmup, phase, (vu, i, rnd) -> placeOrder("w-" + vu + "-" + i,
						warmIds.get(rnd.nextInt(warmIds.size())), amount(rnd)));
				if (events != null) {
					try {
						decidedEvents = events.await(
								all -> decided(all, "APPROVED") != null && decided(all, "PENDING_APPROVAL") != null,
								Duration.ofSeconds(60));
					}
					catch (AssertionError ex) {
						System.out.println("  same work skipped: the warm-up approved or held no order");
					}
				}
			}
			drive("warm-up", users, warmup, phase,
					(vu, i, rnd) -> available(firstIds.get(rnd.nextInt(firstIds.size()))));

			if (abuse > 0) {
				abuse(Duration.ofSeconds(abuse), ids, users, option("attackers", 8), orders, mongo, limit);
				return;
			}
			// The warm-up's orders are still being relayed and read (alerts,
			// notifications, exposure history): wait until the service is idle, so that
			// work is not counted against the store's phases.
			quiesce("the warm-up", Duration.ofSeconds(90));
			Round round = null;
			for (int n = 1; n <= rounds; n++) {
				if (n > 1) {
					ids = createCustomers(customers, limit, Math.min(users, 8));
				}
				if (rounds > 1) {
					System.out.printf("Round %d of %d%n", n, rounds);
				}
				round = round(n, mongo, ids, customers, limit, users, raw, rawNoJournal, sameWork, floor, together,
						orders, phase, decidedEvents);
				results.addAll(round.results());
				if (rounds > 1) {
					System.out.println("  round " + n + ": " + round.limit());
					System.out.println("  round " + n + ": " + round.oversold());
				}
			}
			placeResult = round.place();
			rawResult = round.raw();
			floorResult = round.floor();
			sameWorkResult = round.sameWork();
			togetherResult = round.together();
			oversold = round.oversold();
			Result place = placeResult;
			List<String> lastIds = ids;
			results.add(drive("portfolioKpis (BENCH segment)", 1, kpiCalls, phase, (vu, i, rnd) -> {
				String kpis = post("cfo",
						"{\"query\":\"{ portfolioKpis(segment: \\\"BENCH\\\") { customersWithLimit averageUtilization "
								+ "rejectionRate { orders refused rate } heldOrders dso } }\"}");
				if (i == 0) {
					place.detail += "; portfolioKpis says " + kpis;
				}
				return "OK";
			}));
			results.add(drive("availableCredit (HTTP GraphQL)", users, reads, phase,
					(vu, i, rnd) -> available(lastIds.get(rnd.nextInt(lastIds.size())))));
			heldSweeps(context, mongo, option("heldsweeps", 0));
		}
		finally {
			context.close();
			FileSystemUtils.deleteRecursively(dataDir);
		}
		System.out.println();
		System.out.printf("%-32s %9s %8s %10s %8s %8s %8s %8s%n", "phase", "requests", "errors", "ops/s", "p50 ms",
				"p95 ms", "p99 ms", "max ms");
		for (Result r : results) {
			System.out.printf(Locale.ROOT, "%-32s %9d %8d %10.0f %8.2f %8.2f %8.2f %8.2f%n", r.name, r.count, r.errors,
					r.throughput(), r.percentile(50), r.percentile(95), r.percentile(99), r.percentile(100));
		}
		for (Result r : results) {
			System.out.println(r.name + ": " + r.cpu);
		}
		for (Result r : results) {
			if (r.detail != null) {
				System.out.println(r.name + ": " + r.detail);
			}
		}
		System.out.println(oversold);
		if (floorResult != null) {
			System.out.printf(Locale.ROOT,
					"Floor: { __typename } through the same client and endpoint runs at %.0f/s, %.1fx below the raw conditional update:"
							+ " no GraphQL call measured this way can come closer to it than that%n",
					floorResult.throughput(), rawResult.throughput() / floorResult.throughput());
		}
		if (floorResult != null) {
			System.out.println(limit(floorResult, rawResult, sameWorkResult, togetherResult, placeResult));
		}
		double ratio = rawResult.throughput() / placeResult.throughput();
		System.out.printf(Locale.ROOT,
				"Goal: placeOrder within 2x of the raw conditional update (ratio %.1fx: %s) and p99 < 50 ms (%.2f ms: %s)%n",
				ratio, (ratio <= 2.0) ? "MET" : "NOT MET", placeResult.percentile(99),
				(placeResult.percentile(99) < 50) ? "MET" : "NOT MET");
	}

	private static BigDecimal amount(SplittableRandom rnd) {
		// 100.00 to 1499.99: about 20 orders per customer of 5000 reach the limit after 6
		// or 7.
		return BigDecimal.valueOf(10_000 + rnd.nextInt(140_000), 2);
	}

	/**
	 * The production authentication (OAuth2 resource server, RS256 JWTs): a fresh RSA key
	 * pair, the service trusting its public key, and one long-lived token per user with
	 * its role.
	 */
	private List<String> jwtMode(Path dataDir) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair keys = generator.generateKeyPair();
		Path pem = dataDir.resolve("bench-jwt.pub.pem");
		Files.writeString(pem,
				"-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
					.encodeToString(keys.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
		RSASSASigner signer = new RSASSASigner(keys.getPrivate());
		for (String[] user : new String[][] { { "sales", "SALES" }, { "manager", "CREDIT_MANAGER" },
				{ "admin", "ADMIN" }, { "cfo", "CFO" }, { "integration", "INTEGRATION" },
				{ "analyst", "CREDIT_ANALYST" } }) {
			JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(user[0])
				.audience("creditdesk")
				.claim("preferred_username", user[0])
				.claim("roles", List.of(user[1]))
				.issueTime(new Date())
				.expirationTime(new Date(System.currentTimeMillis() + 3_600_000))
				.build();
			SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
			jwt.sign(signer);
			this.authorization.put(user[0], "Bearer " + jwt.serialize());
		}
		return List.of("--creditdesk.security.mode=jwt", "--creditdesk.security.jwt.audience=creditdesk",
				"--spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + pem.toAbsolutePath());
	}

	// ---- the three paths ----

	/**
	 * {@code count} runs of the held-order sweep (the ledger's job runs one every 5
	 * minutes) over the worklist the rounds left: every held order's need read, one
	 * account per customer with held orders, the customers with room re-evaluated (none
	 * here: every bench customer is at its limit). The first run apart (the compiler).
	 */
	private static void heldSweeps(ConfigurableApplicationContext context, MongoTemplate mongo, int count)
			throws ReflectiveOperationException {
		if (count <= 0) {
			return;
		}
		Object jobs = context.getBean(Class.forName("io.creditdesk.ledger.LedgerJobs"));
		java.lang.reflect.Method sweep = jobs.getClass().getDeclaredMethod("releaseHeldOrdersThatFit");
		sweep.setAccessible(true);
		long held = mongo.getCollection("orders")
			.countDocuments(new Document("worklistKey", new Document("$ne", null)));
		for (int runs : new int[] { 1, count }) {
			long cpu0 = processCpuNanos();
			long t0 = System.nanoTime();
			int released = 0;
			for (int i = 0; i < runs; i++) {
				released += (int) sweep.invoke(jobs);
			}
			System.out.printf(Locale.ROOT,
					"Held-order sweep over %d held orders, %s: %d run(s), %.0f ms a run, %.0f ms of process CPU a run,"
							+ " %d released%n",
					held, (runs == 1) ? "first" : "then", runs, (System.nanoTime() - t0) / 1e6 / runs,
					(processCpuNanos() - cpu0) / 1e6 / runs, released);
		}
	}

	private String placeOrder(String orderId, String customerId, BigDecimal amount)
			throws IOException, InterruptedException {
		String body = "{\"query\":\"mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { decision { status } userErrors { code } } }\","
				+ "\"variables\":{\"i\":{\"orderId\":\"" + orderId + "\",\"customerId\":\"" + customerId
				+ "\",\"amount\":\"" + amount.toPlainString() + "\",\"currency\":\"EUR\"}}}";
		String response = post(MACHINE, body);
		Matcher m = STATUS.matcher(response);
		if (!m.find()) {
			throw new IllegalStateException("No decision in " + response);
		}
		return m.group(1);
	}

	private String available(String customerId) throws IOException, InterruptedException {
		String response = post(MACHINE,
				"{\"query\":\"{ customer(id: \\\"" + customerId + "\\\") { availableCredit { amount } } }\"}");
		if (!response.contains("\"availableCredit\":{\"amount\"")) {
			throw new IllegalStateException("Unexpected " + response);
		}
		return "OK";
	}

	private String post(String user, String body) throws IOException, InterruptedException {
		for (int attempt = 1;; attempt++) {
			HttpResponse<String> response = send(user, body);
			if (response.statusCode() == 429 && attempt < 10) {
				// A good client waits as told and tries again; the phase reports how
				// often.
				THROTTLED.incrementAndGet();
				Thread.sleep(1000L * Long.parseLong(response.headers().firstValue("Retry-After").orElse("1")));
				continue;
			}
			if (response.statusCode() != 200 || response.body().contains("\"errors\"")) {
				throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
			}
			return response.body();
		}
	}

	private HttpResponse<String> send(String user, String body) throws IOException, InterruptedException {
		return send(user, body.getBytes(StandardCharsets.UTF_8));
	}

	private HttpResponse<String> send(String user, byte[] body) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(this.endpoint)
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Authorization", this.authorization.get(user))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private List<String> createCustomers(int count, int limit, int threads) throws Exception {
		List<String> ids = Collections.synchronizedList(new ArrayList<>());
		Result r = drive("create customers", threads, count, Duration.ofMinutes(10), (vu, i, rnd) -> {
			String create = post("admin",
					"{\"query\":\"mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { customer { id } userErrors { code message } } }\","
							+ "\"variables\":{\"i\":{\"externalRef\":\"" + TestCustomers.uniqueRef()
							+ "\",\"name\":\"Bench " + vu + "-" + i + "\",\"taxId\":\""
							+ TestCustomers.uniqueGermanTaxId() + "\",\"countryCode\":\"DE\",\"segment\":\"BENCH\","
							+ "\"tier\":\"SILVER\",\"industry\":\"RETAIL\",\"creditCurrency\":\"EUR\"}}}");
			Matcher m = ID.matcher(create);
			if (!m.find()) {
				throw new IllegalStateException("No customer in " + create);
			}
			String id = m.group(1);
			String set = post("admin",
					"{\"query\":\"mutation($i: SetCreditLimitInput!) { setCreditLimit(input: $i) { userErrors { code message } } }\","
							+ "\"variables\":{\"i\":{\"customerId\":\"" + id + "\",\"amount\":\"" + limit
							+ "\",\"reason\":\"bench\"}}}");
			if (!set.contains("\"userErrors\":[]")) {
				throw new IllegalStateException(set);
			}
			ids.add(id);
			return "OK";
		});
		if (r.errors > 0 || ids.size() != count) {
			throw new IllegalStateException("Creating customers failed: " + r.firstError);
		}
		return new ArrayList<>(ids);
	}

	/** One round's results: the store's phases, the floor and the orders. */
	private record Round(List<Result> results, Result raw, Result sameWork, Result floor, Result together, Result place,
			String oversold) {

		/** The limit for the same work against placeOrder's CPU, in a line. */
		String limit() {
			return LoadDriver.limit(this.floor, this.raw, this.sameWork, this.together, this.place);
		}

	}

	/**
	 * The limit for the same work (issue 20): the floor plus the store's reservation and
	 * insert, in CPU per call, against placeOrder's CPU per order.
	 */
	static String limit(Result floor, Result raw, Result sameWork, Result together, Result place) {
		if (floor == null) {
			return "No floor measured";
		}
		double twoWrites = floor.cpuPerCall + 2 * raw.cpuPerCall;
		String line = String.format(Locale.ROOT,
				"Limit for the same work, CPU per order: floor + 2 raw conditional updates %.0f us (%.2f of placeOrder's %.0f us)",
				twoWrites, twoWrites / place.cpuPerCall, place.cpuPerCall);
		if (sameWork != null) {
			double same = floor.cpuPerCall + sameWork.cpuPerCall;
			line += String.format(Locale.ROOT,
					"; floor + the reservation and insert of the service's own documents %.0f us (%.2f)", same,
					same / place.cpuPerCall);
		}
		if (together != null) {
			line += String.format(Locale.ROOT,
					"; the floor's call and that reservation and insert done together, one after the other in each call, %.0f us (%.2f)",
					together.cpuPerCall, together.cpuPerCall / place.cpuPerCall);
		}
		return line;
	}

	/**
	 * One round of the measured phases on the customers {@code ids}: the raw store, the
	 * same work, the floor and placeOrder (orders named after the round).
	 */
	private Round round(int n, MongoTemplate mongo, List<String> ids, int customers, int limit, int users, int raw,
			int rawNoJournal, int sameWork, int floor, int together, int orders, Duration phase,
			List<CreditEventsProbe.Received> decidedEvents) throws Exception {
		List<Result> results = new ArrayList<>();
		Result sameWorkResult = null;
		Result rawResult = rawStore(mongo, customers, limit, users, raw, phase, null);
		results.add(rawResult);
		if (rawNoJournal > 0) {
			results
				.add(rawStore(mongo, customers, limit, users, rawNoJournal, phase, WriteConcern.W1.withJournal(false)));
		}
		if (sameWork > 0 && !decidedEvents.isEmpty()) {
			sameWorkResult = sameWork(mongo, ids, users, sameWork, phase, decidedEvents);
			results.add(sameWorkResult);
		}
		// The floor of any GraphQL call here: same client, connection, JWT check and
		// endpoint, a query that touches neither the service's code nor the store.
		Result floorResult = (floor > 0)
				? drive("GraphQL floor ({ __typename })", users, floor, phase, (vu, i, rnd) -> {
					floorCall();
					return "OK";
				}) : null;
		if (floorResult != null) {
			results.add(floorResult);
		}
		// Both parts of the limit as one unit of work, as an order does them: the floor's
		// call, then the store's reservation and insert, in the same client's call, so
		// they share the cores, caches and collector as an order's parts do.
		Result togetherResult = null;
		if (together > 0 && !decidedEvents.isEmpty()) {
			SameWork work = new SameWork(mongo, ids, decidedEvents);
			// From an idle service, as the orders start: the phases before leave no work
			// in it.
			quiesce("the phases before the together phase", Duration.ofSeconds(60));
			togetherResult = drive("floor + same work, together", users, together, phase, (vu, i, rnd) -> {
				floorCall();
				return work.call(vu, i, rnd);
			});
			togetherResult.detail = work.detail();
			// As for the orders: what the limit's work left for later (the store's
			// serialization and file writer catching up) is part of its cost, counted
			// until the service is idle; nor does it fall into the orders' phase.
			leftOver(togetherResult, "the together phase");
			results.add(togetherResult);
		}
		Map<String, AtomicLong> decisions = new ConcurrentHashMap<>();
		Map<String, BigDecimal> approvedByClient = new ConcurrentHashMap<>();
		Result place = drive("placeOrder (HTTP GraphQL)", users, orders, phase, (vu, i, rnd) -> {
			String customer = ids.get(rnd.nextInt(ids.size()));
			BigDecimal amount = amount(rnd);
			String status = placeOrder("o" + n + "-" + vu + "-" + i, customer, amount);
			decisions.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
			if ("APPROVED".equals(status)) {
				approvedByClient.merge(customer, amount, BigDecimal::add);
			}
			return status;
		});
		// What the orders left for later (the relay, the alerts and notifications
		// readers, the exposure history) is part of an order's cost: counted until
		// the service is idle.
		leftOver(place, "placeOrder");
		place.detail = "decisions " + new TreeMap<>(decisions);
		results.add(place);
		return new Round(results, rawResult, sameWorkResult, floorResult, togetherResult, place,
				oversold(mongo, ids, limit, approvedByClient));
	}

	/** The floor's call: {@code { __typename }}, which touches no code of the service. */
	private void floorCall() throws Exception {
		if (!post(MACHINE, "{\"query\":\"{ __typename }\"}").contains("\"__typename\":\"Query\"")) {
			throw new IllegalStateException("Unexpected answer to { __typename }");
		}
	}

	/**
	 * The store's own conditional update, the ceiling any check built on it can reach:
	 * with the service's write concern, or with {@code concern}.
	 */
	private Result rawStore(MongoTemplate mongo, int docs, int limit, int users, int count, Duration phase,
			WriteConcern concern) throws Exception {
		MongoCollection<Document> collection = mongo.getDb().getCollection("bench_scratch");
		MongoCollection<Document> scratch = (concern != null) ? collection.withWriteConcern(concern) : collection;
		scratch.drop();
		List<Document> initial = new ArrayList<>();
		for (int i = 0; i < docs; i++) {
			initial.add(new Document("_id", "s" + i).append("limit", new Decimal128(BigDecimal.valueOf(limit)))
				.append("used", new Decimal128(BigDecimal.ZERO)));
		}
		scratch.insertMany(initial);
		FindOneAndUpdateOptions options = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);
		Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
		Result r = drive((concern != null) ? "raw store, j:false" : "raw store findOneAndUpdate", users, count, phase,
				(vu, i, rnd) -> {
					Decimal128 amount = new Decimal128(amount(rnd));
					Document filter = new Document("_id", "s" + rnd.nextInt(docs)).append("$expr",
							new Document("$lte", List.of(new Document("$add", List.of("$used", amount)), "$limit")));
					Document updated = scratch.findOneAndUpdate(filter,
							new Document("$inc", new Document("used", amount)), options);
					String outcome = (updated != null) ? "RESERVED" : "REFUSED";
					outcomes.computeIfAbsent(outcome, s -> new AtomicLong()).incrementAndGet();
					return outcome;
				});
		Document over = scratch.aggregate(
				List.of(new Document("$match", new Document("$expr", new Document("$gt", List.of("$used", "$limit")))),
						new Document("$count", "n")))
			.first();
		r.detail = "outcomes " + new TreeMap<>(outcomes) + ", documents over their limit: "
				+ ((over != null) ? over.get("n") : 0);
		return r;
	}

	/**
	 * The store's part of an order, on the service's own documents: per call, the
	 * reservation as the ledger makes it ({@code findOneAndUpdate} on a copy of a
	 * customer's account document: active, unflagged, same currency, no receivables, no
	 * pending change of the same key, the net exposure plus the amount within the limit;
	 * the counter raised, the exposure outbox moved and the pending change pushed) and
	 * the insert of a copy of an order document the warm-up stored (an approved one when
	 * the reservation succeeded, a held one, with its worklist key, when it did not),
	 * into scratch collections with the indexes of {@code customers} and {@code orders}.
	 * The service's write concern, the same clients and amounts. What it leaves out is
	 * what an order adds to the store's work: the account read, the settlement of an
	 * approved order's pending change, the events' relay and readers.
	 */
	private Result sameWork(MongoTemplate mongo, List<String> ids, int users, int count, Duration phase,
			List<CreditEventsProbe.Received> events) throws InterruptedException {
		SameWork work = new SameWork(mongo, ids, events);
		Result r = drive("same work: reservation + insert", users, count, phase, work::call);
		r.detail = work.detail();
		return r;
	}

	/**
	 * The same work's calls on fresh copies of the customers' account documents (made
	 * when constructed), counting their outcomes.
	 */
	private static final class SameWork {

		private final List<String> ids;

		private final MongoCollection<Document> accounts;

		private final MongoCollection<Document> orders;

		private final Document approved;

		private final Document held;

		private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();

		SameWork(MongoTemplate mongo, List<String> ids, List<CreditEventsProbe.Received> events) {
			this.ids = ids;
			this.accounts = scratchLike(mongo, "customers", "bench_accounts");
			this.orders = scratchLike(mongo, "orders", "bench_orders");
			List<Document> copies = new ArrayList<>();
			mongo.getDb()
				.getCollection("customers")
				.find(new Document("_id", new Document("$in", ids.stream().map(LoadDriver::storedId).toList())))
				.into(copies);
			this.accounts.insertMany(copies);
			this.approved = template(mongo, "APPROVED", decided(events, "APPROVED"));
			this.held = template(mongo, "PENDING_APPROVAL", decided(events, "PENDING_APPROVAL"));
		}

		String call(int vu, int i, SplittableRandom rnd) {
			List<String> ids = this.ids;
			MongoCollection<Document> accounts = this.accounts;
			MongoCollection<Document> orders = this.orders;
			Document approved = this.approved;
			Document held = this.held;
			Map<String, AtomicLong> outcomes = this.outcomes;
			String customer = ids.get(rnd.nextInt(ids.size()));
			Decimal128 amount = new Decimal128(amount(rnd));
			String key = "orders:r-" + vu + "-" + i;
			Date now = new Date();
			Object zero = new Decimal128(BigDecimal.ZERO);
			Object gross = new Document("$add", List.of(ifNull("exposure.openOrders"),
					ifNull("exposure.shippedNotInvoiced"), ifNull("exposure.receivables")));
			Object checked = new Document("$max", List.of(zero, new Document("$subtract",
					List.of(new Document("$max", List.of(zero, gross)), ifNull("exposure.longDatedOrders")))));
			Document filter = new Document("_id", storedId(customer)).append("status", "ACTIVE")
				.append("flags", new Document("$size", 0))
				.append("creditCurrency", "EUR")
				.append("exposure.receivables", new Document("$not", new Document("$gt", zero)))
				.append("pendingChanges.key", new Document("$ne", key))
				.append("pendingChanges.99", new Document("$exists", false))
				.append("$expr", new Document("$lte",
						List.of(new Document("$add", List.of(checked, amount)), "$creditLimit.amount.amount")));
			Document update = new Document("$inc", new Document("exposure.openOrders", amount).append("exposureSeq", 1))
				.append("$min", new Document("outboxAt", now))
				.append("$push",
						new Document("pendingChanges",
								new Document("key", key).append("token", new ObjectId().toHexString())
									.append("deltas", new Document("openOrders", amount))
									.append("applied", true)
									.append("at", now)));
			Document before = accounts.findOneAndUpdate(filter, update,
					new FindOneAndUpdateOptions().projection(new Document("pendingChanges", 0))
						.returnDocument(ReturnDocument.BEFORE));
			Document order = new Document((before != null) ? approved : held);
			order.put("_id", "r-" + vu + "-" + i);
			order.put("customerId", customer);
			Document event = new Document(order.getList(Outbox.EVENTS, Document.class).get(0));
			event.put("eventId", UUID.randomUUID().toString());
			event.put("customerId", customer);
			event.put("occurredAt", now);
			order.put(Outbox.EVENTS, List.of(event));
			order.put(Outbox.SINCE, now);
			if (order.containsKey("worklistKey")) {
				order.put("worklistKey", new ObjectId().toHexString());
			}
			orders.insertOne(order);
			String outcome = (before != null) ? "RESERVED" : "HELD";
			outcomes.computeIfAbsent(outcome, s -> new AtomicLong()).incrementAndGet();
			return outcome;
		}

		String detail() {
			return "outcomes " + new TreeMap<>(this.outcomes) + "; order documents of "
					+ this.approved.toJson().length() + " (approved) and " + this.held.toJson().length()
					+ " (held) characters of JSON";
		}

	}

	private static Object ifNull(String path) {
		return new Document("$ifNull", List.of("$" + path, new Decimal128(BigDecimal.ZERO)));
	}

	private static Object storedId(String id) {
		return ObjectId.isValid(id) ? new ObjectId(id) : id;
	}

	/** An empty collection with the indexes of {@code like}. */
	private static MongoCollection<Document> scratchLike(MongoTemplate mongo, String like, String name) {
		MongoCollection<Document> scratch = mongo.getDb().getCollection(name);
		scratch.drop();
		for (Document index : mongo.getDb().getCollection(like).listIndexes()) {
			if ("_id_".equals(index.getString("name"))) {
				continue;
			}
			IndexOptions options = new IndexOptions().name(index.getString("name"))
				.unique(index.getBoolean("unique", false))
				.sparse(index.getBoolean("sparse", false));
			if (index.get("partialFilterExpression") instanceof Document partial) {
				options.partialFilterExpression(partial);
			}
			scratch.createIndex(index.get("key", Document.class), options);
		}
		return scratch;
	}

	/**
	 * An order document the warm-up stored with the decision {@code status}, carrying its
	 * credit event as the order service stores it before the relay publishes it.
	 */
	private static Document template(MongoTemplate mongo, String status, CreditEventsProbe.Received event) {
		Document order = mongo.getDb()
			.getCollection("orders")
			.find(new Document("_id", event.data().get("orderId")))
			.first();
		if (order == null) {
			throw new IllegalStateException("The warm-up stored no order with the decision " + status);
		}
		order.remove(Outbox.EVENTS);
		order.remove(Outbox.SINCE);
		order.remove("_id");
		Instant at = Instant.parse(String.valueOf(event.envelope().get("occurredAt")));
		Outbox.attach(order, List.of(new Outbox.Event(String.valueOf(event.envelope().get("eventId")),
				CreditEventType.ORDER_CREDIT_DECIDED, event.key(), at, JSON.writeValueAsString(event.envelope()))));
		return order;
	}

	/** The first of {@code events} deciding an order with {@code status}, or null. */
	private static CreditEventsProbe.Received decided(List<CreditEventsProbe.Received> events, String status) {
		for (CreditEventsProbe.Received event : events) {
			if ("OrderCreditDecided".equals(event.type()) && event.data() != null
					&& event.data().get("decision") instanceof Map<?, ?> decision
					&& status.equals(decision.get("status"))) {
				return event;
			}
		}
		return null;
	}

	/**
	 * Sum over customers of max(0, approved order amounts - limit), from the store and
	 * from the responses.
	 */
	private static String oversold(MongoTemplate mongo, List<String> ids, int limit,
			Map<String, BigDecimal> approvedByClient) {
		Map<String, BigDecimal> approved = new HashMap<>();
		for (Order order : mongo.find(Query.query(Criteria.where("decision.status").is("APPROVED")), Order.class)) {
			if (order.id().startsWith("o-")) {
				approved.merge(order.customerId(), order.creditAmount().amount(), BigDecimal::add);
			}
		}
		BigDecimal cap = BigDecimal.valueOf(limit);
		BigDecimal overStore = BigDecimal.ZERO;
		BigDecimal overClient = BigDecimal.ZERO;
		int atLimit = 0;
		BigDecimal threshold = cap.subtract(BigDecimal.valueOf(100));
		for (String id : ids) {
			BigDecimal store = approved.getOrDefault(id, BigDecimal.ZERO);
			overStore = overStore.add(store.subtract(cap).max(BigDecimal.ZERO));
			overClient = overClient
				.add(approvedByClient.getOrDefault(id, BigDecimal.ZERO).subtract(cap).max(BigDecimal.ZERO));
			if (store.compareTo(threshold) > 0) {
				atLimit++;
			}
		}
		return String.format(Locale.ROOT,
				"OVERSOLD (sum over %d customers of approved orders above the limit): %s EUR from the store, %s EUR from the responses; "
						+ "%d customers within 100 EUR of their limit",
				ids.size(), overStore.toPlainString(), overClient.toPlainString(), atLimit);
	}

	// ---- the abuse test ----

	/**
	 * What the attacker sends, in turn: one costly query the limits allow, and the
	 * attacks they refuse.
	 */
	private static final List<String> ATTACKS = attacks();

	private static List<String> attacks() {
		StringBuilder aliases = new StringBuilder("{");
		for (int i = 0; i < 1000; i++) {
			aliases.append(" r").append(i).append(": exposureReconciliation(customerId: \\\"x\\\") { drifted }");
		}
		return List.of(
				// 802 points: 200 customers with their limit and net exposure, the most a
				// person may ask at once.
				"{ customers(first: 200) { edges { node { name creditLimit { amount } exposure { net { amount } } } } } }",
				// The observed attacks: 3-level fan-out, 30 levels deep, 1,000 aliases of
				// the reconciliation.
				"{ customers(first: 200) { edges { node { orders(first: 200) { edges { node { customer { orders(first: 200)"
						+ " { edges { node { customer { orders(first: 200) { edges { node { id } } } } } } } } } } } } } } }",
				"{ customer(id: \\\"x\\\") { " + "parent { ".repeat(29) + "id" + " }".repeat(29) + " } }",
				aliases.append(" }").toString(),
				// A body above the 256 KB limit.
				"{ __typename }" + " ".repeat(300 * 1024));
	}

	/**
	 * The abuse test: {@code placeOrder} from {@code users} machine clients for
	 * {@code phase}, quiet; then the same while {@code attackers} threads of one person's
	 * account ({@code analyst}) send {@link #ATTACKS} in turn as fast as they are
	 * answered, ignoring {@code Retry-After}, and a prober reads the health endpoint
	 * twice a second (anonymously, and signed in every fourth time); then quiet again.
	 * Reports each phase's latencies, what the attacker got, and what health said.
	 */
	private void abuse(Duration phase, List<String> ids, int users, int attackers, int orders, MongoTemplate mongo,
			int limit) throws Exception {
		System.out.printf("Abuse test: %d order-entry clients (%s), %d attacker threads (analyst), %s per phase%n",
				users, MACHINE, attackers, phase);
		Map<String, BigDecimal> approvedByClient = new ConcurrentHashMap<>();
		List<Result> results = new ArrayList<>();
		results.add(drive("placeOrder, quiet", users, orders, phase, orders("q", ids, approvedByClient)));
		// Bodies made once: the attacker's own work runs on the same two cores as the
		// service.
		List<byte[]> attacks = ATTACKS.stream()
			.map(q -> ("{\"query\":\"" + q + "\"}").getBytes(StandardCharsets.UTF_8))
			.toList();
		Map<String, AtomicLong> attackerOutcomes = new ConcurrentHashMap<>();
		Map<String, AtomicLong> health = new ConcurrentHashMap<>();
		List<Long> healthNanos = Collections.synchronizedList(new ArrayList<>());
		AtomicLong attackerCalls = new AtomicLong();
		AtomicBoolean stop = new AtomicBoolean();
		List<Thread> background = new ArrayList<>();
		for (int a = 0; a < attackers; a++) {
			int first = a;
			background.add(started("attacker-" + a, () -> {
				for (long i = first; !stop.get(); i++) {
					String outcome;
					try {
						HttpResponse<String> response = send("analyst", attacks.get((int) (i % attacks.size())));
						Matcher code = Pattern.compile("\"code\":\"([A-Z_]+)\"").matcher(response.body());
						outcome = response.statusCode() + (code.find() ? " " + code.group(1) : "");
					}
					catch (Exception ex) {
						outcome = ex.getClass().getSimpleName();
					}
					attackerCalls.incrementAndGet();
					attackerOutcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
				}
			}));
		}
		URI healthUri = this.endpoint.resolve("/actuator/health");
		background.add(started("health-prober", () -> {
			for (int i = 0; !stop.get(); i++) {
				HttpRequest.Builder request = HttpRequest.newBuilder(healthUri).timeout(Duration.ofSeconds(30));
				if (i % 4 == 3) {
					request.header("Authorization", this.authorization.get("admin"));
				}
				long t = System.nanoTime();
				String outcome;
				try {
					HttpResponse<String> response = this.http.send(request.build(),
							HttpResponse.BodyHandlers.ofString());
					Matcher status = STATUS.matcher(response.body());
					outcome = response.statusCode() + " " + (status.find() ? status.group(1) : "?") + ((i % 4 == 3)
							? (response.body().contains("\"details\"") ? " with details" : " NO DETAILS") : "");
				}
				catch (Exception ex) {
					outcome = ex.getClass().getSimpleName();
				}
				healthNanos.add(System.nanoTime() - t);
				health.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
				try {
					Thread.sleep(500);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}));
		long attack0 = System.nanoTime();
		results.add(drive("placeOrder, flooded", users, orders, phase, orders("f", ids, approvedByClient)));
		stop.set(true);
		for (Thread thread : background) {
			thread.join();
		}
		double attackSeconds = (System.nanoTime() - attack0) / 1e9;
		results.add(drive("placeOrder, quiet again", users, orders, phase, orders("a", ids, approvedByClient)));

		System.out.println();
		System.out.printf("%-32s %9s %8s %6s %10s %8s %8s %8s %8s%n", "phase", "requests", "errors", "429s", "ops/s",
				"p50 ms", "p95 ms", "p99 ms", "max ms");
		for (Result r : results) {
			System.out.printf(Locale.ROOT, "%-32s %9d %8d %6d %10.0f %8.2f %8.2f %8.2f %8.2f%n", r.name, r.count,
					r.errors, r.throttled, r.throughput(), r.percentile(50), r.percentile(95), r.percentile(99),
					r.percentile(100));
		}
		for (Result r : results) {
			System.out
				.println(r.name + ": " + r.cpu + ((r.firstError != null) ? "; first error: " + r.firstError : ""));
		}
		System.out.printf(Locale.ROOT, "Attacker: %d requests in %.0f s (%.0f/s), answers %s%n", attackerCalls.get(),
				attackSeconds, attackerCalls.get() / attackSeconds, new TreeMap<>(attackerOutcomes));
		long[] probes = healthNanos.stream().mapToLong(Long::longValue).sorted().toArray();
		System.out.printf(Locale.ROOT, "Health during the flood: %d probes, answers %s, p50 %.1f ms, max %.1f ms%n",
				probes.length, new TreeMap<>(health),
				(probes.length > 0) ? probes[probes.length / 2] / 1e6 : Double.NaN,
				(probes.length > 0) ? probes[probes.length - 1] / 1e6 : Double.NaN);
		System.out.println(oversold(mongo, ids, limit, approvedByClient));
		double before = results.get(0).percentile(99);
		double flooded = results.get(1).percentile(99);
		double after = results.get(2).percentile(99);
		double quiet = Math.min(before, after);
		System.out.printf(Locale.ROOT,
				"Goal: placeOrder p99 while flooded within 2x of quiet: %.2f ms against %.2f ms before"
						+ " (%.2fx) and %.2f ms after (%.2fx); against the lower: %s%n",
				flooded, before, flooded / before, after, flooded / after, (flooded <= 2 * quiet) ? "MET" : "NOT MET");
	}

	private static Thread started(String name, Runnable work) {
		Thread thread = new Thread(work, name);
		thread.start();
		return thread;
	}

	private Call orders(String phase, List<String> ids, Map<String, BigDecimal> approvedByClient) {
		return (vu, i, rnd) -> {
			String customer = ids.get(rnd.nextInt(ids.size()));
			BigDecimal amount = amount(rnd);
			String status = placeOrder("o-" + phase + "-" + vu + "-" + i, customer, amount);
			if ("APPROVED".equals(status)) {
				approvedByClient.merge(customer, amount, BigDecimal::add);
			}
			return status;
		};
	}

	// ---- the driver ----

	@FunctionalInterface
	interface Call {

		String call(int vu, int i, SplittableRandom rnd) throws Exception;

	}

	/**
	 * One phase: {@code users} threads share a budget of {@code count} calls and stop at
	 * {@code limit} time.
	 */
	private static Result drive(String name, int users, int count, Duration limit, Call call)
			throws InterruptedException {
		AtomicLong budget = new AtomicLong(count);
		long deadline = System.nanoTime() + limit.toNanos();
		long[][] latencies = new long[users][];
		int[] done = new int[users];
		AtomicLong errors = new AtomicLong();
		String[] firstError = new String[1];
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> threads = new ArrayList<>();
		for (int u = 0; u < users; u++) {
			int vu = u;
			latencies[vu] = new long[count];
			Thread thread = new Thread(() -> {
				SplittableRandom rnd = new SplittableRandom(31L * vu + 7);
				try {
					start.await();
				}
				catch (InterruptedException ex) {
					return;
				}
				int i = 0;
				while (budget.getAndDecrement() > 0 && System.nanoTime() < deadline) {
					long t = System.nanoTime();
					try {
						call.call(vu, i, rnd);
					}
					catch (Exception ex) {
						errors.incrementAndGet();
						synchronized (firstError) {
							if (firstError[0] == null) {
								firstError[0] = ex.toString();
							}
						}
					}
					latencies[vu][i++] = System.nanoTime() - t;
				}
				done[vu] = i;
			}, name + "-" + vu);
			threads.add(thread);
			thread.start();
		}
		long throttled0 = THROTTLED.get();
		if (collect) {
			// Each phase from the same heap: what the phases before promoted is not
			// collected on this phase's account.
			collectGarbage();
		}
		long cpu0 = processCpuNanos();
		ThreadCpu threads0 = ThreadCpu.now(cpu0);
		long[] machine0 = machineJiffies();
		long t0 = System.nanoTime();
		start.countDown();
		for (Thread thread : threads) {
			thread.join();
		}
		long elapsed = System.nanoTime() - t0;
		long cpu1 = processCpuNanos();
		ThreadCpu threads1 = ThreadCpu.now(cpu1);
		long cpu = cpu1 - cpu0;
		long[] machine1 = machineJiffies();
		int total = Arrays.stream(done).sum();
		long[] all = new long[total];
		int k = 0;
		for (int u = 0; u < users; u++) {
			System.arraycopy(latencies[u], 0, all, k, done[u]);
			k += done[u];
		}
		Arrays.sort(all);
		Result r = new Result(name, total, errors.get(), elapsed, all, firstError[0]);
		r.throttled = THROTTLED.get() - throttled0;
		// CPU: this process (service + driver) and the whole machine, in cores busy on
		// average.
		double busy = (machine1[1] - machine0[1] > 0) ? Runtime.getRuntime().availableProcessors()
				* (double) (machine1[0] - machine0[0]) / (machine1[1] - machine0[1]) : Double.NaN;
		r.cpuPerCall = (total > 0) ? cpu / 1e3 / total : Double.NaN;
		r.cpu = String.format(Locale.ROOT,
				"cpu %.2f cores this process, %.2f cores whole machine; %.0f us process CPU per call",
				cpu / (double) elapsed, busy, (total > 0) ? cpu / 1e3 / total : Double.NaN);
		System.out.printf(Locale.ROOT, "  %-32s %d calls in %.1f s, ended %s, %s (%d errors, %d answers 429%s)%n", name,
				total, elapsed / 1e9, Instant.now(), r.cpu, r.errors, r.throttled, (r.firstError != null)
						? ", first: " + r.firstError.substring(0, Math.min(200, r.firstError.length())) : "");
		if (total > 0) {
			System.out.print(ThreadCpu.format(threads1.since(threads0, total), 10));
		}
		return r;
	}

	/**
	 * Adds to {@code result} the CPU the process spends after its clients stopped until
	 * it is idle, per call, and prints it by thread group.
	 */
	private static void leftOver(Result result, String after) throws InterruptedException {
		ThreadCpu threads1 = ThreadCpu.now(processCpuNanos());
		long left = quiesce(after, Duration.ofSeconds(120));
		System.out.println("  the work left, CPU per call by thread group:");
		System.out.print(ThreadCpu.format(ThreadCpu.now(processCpuNanos()).since(threads1, result.count), 10));
		result.cpuPerCall += (result.count > 0) ? left / 1e3 / result.count : 0;
		result.cpu += String.format(Locale.ROOT, "; %.0f us with the work left when the clients stopped",
				result.cpuPerCall);
		if (collect && result.count > 0) {
			// The garbage the phase left behind (promoted and dead since) is part of its
			// cost too: what collecting it costs beyond collecting the heap once more
			// right after.
			double debt = collectGarbage() / 1e3 / result.count;
			result.cpuPerCall += debt;
			System.out.printf(Locale.ROOT, "  the collection of what %s left: %.0f us per call%n", after, debt);
			result.cpu += String.format(Locale.ROOT, ", %.0f us with its garbage collected", result.cpuPerCall);
		}
	}

	/**
	 * Collects the heap twice and returns the CPU the first collection took beyond the
	 * second (which finds only what is alive): the cost of the garbage there was.
	 */
	private static long collectGarbage() {
		long c0 = processCpuNanos();
		System.gc();
		long c1 = processCpuNanos();
		System.gc();
		long c2 = processCpuNanos();
		return Math.max(0, (c1 - c0) - (c2 - c1));
	}

	/**
	 * Waits until this process uses less than a tenth of a core over a second, or
	 * {@code atMost}.
	 */
	private static long quiesce(String after, Duration atMost) throws InterruptedException {
		long t0 = System.nanoTime();
		long deadline = t0 + atMost.toNanos();
		long cpu0 = processCpuNanos();
		long cpu = cpu0;
		double busy;
		do {
			Thread.sleep(1000);
			long now = processCpuNanos();
			busy = (now - cpu) / 1e9;
			cpu = now;
		}
		while (busy >= 0.1 && System.nanoTime() < deadline);
		System.out.printf(Locale.ROOT, "  idle after %s in %.1f s, %.1f CPU s (%.2f cores in the last second)%n", after,
				(System.nanoTime() - t0) / 1e9, (cpu - cpu0) / 1e9, busy);
		return cpu - cpu0;
	}

	private static long processCpuNanos() {
		return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	/**
	 * Busy and total jiffies of all CPUs from /proc/stat (zeros where it does not exist).
	 */
	private static long[] machineJiffies() {
		try {
			String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long total = 0;
			for (int i = 1; i < f.length; i++) {
				total += Long.parseLong(f[i]);
			}
			long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
			return new long[] { total - idle, total };
		}
		catch (IOException | RuntimeException ex) {
			return new long[] { 0, 0 };
		}
	}

	static final class Result {

		final String name;

		final int count;

		final long errors;

		final long elapsedNanos;

		final long[] sortedNanos;

		final String firstError;

		String detail;

		String cpu;

		/** Process CPU per call in microseconds (service and driver). */
		double cpuPerCall;

		long throttled;

		Result(String name, int count, long errors, long elapsedNanos, long[] sortedNanos, String firstError) {
			this.name = name;
			this.count = count;
			this.errors = errors;
			this.elapsedNanos = elapsedNanos;
			this.sortedNanos = sortedNanos;
			this.firstError = firstError;
		}

		double throughput() {
			return this.count / (this.elapsedNanos / 1e9);
		}

		double percentile(double p) {
			if (this.sortedNanos.length == 0) {
				return Double.NaN;
			}
			int index = (int) Math.ceil(p / 100.0 * this.sortedNanos.length) - 1;
			return this.sortedNanos[Math.max(0, Math.min(index, this.sortedNanos.length - 1))] / 1e6;
		}

	}

}
