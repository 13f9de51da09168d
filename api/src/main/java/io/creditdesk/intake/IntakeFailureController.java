package io.creditdesk.intake;

import java.util.List;

import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.common.Connection;
import io.creditdesk.common.UserError;
import io.creditdesk.graphql.Payloads;
import io.creditdesk.intake.IntakeFailureService.DiscardIntakeFailureInput;
import io.creditdesk.intake.IntakeFailureService.IntakeFailureFilter;
import io.creditdesk.intake.IntakeFailureService.ReplayIntakeFailureInput;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

@Controller
class IntakeFailureController {

	private final IntakeFailureService failures;

	private final AuditLog audit;

	IntakeFailureController(IntakeFailureService failures, AuditLog audit) {
		this.failures = failures;
		this.audit = audit;
	}

	@QueryMapping
	Connection<IntakeFailure> intakeFailures(@Argument IntakeFailureFilter filter, @Argument Integer first,
			@Argument String after) {
		return this.failures.list(filter, first, after);
	}

	@QueryMapping
	IntakeFailure intakeFailure(@Argument String id) {
		return this.failures.get(id).orElse(null);
	}

	@SchemaMapping(typeName = "IntakeFailure", field = "offset")
	String offset(IntakeFailure failure) {
		return Long.toString(failure.offset());
	}

	@SchemaMapping(typeName = "IntakeFailure", field = "payload")
	String payload(IntakeFailure failure) {
		return failure.payloadText();
	}

	@SchemaMapping(typeName = "IntakeFailure", field = "auditTrail")
	Connection<AuditRecord> auditTrail(IntakeFailure failure, @Argument Integer first, @Argument String after) {
		return this.audit.forEntity(IntakeFailureService.ENTITY, failure.id(), first, after);
	}

	@MutationMapping
	ReplayIntakeFailurePayload replayIntakeFailure(@Argument ReplayIntakeFailureInput input) {
		return Payloads.run(() -> this.failures.replay(input),
				(replayed, errors) -> new ReplayIntakeFailurePayload((replayed != null) ? replayed.failure() : null,
						(replayed != null) ? replayed.decision() : null, errors));
	}

	@MutationMapping
	DiscardIntakeFailurePayload discardIntakeFailure(@Argument DiscardIntakeFailureInput input) {
		return Payloads.run(() -> this.failures.discard(input), DiscardIntakeFailurePayload::new);
	}

	record ReplayIntakeFailurePayload(IntakeFailure intakeFailure, GatewayDecision decision,
			List<UserError> userErrors) {
	}

	record DiscardIntakeFailurePayload(IntakeFailure intakeFailure, List<UserError> userErrors) {
	}

}
