package io.creditdesk.intake;

import java.util.Map;

import io.creditdesk.intake.adapter.EdiPurchaseOrderAdapter;
import io.creditdesk.ledger.LedgerDates;
import io.creditdesk.intake.adapter.MarketplaceAdapter;
import io.creditdesk.intake.adapter.SalesRepCsvAdapter;
import io.creditdesk.intake.adapter.WebShopAdapter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The adapters of the four channels and the processing path they share. */
@Configuration(proxyBeanMethods = false)
class IntakeConfiguration {

	@Bean
	IntakeProcessor intakeProcessor(JsonMapper json, CustomerDirectory customers, LedgerDates dates) {
		return new IntakeProcessor(
				Map.of(IntakeChannel.WEBSHOP, new WebShopAdapter(json), IntakeChannel.EDI,
						new EdiPurchaseOrderAdapter(), IntakeChannel.MARKETPLACE, new MarketplaceAdapter(json),
						IntakeChannel.SALESREP, new SalesRepCsvAdapter()),
				new OrderNormalizer(customers, dates::checkOrderDate));
	}

}
