package io.creditdesk.insight;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.Money;
import io.creditdesk.common.Validation;
import io.creditdesk.fx.FxErrorCode;
import io.creditdesk.fx.FxRateService;
import io.creditdesk.infrastructure.MongoIndexes;
import io.creditdesk.insight.PortfolioKpis.SegmentRejectionRate;
import io.creditdesk.insight.PortfolioKpis.ThresholdShare;
import io.creditdesk.ledger.CreditAccountService;
import io.creditdesk.ledger.CreditReasonCode;
import io.creditdesk.ledger.DecisionStatus;
import io.creditdesk.ledger.Invoice;
import io.creditdesk.ledger.Order;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Computes the portfolio KPIs. Order figures are MongoDB aggregations over the
 * {@code orders} collection (index {@code placedAt}); utilization reads the exposure
 * counters of active customers in one query and asks the ledger for the exact net only of
 * customers with securities; DSO reads the invoices that matter for the period.
 */
@Service
class PortfolioKpiService {

	/** Reason codes of an approved decision that followed a hold at entry. */
	static final List<String> RELEASED_AFTER_HOLD = List.of(CreditReasonCode.RELEASED_BY_APPROVER.name(),
			CreditReasonCode.AUTO_RELEASED.name());

	private final MongoTemplate mongo;

	private final CreditAccountService accounts;

	private final FxRateService fx;

	private final Clock clock;

	PortfolioKpiService(MongoTemplate mongo, CreditAccountService accounts, FxRateService fx, Clock clock,
			MongoIndexes indexes) {
		this.mongo = mongo;
		this.accounts = accounts;
		this.fx = fx;
		this.clock = clock;
		indexes.declare(Order.class,
				new Index().on("segment", Sort.Direction.ASC)
					.on("placedAt", Sort.Direction.ASC)
					.named("segment_placedAt"));
		indexes.declare(Invoice.class, new Index().on("invoiceDate", Sort.Direction.ASC).named("invoiceDate"));
	}

	@PreAuthorize(InsightRoles.READ_PORTFOLIO)
	PortfolioKpis kpis(String segmentInput, LocalDate from, LocalDate to, String currencyInput) {
		Validation v = new Validation();
		String currency = (currencyInput == null || currencyInput.isBlank()) ? "EUR"
				: v.currency("currency", currencyInput);
		v.throwIfInvalid();
		String segment = (segmentInput == null || segmentInput.isBlank()) ? null
				: segmentInput.trim().toUpperCase(Locale.ROOT);
		Period period = Period.of(from, to, LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC));

		List<Double> utilizations = utilizations(segment);
		double average = utilizations.stream().mapToDouble(Double::doubleValue).average().orElse(0.0);
		List<ThresholdShare> alerts = new ArrayList<>();
		for (double threshold : PortfolioKpis.ALERT_THRESHOLDS) {
			int above = (int) utilizations.stream().filter(u -> u >= threshold).count();
			alerts.add(new ThresholdShare(threshold, above,
					utilizations.isEmpty() ? 0.0 : (double) above / utilizations.size()));
		}

		List<SegmentRejectionRate> bySegment = rejectionRates(segment, period);
		SegmentRejectionRate total = bySegment.stream()
			.reduce(SegmentRejectionRate.of(null, 0, 0, 0), SegmentRejectionRate::plus);
		Criteria held = Criteria.where("worklistKey").ne(null);
		if (segment != null) {
			held = held.and("segment").is(segment);
		}
		long heldNow = this.mongo.count(Query.query(held), Order.class);

		return new PortfolioKpis(segment, period.from(), period.to(), period.days(), utilizations.size(), average,
				PortfolioKpis.UTILIZATION_TARGET, average > PortfolioKpis.UTILIZATION_TARGET, alerts, bySegment, total,
				heldNow, total.rejected(), reportedTotals(segment, period, currency), Dso.METHOD);
	}

	/** Net exposure / limit of each active customer with a limit above zero, now. */
	private List<Double> utilizations(String segment) {
		Document filter = new Document("status", "ACTIVE");
		if (segment != null) {
			filter.append("segment", segment);
		}
		Set<String> secured = new HashSet<>(this.mongo.findDistinct(Query.query(Criteria.where("released").is(false)),
				"customerId", "credit_securities", String.class));
		List<Double> result = new ArrayList<>();
		Document projection = new Document("creditLimit.amount.amount", 1).append("exposure", 1);
		for (Document customer : this.mongo.getCollection("customers").find(filter).projection(projection)) {
			BigDecimal limit = decimal(path(customer, "creditLimit", "amount", "amount"));
			if (limit.signum() <= 0) {
				continue;
			}
			String id = id(customer.get("_id"));
			BigDecimal net;
			if (secured.contains(id)) {
				net = this.accounts.exposure(id).net().amount();
			}
			else {
				Document exposure = customer.get("exposure", Document.class);
				net = (exposure == null) ? BigDecimal.ZERO
						: decimal(exposure.get("openOrders")).add(decimal(exposure.get("shippedNotInvoiced")))
							.add(decimal(exposure.get("receivables")));
			}
			result.add(net.doubleValue() / limit.doubleValue());
		}
		return result;
	}

	/**
	 * Orders placed in the period and refused at entry, per segment, highest rate first.
	 */
	private List<SegmentRejectionRate> rejectionRates(String segment, Period period) {
		Document match = new Document("placedAt",
				new Document("$gte", Date.from(period.startInstant())).append("$lt", Date.from(period.endExclusive())));
		if (segment != null) {
			match.append("segment", segment);
		}
		List<Document> byStatus = List.of(new Document("$match", match),
				new Document("$group",
						new Document("_id", new Document("segment", "$segment").append("status", "$decision.status"))
							.append("count", new Document("$sum", 1))));
		Map<String, long[]> counts = new HashMap<>(); // segment -> {orders, rejected,
														// held}
		for (Document row : this.mongo.getCollection(Order.COLLECTION).aggregate(byStatus)) {
			Document key = row.get("_id", Document.class);
			long[] c = counts.computeIfAbsent(segmentKey(key.get("segment")), s -> new long[3]);
			long n = ((Number) row.get("count")).longValue();
			c[0] += n;
			String status = key.getString("status");
			if (DecisionStatus.REJECTED.name().equals(status)) {
				c[1] += n;
			}
			else if (DecisionStatus.PENDING_APPROVAL.name().equals(status)) {
				c[2] += n;
			}
		}
		Document released = new Document(match).append("decision.status", DecisionStatus.APPROVED.name())
			.append("decision.reasonCodes", new Document("$in", RELEASED_AFTER_HOLD));
		List<Document> releasedAfterHold = List.of(new Document("$match", released),
				new Document("$group", new Document("_id", "$segment").append("count", new Document("$sum", 1))));
		for (Document row : this.mongo.getCollection(Order.COLLECTION).aggregate(releasedAfterHold)) {
			long[] c = counts.computeIfAbsent(segmentKey(row.get("_id")), s -> new long[3]);
			c[2] += ((Number) row.get("count")).longValue();
		}
		List<SegmentRejectionRate> result = new ArrayList<>();
		counts.forEach((s, c) -> result.add(SegmentRejectionRate.of(s.isEmpty() ? null : s, c[0], c[1], c[2])));
		result.sort(Comparator.comparingDouble(SegmentRejectionRate::rate)
			.reversed()
			.thenComparing(SegmentRejectionRate::segment, Comparator.nullsLast(Comparator.naturalOrder())));
		return result;
	}

	/**
	 * Receivables at the period end and credit sales, summed per document (invoice)
	 * currency in the invoices' own amounts and converted into {@code currency} at the
	 * period end: an invoice in the reporting currency counts at its own amount (and open
	 * remainder), not its credit amount converted back. When a currency has no rate,
	 * every currency without one is named in one error.
	 */
	private ReportedTotals reportedTotals(String segment, Period period, String currency) {
		Criteria criteria = Dso.relevantInvoices(period);
		if (segment != null) {
			List<String> ids = new ArrayList<>();
			for (Document c : this.mongo.getCollection("customers")
				.find(new Document("segment", segment))
				.projection(new Document("_id", 1))) {
				ids.add(id(c.get("_id")));
			}
			criteria = new Criteria().andOperator(criteria, Criteria.where("customerId").in(ids));
		}
		Map<String, Dso.Totals> byCurrency = Dso
			.totalsByDocumentCurrency(this.mongo.find(Query.query(criteria), Invoice.class), period);
		Dso.Totals total = Dso.Totals.ZERO;
		Set<String> missing = new TreeSet<>();
		for (Map.Entry<String, Dso.Totals> e : byCurrency.entrySet()) {
			try {
				total = total
					.plus(new Dso.Totals(convert(e.getValue().receivablesAtEnd(), e.getKey(), currency, period.to()),
							convert(e.getValue().creditSales(), e.getKey(), currency, period.to())));
			}
			catch (CreditDeskException ex) {
				if (ex.errors().get(0).code() != FxErrorCode.FX_RATE_MISSING) {
					throw ex;
				}
				missing.add(e.getKey());
			}
		}
		if (!missing.isEmpty()) {
			return ReportedTotals.missing(CreditDeskException.refuse(FxErrorCode.FX_RATE_MISSING.variant("report"),
					"currency", missing, currency, period.to()));
		}
		return ReportedTotals.of(total, currency, period.days());
	}

	private BigDecimal convert(BigDecimal amount, String from, String to, LocalDate on) {
		return this.fx.convertStored(new Money(amount, from), to, on, "currency").converted().amount();
	}

	private static Object path(Document document, String... keys) {
		Object current = document;
		for (String key : keys) {
			if (!(current instanceof Document d)) {
				return null;
			}
			current = d.get(key);
		}
		return current;
	}

	/**
	 * Orders without a segment are grouped under the empty key and reported with a null
	 * segment.
	 */
	private static String segmentKey(Object segment) {
		return (segment != null) ? segment.toString() : "";
	}

	private static String id(Object id) {
		return (id instanceof ObjectId objectId) ? objectId.toHexString() : String.valueOf(id);
	}

	static BigDecimal decimal(Object value) {
		if (value == null) {
			return BigDecimal.ZERO;
		}
		if (value instanceof Decimal128 d) {
			return d.bigDecimalValue();
		}
		return new BigDecimal(value.toString());
	}

}
