package io.creditdesk.intake;

import java.time.Clock;
import java.util.Optional;

import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.audit.Changes;
import io.creditdesk.common.Actor;
import io.creditdesk.common.Connection;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.UserError;
import io.creditdesk.common.Validation;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The failed-intake worklist: list the records, replay one (fixed or as it was) or
 * discard it. Replay is synchronous: it runs the channel's adapter and the credit check
 * now and returns the decision, so the operator sees at once whether the fix worked. The
 * gateway is idempotent on the order id, so replaying an order the consumer meanwhile
 * placed reserves nothing twice.
 */
@Service
public class IntakeFailureService {

	static final String ENTITY = "INTAKE_FAILURE";

	private final IntakeFailureStore store;

	private final IntakeProcessor processor;

	private final ObjectProvider<OrderGateway> gateway;

	private final AuditLog audit;

	private final Clock clock;

	IntakeFailureService(IntakeFailureStore store, IntakeProcessor processor, ObjectProvider<OrderGateway> gateway,
			AuditLog audit, Clock clock) {
		this.store = store;
		this.processor = processor;
		this.gateway = gateway;
		this.audit = audit;
		this.clock = clock;
	}

	/** Filter of the worklist; null values do not filter. */
	public record IntakeFailureFilter(IntakeChannel channel, IntakeFailureStatus status) {
	}

	public record ReplayIntakeFailureInput(String id, String correctedPayload, String reason) {
	}

	public record DiscardIntakeFailureInput(String id, String reason) {
	}

	/** The outcome of a successful replay: the closed record and the credit decision. */
	public record Replayed(IntakeFailure failure, GatewayDecision decision) {
	}

	@PreAuthorize(IntakeRoles.READ_FAILURES)
	public Connection<IntakeFailure> list(IntakeFailureFilter filter, Integer first, String after) {
		return this.store.page((filter != null) ? filter.channel() : null, (filter != null) ? filter.status() : null,
				Connection.pageSize(first), Connection.decode(after));
	}

	@PreAuthorize(IntakeRoles.READ_FAILURES)
	public Optional<IntakeFailure> get(String id) {
		return (id == null) ? Optional.empty() : this.store.findById(id.trim());
	}

	/**
	 * Runs the record (or its corrected payload) through the intake again and, when the
	 * order is placed, closes the record as REPLAYED. A corrected payload must keep the
	 * order number.
	 * @throws CreditDeskException when the record is not open, the payload is still
	 * invalid (its problems, with codes and fields), the gateway refuses the order or is
	 * unavailable
	 */
	@PreAuthorize(IntakeRoles.OPERATE_FAILURES)
	public Replayed replay(ReplayIntakeFailureInput input) {
		Validation v = new Validation();
		String reason = v.freeText("reason", input.reason(), 500);
		String id = v.id("id", input.id(), 200);
		v.throwIfInvalid();
		IntakeFailure failure = requireOpen(id);
		if (failure.channel() == null) {
			throw CreditDeskException.refuse(IntakeErrorCode.UNKNOWN_CHANNEL.variant("replay"), "id", failure.topic());
		}
		OrderGateway orders = this.gateway.getIfUnique();
		if (orders == null) {
			throw CreditDeskException.refuse(IntakeErrorCode.INTAKE_UNAVAILABLE, null);
		}
		String corrected = (input.correctedPayload() != null && !input.correctedPayload().isBlank())
				? input.correctedPayload() : null;
		String payload = (corrected != null) ? corrected : failure.payloadText();
		CanonicalOrder order;
		try {
			order = this.processor.normalize(failure.channel(), payload);
		}
		catch (CreditDeskException invalid) {
			throw new CreditDeskException(
					invalid.errors().stream().map(e -> e.withField(prefixed(corrected != null, e.field()))).toList());
		}
		if (failure.orderId() != null && !failure.orderId().equals(order.orderId())) {
			throw CreditDeskException.refuse(IntakeErrorCode.ORDER_ID_CHANGED, "correctedPayload", order.orderId(),
					failure.orderId());
		}
		GatewayDecision decision;
		try {
			decision = orders.place(order);
		}
		catch (CreditDeskException refused) {
			throw refused;
		}
		catch (RuntimeException unavailable) {
			throw CreditDeskException.refuse(IntakeErrorCode.GATEWAY_UNAVAILABLE, null,
					unavailable.getClass().getSimpleName());
		}
		Actor actor = Actor.current();
		AuditRecord replayed = this.audit
			.entry("INTAKE_FAILURE_REPLAYED", ENTITY, failure.id(), order.customerId(), reason, new Changes()
				.diff("status", failure.status(), IntakeFailureStatus.REPLAYED)
				.set("correctedPayload", corrected)
				.set("orderId", order.orderId())
				.set("decision", decision.status()
						+ (decision.reasonCodes().isEmpty() ? "" : " " + String.join(",", decision.reasonCodes()))));
		IntakeFailure closed = this.store
			.close(failure.id(), IntakeFailureStatus.REPLAYED, this.clock.instant(), actor.name(), reason, corrected,
					IntakeFailure.Decision.of(decision), replayed)
			.orElseThrow(() -> notOpen(this.store.findById(failure.id()).orElse(failure)));
		this.audit.settle(IntakeFailure.class, closed.id(), replayed);
		return new Replayed(closed, decision);
	}

	@PreAuthorize(IntakeRoles.OPERATE_FAILURES)
	public IntakeFailure discard(DiscardIntakeFailureInput input) {
		Validation v = new Validation();
		String reason = v.freeText("reason", input.reason(), 500);
		String id = v.id("id", input.id(), 200);
		v.throwIfInvalid();
		IntakeFailure failure = requireOpen(id);
		AuditRecord discarded = this.audit.entry("INTAKE_FAILURE_DISCARDED", ENTITY, failure.id(), failure.customerId(),
				reason, new Changes().diff("status", failure.status(), IntakeFailureStatus.DISCARDED));
		IntakeFailure closed = this.store
			.close(failure.id(), IntakeFailureStatus.DISCARDED, this.clock.instant(), Actor.current().name(), reason,
					null, null, discarded)
			.orElseThrow(() -> notOpen(this.store.findById(failure.id()).orElse(failure)));
		this.audit.settle(IntakeFailure.class, closed.id(), discarded);
		return closed;
	}

	private IntakeFailure requireOpen(String id) {
		IntakeFailure failure = this.store.findById(id)
			.orElseThrow(() -> CreditDeskException.refuse(IntakeErrorCode.INTAKE_FAILURE_NOT_FOUND, "id",
					UserError.quoted(id)));
		if (failure.status() != IntakeFailureStatus.OPEN) {
			throw notOpen(failure);
		}
		return failure;
	}

	private static CreditDeskException notOpen(IntakeFailure failure) {
		return (failure.resolvedBy() != null)
				? CreditDeskException.refuse(IntakeErrorCode.INTAKE_FAILURE_NOT_OPEN.variant("resolvedBy"), "id",
						failure.id(), failure.status(), failure.resolvedBy())
				: CreditDeskException.refuse(IntakeErrorCode.INTAKE_FAILURE_NOT_OPEN, "id", failure.id(),
						failure.status());
	}

	private static String prefixed(boolean corrected, String field) {
		String base = corrected ? "correctedPayload" : "payload";
		return (field == null) ? base : base + "." + field;
	}

}
