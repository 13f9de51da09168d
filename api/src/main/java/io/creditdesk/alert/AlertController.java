package io.creditdesk.alert;

import java.util.List;
import java.util.Locale;

import graphql.schema.DataFetchingFieldSelectionSet;
import io.creditdesk.alert.AlertService.AcknowledgeAlertInput;
import io.creditdesk.common.Connection;
import io.creditdesk.common.UserError;
import io.creditdesk.customer.Customer;
import io.creditdesk.graphql.Payloads;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** The alerts in GraphQL: list, acknowledge, and a customer's alerts. */
@Controller
class AlertController {

	private final AlertService alerts;

	AlertController(AlertService alerts) {
		this.alerts = alerts;
	}

	@QueryMapping
	Connection<Alert> alerts(@Argument AlertFilter filter, @Argument Integer first, @Argument String after,
			DataFetchingFieldSelectionSet selection) {
		return this.alerts.list(filter, first, after, selection.contains("totalCount"));
	}

	@SchemaMapping(typeName = "Customer", field = "alerts")
	Connection<Alert> customerAlerts(Customer customer, @Argument AlertStatus status, @Argument Integer first,
			@Argument String after, DataFetchingFieldSelectionSet selection) {
		return this.alerts.ofCustomer(customer, status, first, after, selection.contains("totalCount"));
	}

	@MutationMapping
	AcknowledgeAlertPayload acknowledgeAlert(@Argument AcknowledgeAlertInput input) {
		return Payloads.run(() -> this.alerts.acknowledge(input), AcknowledgeAlertPayload::new);
	}

	/**
	 * The alert in plain words, in the reader's language, from the message catalogue
	 * ({@code alert.<TYPE>.<variant>}: {0} what the policy allows, {1} what was found).
	 */
	@SchemaMapping(typeName = "Alert", field = "message")
	String message(Alert alert, Locale locale) {
		return AlertFigures.message(locale, alert);
	}

	/** The payload of {@code acknowledgeAlert}. */
	record AcknowledgeAlertPayload(Alert alert, List<UserError> userErrors) {
	}

}
