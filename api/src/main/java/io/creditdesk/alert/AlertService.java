package io.creditdesk.alert;

import java.util.List;

import io.creditdesk.common.Actor;
import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.Connection;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.Validation;
import io.creditdesk.security.Roles;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** Reads and acknowledges alerts: what people do with them. */
@Service
public class AlertService {

	private static final int MAX_NOTE = 2_000;

	private final AlertStore store;

	AlertService(AlertStore store) {
		this.store = store;
	}

	/** What {@code acknowledgeAlert} is given. */
	public record AcknowledgeAlertInput(String alertId, String note) {
	}

	/** Alerts matching {@code filter}, newest first. */
	@PreAuthorize(Roles.ALERTS)
	public Connection<Alert> list(AlertFilter filter, Integer first, String after) {
		int size = Connection.pageSize(first);
		List<Alert> alerts = this.store.page(filter, Connection.decode(after), size + 1);
		return Connection.of(alerts, size, Alert::id, null);
	}

	/**
	 * Acknowledges an open alert: who, when, with a note. Refused for an unknown alert
	 * and for one already acknowledged or resolved.
	 */
	@PreAuthorize(Roles.ALERTS)
	public Alert acknowledge(AcknowledgeAlertInput input) {
		Validation v = new Validation();
		String alertId = v.required("alertId", input.alertId(), 64);
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
