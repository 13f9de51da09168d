package io.creditdesk.insight;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.creditdesk.common.Money;
import io.creditdesk.customer.Customer;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

@Controller
class InsightController {

	private final PortfolioKpiService portfolio;

	private final PaymentHistoryService paymentHistory;

	private final CustomerInsights customers;

	InsightController(PortfolioKpiService portfolio, PaymentHistoryService paymentHistory, CustomerInsights customers) {
		this.portfolio = portfolio;
		this.paymentHistory = paymentHistory;
		this.customers = customers;
	}

	@QueryMapping
	PortfolioKpis portfolioKpis(@Argument String segment, @Argument LocalDate from, @Argument LocalDate to,
			@Argument String currency) {
		return this.portfolio.kpis(segment, from, to, currency);
	}

	// The figures in the reporting currency fail on their own (FX_RATE_MISSING); the
	// other KPIs still answer.

	@SchemaMapping(typeName = "PortfolioKpis")
	Money receivablesAtEnd(PortfolioKpis kpis) {
		return kpis.reported().receivablesAtEnd();
	}

	@SchemaMapping(typeName = "PortfolioKpis")
	Money creditSales(PortfolioKpis kpis) {
		return kpis.reported().creditSales();
	}

	@SchemaMapping(typeName = "PortfolioKpis")
	Double dso(PortfolioKpis kpis) {
		return kpis.reported().dso();
	}

	@QueryMapping
	PaymentHistory paymentHistoryReport(@Argument String customerId, @Argument LocalDate from, @Argument LocalDate to) {
		return this.paymentHistory.report(customerId, from, to);
	}

	@BatchMapping(typeName = "Customer", field = "dso")
	Map<Customer, Double> dso(List<Customer> list) {
		Map<String, Double> byId = this.customers.dso(list);
		Map<Customer, Double> result = new LinkedHashMap<>();
		list.forEach(c -> {
			if (byId.containsKey(c.id())) {
				result.put(c, byId.get(c.id()));
			}
		});
		return result;
	}

	@BatchMapping(typeName = "Customer", field = "averageExposure90d")
	Map<Customer, Money> averageExposure90d(List<Customer> list) {
		Map<String, Money> byId = this.customers.averageExposure90d(list);
		Map<Customer, Money> result = new LinkedHashMap<>();
		list.forEach(c -> result.put(c, byId.get(c.id())));
		return result;
	}

}
