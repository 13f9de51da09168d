package io.creditdesk.dynamiclimit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.common.Money;
import io.creditdesk.common.UserError;
import io.creditdesk.dynamiclimit.LimitPolicySimulations.SimulateLimitPolicyInput;
import io.creditdesk.graphql.Payloads;
import io.creditdesk.job.Job;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/**
 * {@code simulateLimitPolicy} and {@code limitPolicySimulation}: a policy replayed on
 * history as a background job, and its figures once it finished.
 */
@Controller
class LimitPolicySimulationController {

	private final LimitPolicySimulations simulations;

	private final JsonMapper json;

	LimitPolicySimulationController(LimitPolicySimulations simulations, JsonMapper json) {
		this.simulations = simulations;
		this.json = json;
	}

	@MutationMapping
	@PreAuthorize(LimitPolicySimulations.ROLES)
	SimulateLimitPolicyPayload simulateLimitPolicy(@Argument SimulateLimitPolicyInput input) {
		return Payloads.run(() -> this.simulations.start(input), SimulateLimitPolicyPayload::new);
	}

	@QueryMapping
	@PreAuthorize(LimitPolicySimulations.ROLES)
	SimulationView limitPolicySimulation(@Argument String id) {
		return this.simulations.find(id).map(this::view).orElse(null);
	}

	@SchemaMapping(typeName = "LimitPolicySimulation", field = "decisionRule")
	String decisionRule(SimulationView simulation, Locale locale) {
		return MessageCatalogue.render(locale, SimulationReport.DECISION_RULE, List.of());
	}

	private SimulationView view(LimitPolicySimulation simulation) {
		ReplayOutcome outcome = this.simulations.outcome(simulation);
		String currency = outcome.currency();
		List<MonthView> months = outcome.months()
			.stream()
			.map(m -> new MonthView(m.month().toString(), m.scoredCustomers(), figures(m.actual(), currency),
					figures(m.simulated(), currency), m.increases(), m.decreases(), m.routedRequests(),
					m.actualChanges()))
			.toList();
		ReplayOutcome.Totals t = outcome.totals();
		return new SimulationView(simulation.id(), simulation.from(), simulation.to(), simulation.segment(), currency,
				simulation.model(), outcome.customers(), simulation.skippedCustomers(),
				this.json.convertValue(simulation.policy(), LimitPolicyDraft.class), months,
				new TotalsView(figures(t.actual(), currency), figures(t.simulated(), currency), t.increases(),
						t.decreases(), t.routedRequests(), t.actualChanges()),
				"/api/simulations/" + simulation.id() + ".csv", "/api/simulations/" + simulation.id() + "/report",
				simulation.requestedBy(), simulation.finishedAt());
	}

	private static FiguresView figures(ReplayOutcome.Track track, String currency) {
		return new FiguresView(money(track.limit(), currency), money(track.exposure(), currency), track.utilization(),
				money(track.expectedLoss(), currency), money(track.realizedLoss(), currency), track.approvedOrders(),
				money(track.approvedAmount(), currency), track.heldOrders(), money(track.heldAmount(), currency));
	}

	private static Money money(BigDecimal amount, String currency) {
		return new Money(amount, currency);
	}

	record SimulateLimitPolicyPayload(Job job, List<UserError> userErrors) {
	}

	record SimulationView(String id, String from, String to, String segment, String currency, String model,
			int customers, int skippedCustomers, LimitPolicyDraft policy, List<MonthView> months, TotalsView totals,
			String csvUrl, String reportUrl, String requestedBy, Instant finishedAt) {
	}

	record MonthView(String month, int scoredCustomers, FiguresView actual, FiguresView simulated, int increases,
			int decreases, int routedRequests, int actualChanges) {
	}

	record FiguresView(Money limit, Money exposure, BigDecimal utilization, Money expectedLoss, Money realizedLoss,
			int approvedOrders, Money approvedAmount, int heldOrders, Money heldAmount) {
	}

	record TotalsView(FiguresView actual, FiguresView simulated, int increases, int decreases, int routedRequests,
			int actualChanges) {
	}

}
