package io.creditdesk.alert;

import java.util.Collections;
import java.util.List;
import java.util.Set;

import io.creditdesk.common.Actor;
import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.Connection;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.Validation;
import io.creditdesk.customer.Customer;
import io.creditdesk.customer.CustomerService;
import io.creditdesk.security.Roles;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** Reads and acknowledges alerts: what people do with them. */
@Service
public class AlertService {

	private static final int MAX_NOTE = 2_000;

	// Roles that read every alert; a caller with none of them (sales) reads only the
	// alerts of the customers it owns.
	private static final Set<String> CREDIT_STAFF = Set.of(Roles.CREDIT_ANALYST, Roles.CREDIT_MANAGER, Roles.CFO,
			Roles.ADMIN);

	private final AlertStore store;

	private final CustomerService customers;

	AlertService(AlertStore store, CustomerService customers) {
		this.store = store;
		this.customers = customers;
	}

	/** What {@code acknowledgeAlert} is given. */
	public record AcknowledgeAlertInput(String alertId, String note) {
	}

	/**
	 * Alerts matching {@code filter}, newest first. Credit staff read all; a salesperson
	 * reads those of the customers whose sales owner it is (others are left out, as if
	 * they did not match).
	 */
	@PreAuthorize(Roles.READ_ALERTS)
	public Connection<Alert> list(AlertFilter filter, Integer first, String after) {
		return list(filter, first, after, false);
	}

	/**
	 * {@link #list(AlertFilter, Integer, String)}, with the number of matching alerts
	 * over all pages when {@code counted} (one more query; only when asked for).
	 */
	@PreAuthorize(Roles.READ_ALERTS)
	public Connection<Alert> list(AlertFilter filter, Integer first, String after, boolean counted) {
		int size = Connection.pageSize(first);
		Actor caller = Actor.current();
		Set<String> owned = null;
		if (Collections.disjoint(caller.roles(), CREDIT_STAFF)) {
			owned = Set.copyOf(this.customers.idsOwnedBy(caller.name()));
		}
		List<Alert> alerts = this.store.page(filter, owned, Connection.decode(after), size + 1);
		return Connection.of(alerts, size, Alert::id, counted ? (int) this.store.count(filter, owned) : null);
	}

	/**
	 * A customer's alerts: for credit staff, and for the customer's sales owner; any
	 * other caller is refused ({@code FORBIDDEN}).
	 */
	@PreAuthorize(Roles.READ_ALERTS)
	public Connection<Alert> ofCustomer(Customer customer, AlertStatus status, Integer first, String after,
			boolean counted) {
		Actor caller = Actor.current();
		if (Collections.disjoint(caller.roles(), CREDIT_STAFF) && !caller.name().equals(customer.salesOwner())) {
			throw new AccessDeniedException("not the customer's sales owner");
		}
		return list(new AlertFilter(customer.id(), null, status, null), first, after, counted);
	}

	/**
	 * Acknowledges an open alert: who, when, with a note. Refused for an unknown alert
	 * and for one already acknowledged or resolved.
	 */
	@PreAuthorize(Roles.ALERTS)
	public Alert acknowledge(AcknowledgeAlertInput input) {
		Validation v = new Validation();
		String alertId = v.id("alertId", input.alertId(), 64);
		String note = (input.note() == null || input.note().isBlank()) ? null : input.note().strip();
		if (note != null && note.length() > MAX_NOTE) {
			v.reject(CommonErrorCode.TOO_LONG, "note", MAX_NOTE);
		}
		v.throwIfInvalid();
		Alert alert = this.store.acknowledge(alertId, Actor.current().name(), note);
		if (alert != null) {
			return alert;
		}
		Alert current = this.store.find(alertId);
		if (current == null) {
			throw CreditDeskException.refuse(AlertErrorCode.ALERT_NOT_FOUND, "alertId", alertId);
		}
		throw CreditDeskException.refuse(AlertErrorCode.ALERT_NOT_OPEN, "alertId", alertId, current.status().name());
	}

}
