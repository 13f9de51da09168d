package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.creditdesk.customer.Customer;
import io.creditdesk.ledger.CreditAccountService.Exposure;

import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.stereotype.Controller;

/**
 * {@code Customer.utilizationPercent}: the display-ready utilization beside the fraction
 * (see {@link Utilization}).
 */
@Controller
class UtilizationController {

	private final CreditAccountService accounts;

	UtilizationController(CreditAccountService accounts) {
		this.accounts = accounts;
	}

	@BatchMapping(typeName = "Customer", field = "utilizationPercent")
	Map<Customer, BigDecimal> utilizationPercent(List<Customer> list) {
		Map<String, Exposure> byId = this.accounts.exposures(list.stream().map(Customer::id).toList());
		Map<Customer, BigDecimal> result = new LinkedHashMap<>();
		for (Customer customer : list) {
			Exposure exposure = byId.get(customer.id());
			result.put(customer, (exposure != null) ? exposure.utilizationPercent() : null);
		}
		return result;
	}

}
