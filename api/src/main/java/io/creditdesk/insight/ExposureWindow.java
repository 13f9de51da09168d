package io.creditdesk.insight;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import io.creditdesk.common.Money;
import io.creditdesk.customer.Customer;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * A customer's net exposure over the last 90 days from the daily closing values this
 * capability keeps ({@code exposure_daily}): the time-weighted average (as
 * {@code Customer.averageExposure90} computes it) and the peak, the highest closing value
 * in force on any day of the window (a value carried in from before the window counts for
 * the days it held). For trusted in-process callers (dynamic limits), which authorize
 * their own callers.
 */
@Service
public class ExposureWindow {

	private final MongoTemplate mongo;

	private final ExposureHistory history;

	private final Clock clock;

	ExposureWindow(MongoTemplate mongo, ExposureHistory history, Clock clock) {
		this.mongo = mongo;
		this.history = history;
		this.clock = clock;
	}

	/**
	 * @param average the time-weighted average net exposure over the window
	 * @param peak the highest net exposure in force on a day of the window
	 */
	public record Figures(Money average, Money peak) {
	}

	/**
	 * The 90-day figures of one customer; {@code current} (the exposure read now) counts
	 * as today's value when today's closing value is not recorded yet.
	 */
	public Figures of(Customer customer, Money current) {
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		LocalDate start = AverageExposure.windowStart(today);
		NavigableMap<LocalDate, BigDecimal> daily = new TreeMap<>();
		for (DailyExposure d : this.mongo.find(
				Query.query(Criteria.where("customerId").is(customer.id()).and("day").gte(start).lte(today)),
				DailyExposure.class)) {
			daily.put(d.day(), d.net());
		}
		DailyExposure before = this.mongo
			.findOne(Query.query(Criteria.where("customerId").is(customer.id()).and("day").lt(start))
				.with(Sort.by(Sort.Direction.DESC, "day"))
				.limit(1), DailyExposure.class);
		if (current != null && !daily.containsKey(today)) {
			daily.put(today, current.amount());
		}
		Money average = this.history.averages(List.of(customer)).get(customer.id());
		LocalDate created = (customer.createdAt() != null) ? LocalDate.ofInstant(customer.createdAt(), ZoneOffset.UTC)
				: null;
		BigDecimal peak = (before != null && (created == null || !created.isAfter(start))) ? before.net()
				: BigDecimal.ZERO;
		for (Map.Entry<LocalDate, BigDecimal> day : daily.entrySet()) {
			peak = peak.max(day.getValue());
		}
		return new Figures(average, new Money(peak, customer.creditCurrency()));
	}

}
