package io.creditdesk.insight;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.creditdesk.customer.Customer;
import io.creditdesk.ledger.Invoice;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * A customer's payment figures for other capabilities (a credit limit request snapshots
 * them): the summary of the payment history report over the last two years and the DSO of
 * the last 90 days, computed as {@code paymentHistoryReport} and {@code Customer.dso} do.
 * For trusted in-process callers, which authorize their own callers.
 */
@Service
public class PaymentFigures {

	/** The history the summary covers. */
	static final int HISTORY_MONTHS = 24;

	private final MongoTemplate mongo;

	private final Clock clock;

	PaymentFigures(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/**
	 * @param settledInvoices invoices settled in the period
	 * @param onTimeRate share of settled invoices paid by their due date; null when none
	 * @param averageDaysBeyondTerms null when no invoice
	 * @param worstDaysBeyondTerms null when no invoice
	 * @param dso days sales outstanding over the last 90 days (standard method); null
	 * without credit sales
	 */
	public record Summary(int settledInvoices, BigDecimal onTimeRate, BigDecimal averageDaysBeyondTerms,
			Integer worstDaysBeyondTerms, BigDecimal dso) {
	}

	public Summary of(Customer customer) {
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		LocalDate from = today.minusMonths(HISTORY_MONTHS);
		Query query = Query
			.query(Criteria.where("customerId").is(customer.id()).and("invoiceDate").gte(from).lte(today))
			.with(Sort.by("invoiceDate", "_id"))
			.limit(PaymentHistoryService.MAX_INVOICES);
		List<Invoice> invoices = this.mongo.find(query, Invoice.class);
		PaymentHistory history = PaymentHistory.of(customer.id(), from, today, today, customer.creditCurrency(),
				invoices);
		Period period = Period.of(null, null, today);
		Criteria relevant = new Criteria().andOperator(Criteria.where("customerId").is(customer.id()),
				Dso.relevantInvoices(period));
		List<Invoice> forDso = new ArrayList<>(this.mongo.find(Query.query(relevant), Invoice.class));
		Double dso = Dso.totalsByCurrency(forDso, period)
			.values()
			.stream()
			.reduce(Dso.Totals.ZERO, Dso.Totals::plus)
			.dso(period.days());
		return new Summary(history.settledCount(), decimal(history.onTimeRate(), 4),
				decimal(history.averageDaysBeyondTerms(), 1), history.worstDaysBeyondTerms(), decimal(dso, 1));
	}

	private static BigDecimal decimal(Double value, int scale) {
		return (value != null) ? BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP) : null;
	}

}
