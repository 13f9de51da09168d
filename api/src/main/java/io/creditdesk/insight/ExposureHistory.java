package io.creditdesk.insight;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.Money;
import io.creditdesk.customer.Customer;
import io.creditdesk.infrastructure.MongoIndexes;
import io.creditdesk.ledger.CreditAccountService;
import io.creditdesk.ledger.ExposureChanged;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Keeps each customer's daily closing net exposure in {@code exposure_daily}, off the
 * order path: an {@link ExposureChanged} only marks the customer dirty in memory; every
 * few seconds (and on shutdown) the dirty customers' CURRENT exposure is read from the
 * store and written as today's value. Because the value is read, not carried in the
 * event, several instances and a lost or coalesced event still leave the right closing
 * value.
 */
@Component
class ExposureHistory implements SmartLifecycle, AverageExposures {

	private static final Logger log = LoggerFactory.getLogger(ExposureHistory.class);

	private final MongoTemplate mongo;

	private final CreditAccountService accounts;

	private final Clock clock;

	private final Duration interval;

	private final Set<String> dirty = ConcurrentHashMap.newKeySet();

	private volatile ScheduledExecutorService scheduler;

	ExposureHistory(MongoTemplate mongo, CreditAccountService accounts, Clock clock, MongoIndexes indexes,
			@Value("${creditdesk.insight.exposure-flush-interval:10s}") Duration interval) {
		this.mongo = mongo;
		this.accounts = accounts;
		this.clock = clock;
		this.interval = interval;
		indexes.declare(DailyExposure.class,
				new Index().on("customerId", Sort.Direction.ASC).on("day", Sort.Direction.ASC).named("customer_day"));
	}

	@EventListener
	void onExposureChanged(ExposureChanged event) {
		this.dirty.add(event.customerId());
	}

	/** Customers waiting to be written. */
	int pending() {
		return this.dirty.size();
	}

	/**
	 * Writes today's value for every dirty customer. A customer whose read or write fails
	 * stays dirty for the next round.
	 * @return how many were written
	 */
	synchronized int flush() {
		List<String> batch = new ArrayList<>(this.dirty);
		int written = 0;
		for (String customerId : batch) {
			this.dirty.remove(customerId);
			try {
				record(customerId, this.accounts.exposure(customerId).net());
				written++;
			}
			catch (CreditDeskException ex) {
				log.debug("Not recording exposure of {}: {}", customerId, ex.getMessage());
			}
			catch (RuntimeException ex) {
				this.dirty.add(customerId);
				log.warn("Could not record the exposure of customer {} yet: {}", customerId, ex.getMessage());
			}
		}
		return written;
	}

	private void record(String customerId, Money net) {
		LocalDate today = today();
		this.mongo.upsert(Query.query(Criteria.where("_id").is(DailyExposure.id(customerId, today))),
				new Update().set("customerId", customerId)
					.set("day", today)
					.set("net", net.amount())
					.set("currency", net.currency())
					.set("recordedAt", this.clock.instant()),
				DailyExposure.class);
	}

	LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

	/**
	 * The 90-day average exposure of each customer, in its credit currency (see
	 * {@link AverageExposure}).
	 */
	@Override
	public Map<String, Money> averages(Collection<Customer> customers) {
		LocalDate today = today();
		LocalDate start = AverageExposure.windowStart(today);
		List<String> ids = customers.stream().map(Customer::id).toList();
		Map<String, TreeMap<LocalDate, BigDecimal>> daily = new HashMap<>();
		for (DailyExposure d : this.mongo.find(
				Query.query(Criteria.where("customerId").in(ids).and("day").gte(start).lte(today)),
				DailyExposure.class)) {
			daily.computeIfAbsent(d.customerId(), id -> new TreeMap<>()).put(d.day(), d.net());
		}
		Map<String, BigDecimal> carriedIn = carriedIn(ids, start);
		Map<String, Money> result = new LinkedHashMap<>();
		for (Customer customer : customers) {
			LocalDate created = (customer.createdAt() != null)
					? LocalDate.ofInstant(customer.createdAt(), ZoneOffset.UTC) : null;
			BigDecimal average = AverageExposure.average(today, created, carriedIn.get(customer.id()),
					daily.getOrDefault(customer.id(), new TreeMap<>()));
			String currency = customer.creditCurrency();
			int digits = Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
			result.put(customer.id(), new Money(average.setScale(digits, RoundingMode.HALF_EVEN), currency));
		}
		return result;
	}

	/** Each customer's last value recorded before {@code start}. */
	private Map<String, BigDecimal> carriedIn(List<String> ids, LocalDate start) {
		List<Document> pipeline = List.of(
				new Document("$match",
						new Document("customerId", new Document("$in", ids)).append("day",
								new Document("$lt", Date.from(start.atStartOfDay(ZoneOffset.UTC).toInstant())))),
				new Document("$sort", new Document("customerId", 1).append("day", -1)), new Document("$group",
						new Document("_id", "$customerId").append("net", new Document("$first", "$net"))));
		Map<String, BigDecimal> result = new HashMap<>();
		for (Document row : this.mongo.getCollection(DailyExposure.COLLECTION).aggregate(pipeline)) {
			Object net = row.get("net");
			result.put(row.getString("_id"),
					(net instanceof Decimal128 d) ? d.bigDecimalValue() : new BigDecimal(String.valueOf(net)));
		}
		return result;
	}

	// ---- lifecycle: flush every few seconds, and once more on shutdown ----

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "exposure-history");
			thread.setDaemon(true);
			return thread;
		});
		long millis = this.interval.toMillis();
		executor.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
		this.scheduler = executor;
	}

	private void flushQuietly() {
		try {
			flush();
		}
		catch (RuntimeException ex) {
			log.warn("Recording daily exposure failed: {}", ex.getMessage());
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.scheduler;
		this.scheduler = null;
		if (executor != null) {
			executor.shutdown();
			try {
				executor.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		int written = flush();
		if (written > 0) {
			log.info("Recorded the exposure of {} customer(s) on shutdown", written);
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	/**
	 * Stops after the web server (no more events arrive) and before the store's client
	 * closes.
	 */
	@Override
	public int getPhase() {
		return 0;
	}

}
