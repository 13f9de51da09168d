package io.creditdesk.alert;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.creditdesk.alert.AlertRules.Evaluation;
import io.creditdesk.alert.AlertState.Reference;
import io.creditdesk.alert.AlertStore.Decision;
import io.creditdesk.common.Actor;
import io.creditdesk.customer.Customer;
import io.creditdesk.customer.CustomerService;
import io.creditdesk.events.CreditEvent;
import io.creditdesk.events.CreditEventType;
import io.creditdesk.ledger.CreditAccountService;
import io.creditdesk.ledger.Invoice;
import io.creditdesk.ledger.InvoiceFacts;
import io.creditdesk.ledger.InvoiceStatus;
import io.creditdesk.policy.EffectivePolicy;
import io.creditdesk.risk.CustomerScores;
import io.creditdesk.risk.ModelDrift;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Evaluates alerts from what the ledger, the customer, the policy and the scores say now
 * (never from the figures an event carried: an event is only the cue, so evaluating
 * twice, late or out of order decides the same) and stores each decision through the
 * {@link AlertStore}. Runs as the {@code system} actor: it is called by the credit event
 * consumer and the sweep, not by a person.
 */
@Component
class AlertEvaluator {

	/** The alert types a customer's own figures decide. */
	static final Set<AlertType> CUSTOMER_TYPES = Set.of(AlertType.UTILIZATION_THRESHOLD, AlertType.OVERDUE,
			AlertType.LIMIT_EXPIRING, AlertType.SCORE_DETERIORATED);

	/** The alert types a change of a customer's exposure, limit or status decides. */
	static final Set<AlertType> EXPOSURE_TYPES = Set.of(AlertType.UTILIZATION_THRESHOLD, AlertType.OVERDUE,
			AlertType.LIMIT_EXPIRING);

	/**
	 * The credit events that may raise or resolve an alert; the consumer passes over the
	 * others (an order's decision, the alerts' own events) without parsing them.
	 */
	static final Set<CreditEventType> EVALUATED = Set
		.copyOf(EnumSet.of(CreditEventType.EXPOSURE_CHANGED, CreditEventType.CREDIT_LIMIT_CHANGED,
				CreditEventType.CUSTOMER_STATUS_CHANGED, CreditEventType.EXTERNAL_RISK_EVENT_APPLIED,
				CreditEventType.RISK_FLAG_CLEARED, CreditEventType.CREDIT_LIMIT_REQUEST_ESCALATED,
				CreditEventType.CREDIT_LIMIT_REQUEST_STEP_DECIDED, CreditEventType.CREDIT_LIMIT_REQUEST_DECIDED));

	private final FiguresRead figuresRead = new FiguresRead();

	private final Counter skipped;

	private final AlertStore store;

	private final CustomerService customers;

	private final CreditAccountService accounts;

	private final InvoiceFacts invoices;

	private final CustomerScores scores;

	private final ModelDrift drift;

	private final AlertsProperties properties;

	private final Clock clock;

	AlertEvaluator(AlertStore store, CustomerService customers, CreditAccountService accounts, InvoiceFacts invoices,
			CustomerScores scores, ModelDrift drift, AlertsProperties properties, Clock clock, MeterRegistry meters) {
		this.skipped = Counter.builder("creditdesk.alerts.evaluations.skipped")
			.description("Exposure snapshots the alerts reader skipped: an evaluation begun after them saw them")
			.register(meters);
		this.store = store;
		this.customers = customers;
		this.accounts = accounts;
		this.invoices = invoices;
		this.scores = scores;
		this.drift = drift;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * The alerts a credit event read from the topic may raise or resolve, decided now; an
	 * exposure snapshot that an evaluation begun after it already saw is skipped
	 * ({@link FiguresRead}) and counted ({@code creditdesk.alerts.evaluations.skipped}).
	 */
	List<Alert> onCreditEvent(CreditEvent event) {
		if (event.type() == CreditEventType.EXPOSURE_CHANGED
				&& this.figuresRead.covers(event.customerId(), event.occurredAt())) {
			this.skipped.increment();
			return List.of();
		}
		return onCreditEvent(event.type(), event.customerId(), event.eventId(), event.data());
	}

	/** The alerts a credit event may raise or resolve, decided now. */
	List<Alert> onCreditEvent(CreditEventType type, String customerId, String eventId, Map<String, Object> data) {
		if (customerId == null || "null".equals(customerId) || !EVALUATED.contains(type)) {
			return List.of();
		}
		return asSystem(() -> switch (type) {
			case EXPOSURE_CHANGED, CREDIT_LIMIT_CHANGED, CUSTOMER_STATUS_CHANGED ->
				evaluate(customerId, EXPOSURE_TYPES);
			case EXTERNAL_RISK_EVENT_APPLIED -> bureauEvent(customerId, eventId, data);
			case RISK_FLAG_CLEARED -> flagsCleared(customerId, eventId);
			case CREDIT_LIMIT_REQUEST_ESCALATED -> requestEscalated(customerId, eventId, data);
			case CREDIT_LIMIT_REQUEST_STEP_DECIDED, CREDIT_LIMIT_REQUEST_DECIDED ->
				requestDecided(customerId, eventId, type, data);
			default -> throw new IllegalStateException(type + " is evaluated but has no rule");
		});
	}

	/** Evaluates the given types of one customer's alerts from its current figures. */
	List<Alert> evaluate(String customerId, Set<AlertType> types) {
		Instant began = this.clock.instant();
		List<Alert> decided = asSystem(() -> {
			// The account, its exposure and its policy from one reading.
			Optional<CreditAccountService.Standing> found = this.accounts.standing(customerId);
			if (found.isEmpty()) {
				return List.of();
			}
			CreditAccountService.Standing standing = found.get();
			AlertPolicy policy = policy(standing.policy());
			Observation now = observe(customerId, standing);
			// The states of the customer's types in one read; each decision re-reads its
			// own only when another writer changed it.
			Map<AlertType, AlertState> states = this.store.states(customerId, types);
			List<Alert> changed = new ArrayList<>();
			for (AlertType type : new TreeSet<>(types)) {
				AlertState read = states.get(type);
				changed.addAll(switch (type) {
					case UTILIZATION_THRESHOLD -> this.store.decide(customerId, type, null, read,
							state -> Decision.of(AlertRules.utilization(policy, state.raisedKeys(), now)));
					case OVERDUE -> this.store.decide(customerId, type, null, read,
							state -> Decision.of(AlertRules.overdue(policy, state.raisedKeys(), now)));
					case LIMIT_EXPIRING -> this.store.decide(customerId, type, null, read,
							state -> Decision.of(AlertRules.limitExpiring(policy, state.raisedKeys(), now)));
					case SCORE_DETERIORATED -> scoreDeteriorated(customerId, policy, now);
					default -> List.<Alert>of();
				});
			}
			return changed;
		});
		if (types.containsAll(EXPOSURE_TYPES)) {
			this.figuresRead.evaluated(customerId, began);
		}
		return decided;
	}

	/**
	 * The score against its reference: the first score seen becomes the reference (a
	 * deterioration is measured from where the customer stood when alerts began watching
	 * it).
	 */
	private List<Alert> scoreDeteriorated(String customerId, AlertPolicy policy, Observation base) {
		Optional<CustomerScores.Current> score = this.scores.current(customerId)
			.filter(current -> !current.insufficientHistory() && current.grade() != null);
		if (score.isEmpty()) {
			return List.of();
		}
		return scoreDeteriorated(customerId, policy, base, score.get());
	}

	/** As above, for a score read already. */
	List<Alert> scoreDeteriorated(String customerId, AlertPolicy policy, Observation base,
			CustomerScores.Current current) {
		return this.store.decide(customerId, AlertType.SCORE_DETERIORATED, null, state -> {
			Reference reference = (state.reference() != null) ? state.reference()
					: new Reference(current.grade(), current.probabilityOfDefault());
			Observation now = new Observation(base.currency(), base.utilization(), base.overdueAmount(),
					base.oldestOverdueDays(), base.overdueInvoices(), base.limitValidUntil(), base.today(),
					current.grade(), current.probabilityOfDefault(), reference.grade(),
					reference.probabilityOfDefault(), base.graceDays());
			return new Decision(AlertRules.scoreDeteriorated(policy, state.raisedKeys(), now), reference);
		});
	}

	/** The champion's latest drift against the policy's PSI. */
	List<Alert> modelDrift() {
		Optional<ModelDrift.Latest> latest = this.drift.latest();
		if (latest.isEmpty()) {
			return List.of();
		}
		AlertPolicy policy = policy(null);
		return this.store.decide(null, AlertType.MODEL_DRIFT, null,
				state -> Decision.of(AlertRules.modelDrift(policy, state.raisedKeys(), latest.get().psi())));
	}

	/**
	 * An external risk event applied to the customer: one alert per event, open until the
	 * customer's bureau and fraud flags are cleared.
	 */
	private List<Alert> bureauEvent(String customerId, String eventId, Map<String, Object> data) {
		// The risk event policy decides whether an event is worth an alert: only events
		// whose actions list ALERT raise one (an absent list, from an older producer,
		// does).
		if (data.get("actions") instanceof List<?> actions && !actions.contains("ALERT")) {
			return List.of();
		}
		String externalId = text(data.get("eventId"), eventId);
		String eventType = text(data.get("eventType"), "UNKNOWN");
		String key = "event:" + externalId;
		AlertSeverity severity = switch (eventType) {
			case "INSOLVENCY_FILING", "FRAUD_SUSPECTED", "PAYMENT_DEFAULT_REPORTED" -> AlertSeverity.CRITICAL;
			case "RATING_UPGRADE" -> AlertSeverity.INFO;
			default -> AlertSeverity.WARNING;
		};
		String source = text(data.get("source"), "?");
		String change = AlertFigures.change(text(data.get("oldValue"), "-"), text(data.get("newValue"), "-"));
		return this.store.decide(customerId, AlertType.BUREAU_EVENT, eventId, state -> {
			if (state.raisedKeys().contains(key)) {
				return Decision.of(new Evaluation(state.raisedKeys(), List.of()));
			}
			Set<String> raised = new TreeSet<>(state.raisedKeys());
			raised.add(key);
			return Decision.of(new Evaluation(raised, List
				.of(new AlertChange(AlertType.BUREAU_EVENT, key, true, severity, source + " " + eventType, change))));
		});
	}

	/**
	 * A flag was cleared: once the customer has neither a bureau nor a fraud flag, its
	 * bureau event alerts resolve.
	 */
	private List<Alert> flagsCleared(String customerId, String eventId) {
		Optional<Customer> customer = this.customers.get(customerId);
		if (customer.isEmpty() || !customer.get().flags().isEmpty()) {
			return List.of();
		}
		return this.store.decide(customerId, AlertType.BUREAU_EVENT, eventId,
				state -> Decision.of(resolveAll(AlertType.BUREAU_EVENT, state.raisedKeys(), key -> true)));
	}

	/** A step of a limit request passed its due time: one alert per request and step. */
	private List<Alert> requestEscalated(String customerId, String eventId, Map<String, Object> data) {
		String requestId = text(data.get("requestId"), "?");
		String step = text(data.get("step"), "?");
		String key = "request:" + requestId + ":" + step;
		String role = text(data.get("role"), "?");
		String dueAt = text(data.get("dueAt"), "?");
		return this.store.decide(customerId, AlertType.REQUEST_SLA_BREACHED, eventId, state -> {
			if (state.raisedKeys().contains(key)) {
				return Decision.of(new Evaluation(state.raisedKeys(), List.of()));
			}
			Set<String> raised = new TreeSet<>(state.raisedKeys());
			raised.add(key);
			return Decision.of(new Evaluation(raised, List.of(new AlertChange(AlertType.REQUEST_SLA_BREACHED, key, true,
					AlertSeverity.WARNING, role + " " + dueAt, step))));
		});
	}

	/**
	 * The step was decided (or the whole request): its breached-SLA alert resolves (all
	 * of the request's, for the final decision).
	 */
	private List<Alert> requestDecided(String customerId, String eventId, CreditEventType type,
			Map<String, Object> data) {
		String prefix = "request:" + text(data.get("requestId"), "?") + ":";
		String stepKey = prefix + text(data.get("step"), "?");
		return this.store.decide(customerId, AlertType.REQUEST_SLA_BREACHED, eventId,
				state -> Decision.of(resolveAll(AlertType.REQUEST_SLA_BREACHED, state.raisedKeys(),
						key -> (type == CreditEventType.CREDIT_LIMIT_REQUEST_DECIDED) ? key.startsWith(prefix)
								: key.equals(stepKey))));
	}

	private static Evaluation resolveAll(AlertType type, Set<String> raised, Predicate<String> which) {
		Set<String> next = new TreeSet<>();
		List<AlertChange> changes = new ArrayList<>();
		for (String key : new TreeSet<>(raised)) {
			if (which.test(key)) {
				changes.add(new AlertChange(type, key, false, AlertSeverity.INFO, null, null));
			}
			else {
				next.add(key);
			}
		}
		return new Evaluation(next, changes);
	}

	/** The alert policy: the customer's effective policy with the service's settings. */
	AlertPolicy policy(EffectivePolicy effective) {
		AlertsProperties p = this.properties;
		TreeSet<BigDecimal> thresholds = new TreeSet<>();
		thresholds.add(BigDecimal.ONE);
		BigDecimal overdueAmount = null;
		int oldestOverdueDays = p.oldestOverdueDays();
		if (effective != null) {
			effective.alertThresholds().forEach(t -> thresholds.add(BigDecimal.valueOf(t).stripTrailingZeros()));
			if (effective.maxOverdueAmount() != null) {
				overdueAmount = effective.maxOverdueAmount().amount();
			}
			if (effective.maxOverdueDays() != null) {
				oldestOverdueDays = effective.maxOverdueDays();
			}
		}
		else {
			AlertPolicy.DEFAULT.utilizationThresholds().forEach(t -> thresholds.add(t.stripTrailingZeros()));
		}
		// 1 and 1.0 are one threshold.
		List<BigDecimal> distinct = new ArrayList<>();
		for (BigDecimal t : thresholds) {
			if (distinct.isEmpty() || distinct.get(distinct.size() - 1).compareTo(t) != 0) {
				distinct.add(t);
			}
		}
		return new AlertPolicy(distinct, p.rearmMargin(), p.criticalUtilization(), overdueAmount, oldestOverdueDays,
				p.expiryLeadDays(), p.gradeSteps(), p.pdIncrease(), p.maxPsi());
	}

	/** What is known about the customer now (scores are added where they are used). */
	private Observation observe(String customerId, CreditAccountService.Standing standing) {
		LocalDate today = LocalDate.now(this.clock);
		CreditAccountService.Exposure exposure = standing.exposure();
		EffectivePolicy effective = standing.policy();
		BigDecimal limit = exposure.limit().amount();
		BigDecimal utilization = (limit.signum() > 0) ? exposure.net().amount().divide(limit, 6, RoundingMode.HALF_EVEN)
				: null;
		List<String> overdue = new ArrayList<>();
		if (exposure.overdue().amount().signum() > 0) {
			for (Invoice invoice : this.invoices.ofCustomers(List.of(customerId))) {
				if (invoice.status() == InvoiceStatus.OPEN && invoice.openAmount().signum() > 0
						&& invoice.dueDate().plusDays(effective.graceDays()).isBefore(today)) {
					overdue.add(invoice.id());
				}
			}
		}
		return new Observation(exposure.limit().currency(), utilization, exposure.overdue().amount(),
				exposure.oldestOverdueDays(), overdue, standing.limitValidUntil(), today, null, null, null, null,
				(effective != null) ? effective.graceDays() : 0);
	}

	private static String text(Object value, String otherwise) {
		return (value != null) ? value.toString() : otherwise;
	}

	/** Runs {@code work} as the {@code system} actor, restoring the caller's context. */
	static <T> T asSystem(Supplier<T> work) {
		SecurityContext before = SecurityContextHolder.getContext();
		SecurityContext system = SecurityContextHolder.createEmptyContext();
		system.setAuthentication(new UsernamePasswordAuthenticationToken(Actor.SYSTEM.name(), null,
				AuthorityUtils.createAuthorityList("ROLE_ADMIN")));
		SecurityContextHolder.setContext(system);
		try {
			return work.get();
		}
		finally {
			SecurityContextHolder.setContext(before);
		}
	}

}
