package io.creditdesk.riskevent;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.customer.Customer;
import io.creditdesk.customer.CustomerService;
import io.creditdesk.customer.CustomerStatus;
import io.creditdesk.events.CreditEventType;
import io.creditdesk.events.Outbox;
import io.creditdesk.limitrequest.SystemReviews;
import io.creditdesk.policy.PolicyLevel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * How the processor reports what stopped an event half way: a refusal of the event itself
 * is final (dead-lettered, or the worklist for the poller), a profile that others kept
 * changing is transient (retried, the poller's cursor stays), so an insolvency filing is
 * never parked for a person because the customer was busy.
 */
class RiskEventProcessorTests {

	private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

	private final RiskEventCustomers customers = mock(RiskEventCustomers.class);

	private final CustomerService profiles = mock(CustomerService.class);

	private final RiskEventPolicies policies = mock(RiskEventPolicies.class);

	private final AppliedRiskEvents records = mock(AppliedRiskEvents.class);

	private final Outbox outbox = mock(Outbox.class);

	private final RiskEventProcessor processor = new RiskEventProcessor(this.customers, this.profiles, this.policies,
			this.records, mock(SystemReviews.class), this.outbox, Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void aProfileOthersKeptChangingIsATransientFailureNotARefusal() {
		Customer customer = new Customer("c1", "ERP-1", "Busy GmbH", "DE136695976", "DE", "SMB", null, null, null,
				"EUR", CustomerStatus.ACTIVE, List.of(), null, NOW, NOW, 7, null);
		given(this.records.find(anyString())).willReturn(Optional.empty());
		given(this.customers.resolve(any())).willReturn(customer);
		given(this.policies.resolve(customer, ExternalEventType.INSOLVENCY_FILING))
			.willReturn(new RiskEventPolicies.Resolved(
					EnumSet.of(RiskEventAction.RAISE_BUREAU_FLAG, RiskEventAction.SET_ON_HOLD),
					PolicyLevel.SYSTEM_DEFAULT));
		given(this.records.received(any())).willAnswer(invocation -> invocation.getArgument(0));
		given(this.outbox.event(any(), anyString(), any()))
			.willReturn(new Outbox.Event("e1", CreditEventType.EXTERNAL_RISK_EVENT_APPLIED, "c1", NOW, "{}"));
		given(this.profiles.applyExternalRiskEvent(any())).willThrow(
				CreditDeskException.refuse(CommonErrorCode.CONCURRENT_MODIFICATION.variant("customer"), null, "c1"));
		ExternalRiskEvent event = new ExternalRiskEvent("cs-1", "creditsafe", ExternalEventType.INSOLVENCY_FILING,
				new ExternalRiskEvent.CustomerReference(null, "ERP-1", null), "B", "D", NOW);

		Throwable failure = catchThrowable(() -> this.processor.process(event, AppliedRiskEvent.Via.KAFKA));

		assertThat(failure).as("retried by the consumer, not dead-lettered")
			.isNotNull()
			.isNotInstanceOf(CreditDeskException.class);
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			assertThat(cause).as("the consumer classifies by every cause").isNotInstanceOf(CreditDeskException.class);
		}
		verify(this.records, never()).applied(any(), any(), any(), any());
	}

}
