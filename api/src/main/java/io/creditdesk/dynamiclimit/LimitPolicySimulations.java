package io.creditdesk.dynamiclimit;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.UserError;
import io.creditdesk.common.Validation;
import io.creditdesk.customer.CustomerInputs.CustomerFilter;
import io.creditdesk.customer.CustomerService;
import io.creditdesk.job.Job;
import io.creditdesk.job.Jobs;
import io.creditdesk.risk.CustomerLedgers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/**
 * Starts simulations of a limit policy on history ({@code simulateLimitPolicy}) and reads
 * their results. A simulation is checked here, in full, before its job is queued: a bad
 * policy, a month range the ledger cannot replay or a segment without customers is a
 * refusal naming the field, never a failed job.
 */
@Service
public class LimitPolicySimulations {

	/** Who may run and read simulations, as a method-security expression. */
	public static final String ROLES = "hasAnyRole('CREDIT_MANAGER','CFO','DATA_SCIENTIST')";

	/** The most months one simulation replays. */
	static final int MAX_MONTHS = 36;

	private final Jobs jobs;

	private final CustomerLedgers ledgers;

	private final CustomerService customers;

	private final MongoTemplate mongo;

	private final JsonMapper json;

	private final Clock clock;

	LimitPolicySimulations(Jobs jobs, CustomerLedgers ledgers, CustomerService customers, MongoTemplate mongo,
			JsonMapper json, Clock clock) {
		this.jobs = jobs;
		this.ledgers = ledgers;
		this.customers = customers;
		this.mongo = mongo;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * What {@code simulateLimitPolicy} takes.
	 *
	 * @param policy the policy to replay
	 * @param from the first month (yyyy-MM)
	 * @param to the last month, over before today
	 * @param lastMonths instead of {@code from} and {@code to}: the last this many months
	 * that are over
	 * @param segment only this segment's customers, or null for all
	 */
	public record SimulateLimitPolicyInput(LimitPolicyDraft policy, String from, String to, Integer lastMonths,
			String segment) {
	}

	/**
	 * Checks the input and queues the simulation's job.
	 * @throws CreditDeskException with every problem of the input
	 */
	public Job start(SimulateLimitPolicyInput input) {
		Validation validation = new Validation();
		LimitAdjustmentPolicy policy = null;
		if (input.policy() == null) {
			validation.reject(CommonErrorCode.REQUIRED, "policy");
		}
		else {
			policy = input.policy().toPolicy(validation);
		}
		YearMonth from = null;
		YearMonth to = null;
		if (input.lastMonths() != null) {
			if (input.from() != null || input.to() != null) {
				validation.reject(SimulationErrorCode.SIMULATION_RANGE_INVALID.variant("both"), "lastMonths");
			}
			else if (input.lastMonths() > MAX_MONTHS) {
				// Too long a replay, as from and to spanning it: the simulation's own
				// code.
				validation.reject(SimulationErrorCode.SIMULATION_RANGE_INVALID.variant("tooLong"), "lastMonths",
						input.lastMonths(), MAX_MONTHS);
			}
			else if (validation.range("lastMonths", input.lastMonths(), 1, MAX_MONTHS) != null) {
				to = YearMonth.now(this.clock).minusMonths(1);
				from = to.minusMonths(input.lastMonths() - 1L);
			}
		}
		else {
			from = month(validation, "from", input.from());
			to = month(validation, "to", input.to());
		}
		if (from != null && to != null) {
			range(validation, from, to);
		}
		String segment = null;
		if (input.segment() != null) {
			segment = validation.code("segment", input.segment());
			if (segment != null
					&& this.customers.list(new CustomerFilter(segment, null, null, null, null, null), 1, null)
						.edges()
						.isEmpty()) {
				validation.reject(SimulationErrorCode.SIMULATION_SEGMENT_EMPTY, "segment", UserError.quoted(segment));
			}
		}
		validation.throwIfInvalid();
		Map<String, Object> job = new LinkedHashMap<>();
		job.put("from", from.toString());
		job.put("to", to.toString());
		if (segment != null) {
			job.put("segment", segment);
		}
		job.put("currency", input.policy().currency().trim().toUpperCase(Locale.ROOT));
		job.put("policy", this.json.convertValue(LimitPolicyDraft.of(policy, (String) job.get("currency")), Map.class));
		return this.jobs.submit(LimitPolicySimulationJob.KIND, job);
	}

	/** The simulation of this id (the id of the job that ran it), once it finished. */
	public Optional<LimitPolicySimulation> find(String id) {
		return Optional.ofNullable(this.mongo.findById(id, LimitPolicySimulation.class));
	}

	/**
	 * The simulation of this id.
	 * @throws CreditDeskException {@code SIMULATION_NOT_FOUND} when there is none (yet)
	 */
	public LimitPolicySimulation get(String id) {
		return find(id).orElseThrow(
				() -> CreditDeskException.refuse(SimulationErrorCode.SIMULATION_NOT_FOUND, "id", UserError.quoted(id)));
	}

	/** The outcome of a stored simulation. */
	public ReplayOutcome outcome(LimitPolicySimulation simulation) {
		return this.json.readValue(simulation.outcome(), ReplayOutcome.class);
	}

	private static YearMonth month(Validation validation, String field, String value) {
		if (value == null || value.isBlank()) {
			validation.reject(CommonErrorCode.REQUIRED, field);
			return null;
		}
		try {
			return YearMonth.parse(value.trim());
		}
		catch (DateTimeParseException ex) {
			validation.reject(SimulationErrorCode.INVALID_MONTH, field, UserError.quoted(value));
			return null;
		}
	}

	/**
	 * The months must be in order, over (the last one before the current month), at most
	 * {@link #MAX_MONTHS}, and not before the month of the ledger's first fact (imported
	 * history included).
	 */
	private void range(Validation validation, YearMonth from, YearMonth to) {
		YearMonth lastOver = YearMonth.now(this.clock).minusMonths(1);
		if (from.isAfter(to)) {
			validation.reject(SimulationErrorCode.SIMULATION_RANGE_INVALID, "from", from, to);
			return;
		}
		if (to.isAfter(lastOver)) {
			validation.reject(SimulationErrorCode.SIMULATION_RANGE_INVALID.variant("notOver"), "to", to, lastOver);
			return;
		}
		long months = from.until(to, ChronoUnit.MONTHS) + 1;
		if (months > MAX_MONTHS) {
			validation.reject(SimulationErrorCode.SIMULATION_RANGE_INVALID.variant("tooLong"), "from", months,
					MAX_MONTHS);
			return;
		}
		Optional<LocalDate> first = this.ledgers.firstDay();
		if (first.isEmpty()) {
			validation.reject(SimulationErrorCode.SIMULATION_RANGE_INVALID.variant("emptyLedger"), "from");
		}
		else if (from.isBefore(YearMonth.from(first.get()))) {
			validation.reject(SimulationErrorCode.SIMULATION_RANGE_INVALID.variant("beforeLedger"), "from", from,
					YearMonth.from(first.get()));
		}
	}

}
