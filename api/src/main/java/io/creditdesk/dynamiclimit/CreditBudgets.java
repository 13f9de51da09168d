package io.creditdesk.dynamiclimit;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.audit.Changes;
import io.creditdesk.audit.VersionedDocuments;
import io.creditdesk.common.Actor;
import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.DecimalInput;
import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.common.Money;
import io.creditdesk.common.Validation;
import io.creditdesk.customer.Customer;
import io.creditdesk.dynamiclimit.CreditBudget.Rate;
import io.creditdesk.dynamiclimit.CreditBudgetInputs.RateInput;
import io.creditdesk.dynamiclimit.CreditBudgetInputs.UpsertCreditBudgetInput;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Stores credit budgets: each replaced as a whole under an optimistic version, its audit
 * record in the same write. Segments and verticals a budget names must be those of
 * customers on record, so a typo is refused when the budget is set, not when it is
 * allocated.
 */
@Service
class CreditBudgets {

	private final MongoTemplate mongo;

	private final AuditLog audit;

	private final VersionedDocuments documents;

	private final Clock clock;

	CreditBudgets(MongoTemplate mongo, AuditLog audit, VersionedDocuments documents, Clock clock) {
		this.mongo = mongo;
		this.audit = audit;
		this.documents = documents;
		this.clock = clock;
		audit.register(CreditBudget.class);
	}

	Optional<CreditBudget> find(String id) {
		return (id == null || id.isBlank()) ? Optional.empty()
				: Optional.ofNullable(this.mongo.findById(id.trim(), CreditBudget.class));
	}

	CreditBudget get(String id) {
		return find(id).orElseThrow(() -> CreditDeskException.refuse(AllocationErrorCode.BUDGET_NOT_FOUND, "budgetId",
				new MessageCatalogue.Quoted(String.valueOf(id))));
	}

	/** Budgets, optionally of one currency, by currency, segment and period. */
	List<CreditBudget> list(String currency) {
		Query query = (currency != null) ? Query.query(Criteria.where("currency").is(currency.trim().toUpperCase()))
				: new Query();
		return this.mongo.find(query.with(Sort.by("currency", "segment", "periodStart")), CreditBudget.class);
	}

	/** The segment budgets of a whole-portfolio budget's currency and period. */
	List<CreditBudget> segmentBudgets(CreditBudget budget) {
		if (budget.segment() != null) {
			return List.of();
		}
		return this.mongo.find(Query.query(Criteria.where("currency")
			.is(budget.currency())
			.and("periodStart")
			.is(budget.periodStart())
			.and("segment")
			.ne(null)), CreditBudget.class);
	}

	CreditBudget upsert(UpsertCreditBudgetInput input) {
		Validation v = new Validation();
		String currency = v.currency("currency", input.currency());
		Set<String> segments = new HashSet<>(
				this.mongo.findDistinct(new Query(), "segment", Customer.class, String.class));
		Set<String> verticals = new HashSet<>(
				this.mongo.findDistinct(new Query(), "industry", Customer.class, String.class));
		String segment = null;
		if (input.segment() != null && !input.segment().isBlank()) {
			segment = v.code("segment", input.segment());
			if (segment != null && !segments.contains(segment)) {
				v.reject(AllocationErrorCode.UNKNOWN_SEGMENT, "segment", new MessageCatalogue.Quoted(segment));
			}
		}
		if (input.periodStart() == null) {
			v.reject(CommonErrorCode.REQUIRED, "periodStart");
		}
		if (input.periodEnd() == null) {
			v.reject(CommonErrorCode.REQUIRED, "periodEnd");
		}
		if (input.periodStart() != null && input.periodEnd() != null
				&& input.periodEnd().isBefore(input.periodStart())) {
			v.reject(AllocationErrorCode.BUDGET_PERIOD_INVALID, "periodEnd", input.periodStart(), input.periodEnd());
		}
		if (input.basis() == null) {
			v.reject(CommonErrorCode.REQUIRED, "basis");
		}
		BigDecimal total = v.decimal("total", input.total());
		if (total != null && currency != null) {
			if (total.signum() <= 0) {
				v.reject(AllocationErrorCode.BUDGET_NOT_POSITIVE, "total", new Money(total, currency));
				total = null;
			}
			else {
				total = v.amount("total", total, currency);
			}
		}
		BigDecimal customerShare = (input.maxCustomerShare() != null)
				? share(v, "maxCustomerShare", input.maxCustomerShare()) : null;
		List<Rate> segmentShares = rates(v, "segmentShares", input.segmentShares(), segments, false, true);
		List<Rate> verticalShares = rates(v, "verticalShares", input.verticalShares(), verticals, true, true);
		List<Rate> marginRates = rates(v, "marginRates", input.marginRates(), segments, false, false);
		BigDecimal defaultMargin = (input.defaultMarginRate() != null)
				? fraction(v, "defaultMarginRate", input.defaultMarginRate()) : CreditBudget.DEFAULT_MARGIN_RATE;
		BigDecimal lossGivenDefault = (input.lossGivenDefault() != null)
				? fraction(v, "lossGivenDefault", input.lossGivenDefault()) : CreditBudget.DEFAULT_LOSS_GIVEN_DEFAULT;
		String reason = v.freeText("reason", input.reason(), 500);
		v.throwIfInvalid();

		String id = CreditBudget.id(currency, segment, input.periodStart());
		CreditBudget before = this.mongo.findById(id, CreditBudget.class);
		long currentVersion = (before != null) ? before.version() : 0;
		if (VersionedDocuments.isStale(input.expectedVersion(), currentVersion)) {
			throw staleVersion(id, input.expectedVersion(), currentVersion);
		}
		CreditBudget after = new CreditBudget(id, currency, segment, input.periodStart(), input.periodEnd(),
				input.basis(), total, customerShare, segmentShares, verticalShares, marginRates, defaultMargin,
				lossGivenDefault, reason, Actor.current().name(), this.clock.instant(), currentVersion + 1);
		AuditRecord entry = this.audit.entry("CREDIT_BUDGET_UPSERTED", "CREDIT_BUDGET", id, null, reason,
				changes(before, after));
		return this.documents.write(CreditBudget.class, id, currentVersion, after, entry,
				() -> staleVersion(id, currentVersion, currentVersion + 1));
	}

	private static Changes changes(CreditBudget before, CreditBudget after) {
		Changes changes = new Changes();
		if (before == null || before.basis() != after.basis()) {
			changes.set("basis", after.basis());
		}
		if (before == null || before.total().compareTo(after.total()) != 0) {
			changes.set("total", after.totalMoney());
		}
		if (before == null || !String.valueOf(before.periodEnd()).equals(String.valueOf(after.periodEnd()))) {
			changes.set("periodEnd", after.periodEnd());
		}
		changes.set("maxCustomerShare", after.maxCustomerShare())
			.set("segmentShares", after.segmentShares())
			.set("verticalShares", after.verticalShares())
			.set("marginRates", after.marginRates())
			.set("defaultMarginRate", after.defaultMarginRate())
			.set("lossGivenDefault", after.lossGivenDefault());
		return changes;
	}

	private static List<Rate> rates(Validation v, String field, List<RateInput> inputs, Set<String> known,
			boolean vertical, boolean share) {
		List<Rate> rates = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		if (inputs == null) {
			return rates;
		}
		for (int i = 0; i < inputs.size(); i++) {
			RateInput input = inputs.get(i);
			String at = field + "[" + i + "]";
			String code = v.code(at + ".code", input.code());
			BigDecimal value = share ? share(v, at + ".value", input.value())
					: fraction(v, at + ".value", input.value());
			if (code != null && !known.contains(code)) {
				if (vertical) {
					v.reject(AllocationErrorCode.UNKNOWN_SEGMENT.variant("vertical"), at + ".code",
							new MessageCatalogue.Quoted(code));
				}
				else {
					v.reject(AllocationErrorCode.UNKNOWN_SEGMENT, at + ".code", new MessageCatalogue.Quoted(code));
				}
			}
			else if (code != null && !seen.add(code)) {
				v.reject(AllocationErrorCode.INVALID_SHARE.variant("duplicate"), at + ".code",
						new MessageCatalogue.Quoted(code));
			}
			else if (code != null && value != null) {
				rates.add(new Rate(code, value));
			}
		}
		return rates;
	}

	/** A share of the budget: above 0, at most 1. */
	private static BigDecimal share(Validation v, String field, DecimalInput input) {
		BigDecimal value = v.decimal(field, input);
		if (value != null && (value.signum() <= 0 || value.compareTo(BigDecimal.ONE) > 0)) {
			v.reject(AllocationErrorCode.INVALID_SHARE, field, value);
			return null;
		}
		return value;
	}

	/** A rate from 0 to 1. */
	private static BigDecimal fraction(Validation v, String field, DecimalInput input) {
		BigDecimal value = v.decimal(field, input);
		if (value != null && (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0)) {
			v.reject(CommonErrorCode.OUT_OF_RANGE, field, BigDecimal.ZERO, BigDecimal.ONE, value);
			return null;
		}
		return value;
	}

	private static CreditDeskException staleVersion(String id, long expected, long actual) {
		return CreditDeskException.refuse(CommonErrorCode.STALE_VERSION.variant("budget"), "expectedVersion", id,
				actual, expected);
	}

}
