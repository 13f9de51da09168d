package io.creditdesk.insight;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
	 * The 90-day figures of a page of customers, keyed by id; {@code currents} (the
	 * exposures read now, by id) count as today's values where today's closing value is
	 * not recorded yet. The window's closing values and the averages of all of them are
	 * read at once; the last value before the window only for customers that existed
	 * before it began.
	 */
	public Map<String, Figures> of(Collection<Customer> customers, Map<String, Money> currents) {
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		LocalDate start = AverageExposure.windowStart(today);
		Map<String, NavigableMap<LocalDate, BigDecimal>> dailyById = new HashMap<>();
		List<String> ids = customers.stream().map(Customer::id).toList();
		for (DailyExposure d : this.mongo.find(
				Query.query(Criteria.where("customerId").in(ids).and("day").gte(start).lte(today)),
				DailyExposure.class)) {
			dailyById.computeIfAbsent(d.customerId(), id -> new TreeMap<>()).put(d.day(), d.net());
		}
		Map<String, Money> averages = this.history.averages(customers);
		Map<String, Figures> figures = new LinkedHashMap<>();
		for (Customer customer : customers) {
			NavigableMap<LocalDate, BigDecimal> daily = dailyById.getOrDefault(customer.id(), new TreeMap<>());
			Money current = currents.get(customer.id());
			if (current != null && !daily.containsKey(today)) {
				daily.put(today, current.amount());
			}
			LocalDate created = (customer.createdAt() != null)
					? LocalDate.ofInstant(customer.createdAt(), ZoneOffset.UTC) : null;
			BigDecimal peak = BigDecimal.ZERO;
			if (created == null || !created.isAfter(start)) {
				DailyExposure before = this.mongo
					.findOne(Query.query(Criteria.where("customerId").is(customer.id()).and("day").lt(start))
						.with(Sort.by(Sort.Direction.DESC, "day"))
						.limit(1), DailyExposure.class);
				peak = (before != null) ? before.net() : BigDecimal.ZERO;
			}
			for (Map.Entry<LocalDate, BigDecimal> day : daily.entrySet()) {
				peak = peak.max(day.getValue());
			}
			figures.put(customer.id(),
					new Figures(averages.get(customer.id()), new Money(peak, customer.creditCurrency())));
		}
		return figures;
	}

}
