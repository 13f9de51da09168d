package io.creditdesk.riskevent;

import io.creditdesk.common.Connection;
import io.creditdesk.security.Roles;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** What arrived and what it did, for analysts and up. */
@Service
public class RiskEventLog {

	private final AppliedRiskEvents records;

	RiskEventLog(AppliedRiskEvents records) {
		this.records = records;
	}

	/** Filter of the events; null values do not filter. */
	public record ExternalRiskEventFilter(String customerId, ExternalEventType type) {
	}

	@PreAuthorize(Roles.READ_POLICIES_AND_AUDIT)
	public Connection<AppliedRiskEvent> list(ExternalRiskEventFilter filter, Integer first, String after) {
		return this.records.page((filter != null) ? filter.customerId() : null, (filter != null) ? filter.type() : null,
				Connection.pageSize(first), Connection.decode(after));
	}

}
