package io.creditdesk.dynamiclimit;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.creditdesk.common.Money;
import io.creditdesk.common.Validation;
import io.creditdesk.fx.FxRateService;
import io.creditdesk.job.JobContext;
import io.creditdesk.job.JobHandler;
import io.creditdesk.policy.CreditPolicyService;
import io.creditdesk.policy.EffectivePolicy;
import io.creditdesk.policy.PolicySubjects;
import io.creditdesk.risk.ActiveModels;
import io.creditdesk.risk.CustomerLedgers;
import io.creditdesk.risk.ModelInUse;
import io.creditdesk.scoring.ledger.HistoryOptions;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The background work of {@code simulateLimitPolicy}: reads the customers of the segment
 * a batch at a time through {@link CustomerLedgers} (the port scores read), replays those
 * whose credit currency is the policy's ({@link LimitPolicyReplay}), and stores the
 * outcome under the job's id. Customers in another currency are counted, not replayed: a
 * replay never sums amounts across currencies.
 */
@Component
class LimitPolicySimulationJob implements JobHandler {

	static final String KIND = "simulateLimitPolicy";

	/** Progress is reported every this many customers. */
	private static final int PROGRESS_EVERY = 200;

	private final CustomerLedgers ledgers;

	private final ActiveModels models;

	private final PolicySubjects subjects;

	private final CreditPolicyService policies;

	private final FxRateService fx;

	private final MongoTemplate mongo;

	private final JsonMapper json;

	private final Clock clock;

	private final HistoryOptions options = HistoryOptions.defaults();

	LimitPolicySimulationJob(CustomerLedgers ledgers, ActiveModels models, PolicySubjects subjects,
			CreditPolicyService policies, FxRateService fx, MongoTemplate mongo, JsonMapper json, Clock clock) {
		this.ledgers = ledgers;
		this.models = models;
		this.subjects = subjects;
		this.policies = policies;
		this.fx = fx;
		this.mongo = mongo;
		this.json = json;
		this.clock = clock;
	}

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public Map<String, Object> run(JobContext context) {
		Map<String, Object> input = context.input();
		YearMonth from = YearMonth.parse((String) input.get("from"));
		YearMonth to = YearMonth.parse((String) input.get("to"));
		String segment = (String) input.get("segment");
		String currency = (String) input.get("currency");
		@SuppressWarnings("unchecked")
		Map<String, Object> draft = (Map<String, Object>) input.get("policy");
		Validation validation = new Validation();
		LimitAdjustmentPolicy policy = this.json.convertValue(draft, LimitPolicyDraft.class).toPolicy(validation);
		validation.throwIfInvalid();
		ModelInUse champion = this.models.champion();
		LocalDate today = LocalDate.now(this.clock);
		LimitPolicyReplay replay = new LimitPolicyReplay(policy, currency, from, to);
		int[] seen = new int[2];
		context.progress(1, "replaying " + from + " to " + to);
		this.ledgers.forEach(Optional.ofNullable(segment), facts -> {
			if (!facts.ledger().currency().equals(currency)) {
				seen[1]++;
				return;
			}
			replay.add(ReplayCustomers.of(facts, champion.model(),
					hardCap(facts.ledger().customerId(), currency, today), from, to, this.options));
			if (++seen[0] % PROGRESS_EVERY == 0) {
				context.progress(50, seen[0] + " customers replayed");
			}
		});
		context.progress(95, seen[0] + " customers replayed; storing the outcome");
		ReplayOutcome outcome = replay.outcome();
		this.mongo.save(new LimitPolicySimulation(context.jobId(), from.toString(), to.toString(), segment, currency,
				draft, seen[1], champion.name() + " v" + champion.version(), this.json.writeValueAsString(outcome),
				context.requestedBy(), this.clock.instant()));
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("simulationId", context.jobId());
		result.put("customers", seen[0]);
		result.put("skippedCustomers", seen[1]);
		result.put("months", outcome.months().size());
		return result;
	}

	/**
	 * Today's effective hard cap in the credit currency, or null: caps have no history,
	 * so the replay applies today's to every month.
	 */
	private BigDecimal hardCap(String customerId, String currency, LocalDate today) {
		return this.subjects.find(customerId)
			.map(this.policies::effectiveFor)
			.map(EffectivePolicy::hardCap)
			.map(cap -> {
				Money converted = this.fx.convertStored(cap, currency, today, "hardCap").converted();
				return converted.amount();
			})
			.orElse(null);
	}

}
