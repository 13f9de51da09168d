package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditOutbox;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.audit.Changes;
import io.creditdesk.common.Actor;
import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.DecimalInput;
import io.creditdesk.common.Money;
import io.creditdesk.common.MoneyInput;
import io.creditdesk.common.UserError;
import io.creditdesk.common.Validation;
import io.creditdesk.common.WorkDeadline;
import io.creditdesk.customer.CustomerCreditChanged;
import io.creditdesk.events.Outbox;
import io.creditdesk.infrastructure.MongoIndexes;
import io.creditdesk.security.Roles;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Exposure as a customer-facing figure (with overdue, secured, available, utilization),
 * securities, group limits, the reconciliation of counters against documents, and the
 * re-evaluation of held orders whenever credit frees up.
 */
@Service
public class CreditAccountService {

	private static final Logger log = LoggerFactory.getLogger(CreditAccountService.class);

	/**
	 * The field of a security stored before its days were followed
	 * ({@link #GROUP_COUNTED}) that says its expiry has been followed by its customer's
	 * group figures.
	 */
	static final String EXPIRY_FOLLOWED = "expiryFollowed";

	/**
	 * How far back the expiry of a security stored before its days were followed (without
	 * {@link #GROUP_COUNTED}) is still followed: whether its group figures counted it
	 * since is not known (the reconciliation may have corrected them), so older ones are
	 * left to the reconciliation. Securities stored since carry what their group counts,
	 * and their days are followed whatever their age.
	 */
	static final int EXPIRY_LOOKBACK_DAYS = 7;

	/**
	 * The field of a security that holds its changes its customer's group figures have
	 * not followed yet ({@code <id>:ADDED}, {@code <id>:ACTIVATED} when it begins to
	 * count, {@code <id>:RELEASED}, {@code <id>:EXPIRED} when it stops counting), written
	 * with the change, and since when ({@link #GROUP_FOLLOWING_AT}).
	 */
	static final String GROUP_FOLLOWING = "groupFollowing";

	static final String GROUP_FOLLOWING_AT = "groupFollowingAt";

	/**
	 * The field of a security that says whether its customer's group figures count it
	 * (once the changes in {@link #GROUP_FOLLOWING} are followed): written when it is
	 * added (whether it counts that day), and changed only together with the change that
	 * moves the group's figures, conditionally on its value as read, so each beginning or
	 * end of its counting is recorded, and followed, once.
	 */
	static final String GROUP_COUNTED = "groupCounted";

	/**
	 * The field of a security that names the next day on which it begins or stops
	 * counting by itself ({@code validFrom}, or the day after {@code expiresOn}), as
	 * {@code yyyy-MM-dd}, while its group figures have not followed that day: the sweep
	 * finds the securities whose day has come through an index holding only these.
	 */
	static final String GROUP_DUE_ON = "groupDueOn";

	private static final String ADDED = "ADDED";

	private static final String RELEASED = "RELEASED";

	private static final String EXPIRED = "EXPIRED";

	private static final String ACTIVATED = "ACTIVATED";

	private final MongoTemplate mongo;

	private final Ledger ledger;

	private final AccountContexts contexts;

	private final OrderWorklist worklist;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final LedgerEvents ledgerEvents;

	private final PendingChanges pending;

	private final Groups groups;

	/**
	 * How long after a write of a customer's invoices or orders a reconciliation does not
	 * correct the counters ({@link #reconcile}): twice the pending-change lease.
	 */
	private final Duration settling;

	private final Duration lease;

	CreditAccountService(MongoTemplate mongo, Ledger ledger, AccountContexts contexts, OrderWorklist worklist,
			AuditLog audit, ApplicationEventPublisher events, Clock clock, MongoIndexes indexes,
			LedgerEvents ledgerEvents, PendingChanges pending, LedgerProperties properties, Groups groups) {
		this.ledgerEvents = ledgerEvents;
		this.groups = groups;
		this.pending = pending;
		this.settling = properties.pendingLease().multipliedBy(2);
		this.lease = properties.pendingLease();
		this.mongo = mongo;
		this.ledger = ledger;
		this.contexts = contexts;
		this.worklist = worklist;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
		indexes.declare(CreditSecurity.class, new Index().on("customerId", Sort.Direction.ASC).named("customer"),
				new Index().on(GROUP_DUE_ON, Sort.Direction.ASC).sparse().named("group_due_on"));
		audit.register(CreditSecurity.class);
	}

	/** A customer's exposure, in its credit currency. */
	public record Exposure(String customerId, Money limit, Money openOrders, Money longDatedOrders,
			Money shippedNotInvoiced, Money receivables, Money overdue, int oldestOverdueDays, Money secured,
			Money gross, Money net, Money availableCredit, double utilization, Money groupLimit, Money groupExposure) {

		public BigDecimal utilizationPercent() {
			return Utilization.percent(this.net.amount(), this.limit.amount());
		}

	}

	public Exposure exposure(String customerId) {
		AccountContexts.Context context = this.contexts.load(customerId, "customerId");
		return exposure(context, groupExposure(context));
	}

	/**
	 * The exposures of {@code customerIds}, in their order (a customer without an account
	 * is absent), from one read of the accounts and one of their overdue invoices.
	 */
	public Map<String, Exposure> exposures(Collection<String> customerIds) {
		Map<String, AccountContexts.Context> contexts = this.contexts
			.loadAll(this.ledger.findAll(customerIds).values());
		Map<String, Exposure> result = new LinkedHashMap<>();
		for (String id : customerIds) {
			AccountContexts.Context context = contexts.get(id);
			if (context != null) {
				result.put(id, exposure(context, groupExposure(context)));
			}
		}
		return result;
	}

	/**
	 * The group's exposure at today's rates for the parent of a group with a limit, else
	 * null (also when a member's currency has no rate).
	 */
	private BigDecimal groupExposure(AccountContexts.Context ctx) {
		return (ctx.account().groupLimit() != null) ? this.groups.exposure(ctx.account(), ctx.today()) : null;
	}

	/**
	 * The figures of one reading of an account (also what an {@code ExposureChanged}
	 * event carries), with {@code group}, the exposure of the group it heads in its
	 * currency (null when none or not asked for).
	 */
	static Exposure exposure(AccountContexts.Context ctx, BigDecimal group) {
		CreditAccount a = ctx.account();
		ExposureCounters c = a.exposure();
		BigDecimal net = ExposureFormula.net(c, ctx.secured());
		BigDecimal secured = c.gross().subtract(net).max(BigDecimal.ZERO);
		BigDecimal limit = a.limitAmount();
		double utilization = (limit.signum() > 0) ? net.doubleValue() / limit.doubleValue()
				: (net.signum() > 0 ? 1.0 : 0.0);
		return new Exposure(a.id(), a.money(limit), a.money(c.openOrders()), a.money(c.longDatedOrders()),
				a.money(c.shippedNotInvoiced()), a.money(c.receivables()), a.money(ctx.overdue().amount()),
				ctx.overdue().oldestDays(), a.money(secured), a.money(c.gross()), a.money(net),
				a.money(limit.subtract(ExposureFormula.checkedNet(c, ctx.secured()))), utilization, a.groupLimit(),
				(a.groupLimit() != null && group != null) ? a.money(group) : null);
	}

	// ---- securities ----

	/** Input of {@code addCreditSecurity}. */
	public record AddCreditSecurityInput(String customerId, CreditSecurity.SecurityType type, String reference,
			MoneyInput amount, DecimalInput coverPercent, LocalDate validFrom, LocalDate expiresOn, String reason) {
	}

	@PreAuthorize(Roles.FINANCE)
	public CreditSecurity addSecurity(AddCreditSecurityInput input) {
		CreditAccount account = this.contexts.account(input.customerId(), "customerId");
		Validation v = new Validation();
		if (input.type() == null) {
			v.reject(CommonErrorCode.REQUIRED, "type");
		}
		String reference = v.required("reference", input.reference(), 100);
		Money amount = (input.amount() != null) ? input.amount().validate(v, "amount") : null;
		if (input.amount() == null) {
			v.reject(CommonErrorCode.REQUIRED.variant("coverAmount"), "amount");
		}
		BigDecimal percent = null;
		if (input.type() == CreditSecurity.SecurityType.CREDIT_INSURANCE) {
			percent = v.percent("coverPercent", input.coverPercent());
			if (percent != null && (percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0)) {
				v.reject(CommonErrorCode.OUT_OF_RANGE.variant("coverPercent"), "coverPercent", percent);
			}
		}
		if (input.expiresOn() != null && input.validFrom() != null && input.expiresOn().isBefore(input.validFrom())) {
			v.reject(CommonErrorCode.INVALID_DATE.variant("expiresBeforeValid"), "expiresOn", input.expiresOn(),
					input.validFrom());
		}
		v.throwIfInvalid();
		CreditSecurity security = new CreditSecurity(new ObjectId().toHexString(), account.id(), input.type(),
				reference, amount, percent, input.validFrom(), input.expiresOn(), Actor.current().name(),
				this.clock.instant(), false);
		AuditRecord added = this.audit.entry("CREDIT_SECURITY_ADDED", "CUSTOMER", account.id(), account.id(),
				input.reason(),
				new Changes().set("security",
						security.type() + " " + reference + " " + amount
								+ ((percent != null) ? " at " + percent.toPlainString() + " %" : "") + " until "
								+ security.expiresOn()));
		LocalDate today = this.contexts.today();
		boolean counts = security.activeOn(today);
		Document document = new Document();
		this.mongo.getConverter().write(security, document);
		// Whether the customer's group figures count it, the next day that changes by
		// itself (one valid from a later day: that day), and, when it counts now, the
		// addition, kept with the security until the group figures have followed it.
		document.append(GROUP_COUNTED, counts)
			.append(GROUP_FOLLOWING, counts ? List.of(security.id() + ":" + ADDED) : List.of())
			.append(GROUP_FOLLOWING_AT, Date.from(this.clock.instant()));
		String due = dueOn(security, counts, today);
		if (due != null) {
			document.append(GROUP_DUE_ON, due);
		}
		this.mongo.insert(AuditOutbox.attach(document, added), this.mongo.getCollectionName(CreditSecurity.class));
		this.audit.settle(CreditSecurity.class, security.id(), added);
		this.contexts.forgetSecurities(account.id());
		if (counts) {
			followSecurity(account, security, ADDED, false);
		}
		this.ledger.positionChanged(account.id());
		this.events.publishEvent(new ExposureChanged(account.id(), "SECURITY_ADDED", true));
		return security;
	}

	@PreAuthorize(Roles.FINANCE)
	public CreditSecurity releaseSecurity(String securityId, String reason) {
		CreditSecurity active = (securityId != null) ? this.mongo.findById(securityId, CreditSecurity.class) : null;
		if (active == null || active.released()) {
			throw CreditDeskException.refuse(LedgerErrorCode.SECURITY_NOT_FOUND, "securityId",
					UserError.quoted(securityId));
		}
		CreditAccount account = this.contexts.account(active.customerId(), "securityId");
		AuditRecord released = this.audit.entry("CREDIT_SECURITY_RELEASED", "CUSTOMER", active.customerId(),
				active.customerId(), reason,
				new Changes().diff("security", active.type() + " " + active.reference(), null));
		// The group figures follow the release when they count the security, as its
		// document says (so a beginning or end of its counting recorded by the sweep is
		// ordered with the release); one stored before that field: as it did then.
		Date now = Date.from(this.clock.instant());
		Update counted = new Update().set("released", true)
			.set(GROUP_COUNTED, false)
			.unset(GROUP_DUE_ON)
			.push(GROUP_FOLLOWING, securityId + ":" + RELEASED)
			.set(GROUP_FOLLOWING_AT, now);
		boolean follow = true;
		boolean legacy = false;
		CreditSecurity security = release(securityId, Criteria.where(GROUP_COUNTED).is(true), counted, released);
		if (security == null) {
			follow = false;
			security = release(securityId, Criteria.where(GROUP_COUNTED).is(false),
					new Update().set("released", true).unset(GROUP_DUE_ON), released);
		}
		if (security == null) {
			follow = true;
			legacy = true;
			security = release(securityId, Criteria.where(GROUP_COUNTED).exists(false),
					new Update().set("released", true)
						.push(GROUP_FOLLOWING, securityId + ":" + RELEASED)
						.set(GROUP_FOLLOWING_AT, now),
					released);
		}
		if (security == null) {
			throw CreditDeskException.refuse(LedgerErrorCode.SECURITY_NOT_FOUND, "securityId",
					UserError.quoted(securityId));
		}
		this.audit.settle(CreditSecurity.class, security.id(), released);
		this.contexts.forgetSecurities(security.customerId());
		if (follow) {
			followSecurity(account, security, RELEASED, legacy);
		}
		this.ledger.positionChanged(security.customerId());
		this.events.publishEvent(new ExposureChanged(security.customerId(), "SECURITY_RELEASED", false));
		return security;
	}

	/**
	 * Releases the unreleased security {@code securityId} if its document also matches
	 * {@code state}, with {@code update} and its audit record.
	 * @return the released security, or null when none matched
	 */
	private CreditSecurity release(String securityId, Criteria state, Update update, AuditRecord record) {
		return this.mongo.findAndModify(
				Query.query(new Criteria().andOperator(Criteria.where("_id").is(securityId).and("released").is(false),
						state)),
				AuditOutbox.push(update, record), FindAndModifyOptions.options().returnNew(true), CreditSecurity.class);
	}

	/**
	 * The next day after {@code today} on which {@code security} begins or stops counting
	 * by itself, given whether it counts today ({@code yyyy-MM-dd}); null when none.
	 */
	static String dueOn(CreditSecurity security, boolean counts, LocalDate today) {
		if (security.released()) {
			return null;
		}
		if (counts) {
			return (security.expiresOn() != null) ? security.expiresOn().plusDays(1).toString() : null;
		}
		return (security.validFrom() != null && security.validFrom().isAfter(today)) ? security.validFrom().toString()
				: null;
	}

	/**
	 * The customer's entry in its group's figures follows the change of its net exposure
	 * that {@code event} of its security made (its net exposure on its counters now, with
	 * and without the security: it began to count when added or on its first day, it
	 * stopped when released or after its last day), once
	 * ({@link GroupMoves#followSecurities}); then the security no longer waits for it.
	 * Not followed now (the store failing, the customer's counters moving under every
	 * attempt), the sweep of pending changes follows it after the lease
	 * ({@link #followSecurities()}).
	 * @param legacy whether the security was stored before its document said whether its
	 * group counts it ({@link #GROUP_COUNTED}): then an addition or release moves its
	 * entry only when it is valid today, as it did then
	 * @return whether it was followed
	 */
	private boolean followSecurity(CreditAccount account, CreditSecurity security, String event, boolean legacy) {
		try {
			LocalDate today = this.contexts.today();
			String key = security.id() + ":" + event;
			boolean done = true;
			if (Groups.rootOf(account) != null || GroupMoves.moving(account)) {
				SecuredTerms without = this.contexts.securedWithout(account, today, security);
				// Each change recorded is of a security its group counts (or counted),
				// by its whole cover, whatever the day it is followed on.
				SecuredTerms with = (!legacy || EXPIRED.equals(event) || security.validOn(today))
						? this.contexts.securedWith(account, today, security) : without;
				boolean begins = ADDED.equals(event) || ACTIVATED.equals(event);
				done = begins ? this.groups.moves().followSecurities(account.id(), without, with, key)
						: this.groups.moves().followSecurities(account.id(), with, without, key);
			}
			if (!done) {
				log.warn(
						"The group of customer {} has not followed {} of security {} yet: its exposure kept "
								+ "moving; the sweep of pending changes follows it",
						account.id(), event, security.id());
				return false;
			}
			Update followed = (legacy && EXPIRED.equals(event)) ? new Update().set(EXPIRY_FOLLOWED, true)
					: new Update().pull(GROUP_FOLLOWING, key);
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(security.id())), followed,
					CreditSecurity.class);
			return true;
		}
		catch (RuntimeException ex) {
			log.warn("The group of customer {} has not followed {} of security {} yet; the sweep of pending "
					+ "changes will: {}", account.id(), event, security.id(), ex.getMessage());
			return false;
		}
	}

	/**
	 * Follows, on their customers' group figures, what a request left behind (securities
	 * added or released longer than the lease ago whose group has not followed them), and
	 * what days alone changed (run with the sweep of pending changes, so within its
	 * interval of the day it changes): a security valid from a later day begins to count
	 * on that day, one stops counting the day after its last; each is recorded on the
	 * security ({@link #GROUP_COUNTED}, conditionally on its value as read) and its
	 * customer's entry moves by what the security covers of its exposure now, once,
	 * however long ago that day was ({@link #GROUP_DUE_ON}: an index holds only the
	 * securities with such a day to come). A security stored before that field is
	 * followed as it was then: its expiry within {@value #EXPIRY_LOOKBACK_DAYS} days.
	 * @return how many changes of securities were followed
	 */
	int followSecurities() {
		int followed = 0;
		Query left = Query.query(Criteria.where(GROUP_FOLLOWING + ".0")
			.exists(true)
			.and(GROUP_FOLLOWING_AT)
			.lt(Date.from(this.clock.instant().minus(this.lease))));
		for (Document stored : this.mongo.find(left.limit(10_000), Document.class,
				this.mongo.getCollectionName(CreditSecurity.class))) {
			CreditSecurity security = this.mongo.getConverter().read(CreditSecurity.class, stored);
			CreditAccount account = this.ledger.find(security.customerId()).orElse(null);
			boolean legacy = !stored.containsKey(GROUP_COUNTED);
			for (String key : stored.getList(GROUP_FOLLOWING, String.class)) {
				if (account != null && followSecurity(account, security, key.substring(key.indexOf(':') + 1), legacy)) {
					followed++;
				}
			}
		}
		LocalDate today = this.contexts.today();
		followed += followDays(today);
		Query expired = Query.query(Criteria.where("released")
			.is(false)
			.and("expiresOn")
			.lt(today)
			.gte(today.minusDays(EXPIRY_LOOKBACK_DAYS))
			.and(EXPIRY_FOLLOWED)
			.ne(true)
			.and(GROUP_COUNTED)
			.exists(false));
		for (CreditSecurity security : this.mongo.find(expired.limit(10_000), CreditSecurity.class)) {
			CreditAccount account = this.ledger.find(security.customerId()).orElse(null);
			if (account != null && followSecurity(account, security, EXPIRED, true)) {
				followed++;
			}
		}
		return followed;
	}

	/**
	 * Records, on each security whose day has come ({@link #GROUP_DUE_ON} today or
	 * before), that it began or stopped counting, with the next such day, by one update
	 * conditional on the document as read (a release or another sweep meanwhile: this one
	 * changes nothing), then follows it on its customer's group figures. One that began
	 * and stopped counting since it was last followed (the sweep not running for those
	 * days) moves nothing.
	 * @return how many changes were followed
	 */
	private int followDays(LocalDate today) {
		int followed = 0;
		Query due = Query.query(Criteria.where(GROUP_DUE_ON).lte(today.toString()));
		for (Document stored : this.mongo.find(due.limit(10_000), Document.class,
				this.mongo.getCollectionName(CreditSecurity.class))) {
			CreditSecurity security = this.mongo.getConverter().read(CreditSecurity.class, stored);
			if (!(stored.get(GROUP_COUNTED) instanceof Boolean was)) {
				continue;
			}
			boolean counts = security.activeOn(today);
			String next = dueOn(security, counts, today);
			String event = (was == counts) ? null : (counts ? ACTIVATED : EXPIRED);
			Update update = (next != null) ? new Update().set(GROUP_DUE_ON, next) : new Update().unset(GROUP_DUE_ON);
			if (event != null) {
				update.set(GROUP_COUNTED, counts)
					.push(GROUP_FOLLOWING, security.id() + ":" + event)
					.set(GROUP_FOLLOWING_AT, Date.from(this.clock.instant()));
			}
			Query same = Query.query(Criteria.where("_id")
				.is(security.id())
				.and("released")
				.is(security.released())
				.and(GROUP_COUNTED)
				.is(was)
				.and(GROUP_DUE_ON)
				.is(stored.get(GROUP_DUE_ON)));
			if (this.mongo.updateFirst(same, update, CreditSecurity.class).getModifiedCount() != 1 || event == null) {
				continue;
			}
			this.contexts.forgetSecurities(security.customerId());
			CreditAccount account = this.ledger.find(security.customerId()).orElse(null);
			if (account != null && followSecurity(account, security, event, false)) {
				followed++;
			}
			// Its customer's position changed without its counters moving, as when a
			// security is added or released.
			this.ledger.positionChanged(security.customerId());
			this.events.publishEvent(new ExposureChanged(security.customerId(), "SECURITY_" + event, counts));
		}
		return followed;
	}

	/**
	 * The changes of a customer's securities ({@code stored}, their documents) that its
	 * group figures have not followed yet although its net exposure read from them shows
	 * them: those recorded and not followed ({@link #GROUP_FOLLOWING}), the days come but
	 * not recorded yet ({@link #GROUP_DUE_ON}), and the expiries of securities stored
	 * before that the sweep has still to follow. A move of the customer's net exposure
	 * into a group records them as followed with it.
	 */
	static List<String> unfollowed(List<Document> stored, List<CreditSecurity> securities, LocalDate today) {
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < stored.size(); i++) {
			Document document = stored.get(i);
			CreditSecurity security = securities.get(i);
			List<?> following = document.getList(GROUP_FOLLOWING, Object.class);
			if (following != null) {
				following.forEach(key -> keys.add(key.toString()));
			}
			Object due = document.get(GROUP_DUE_ON);
			if (due != null && due.toString().compareTo(today.toString()) <= 0
					&& document.get(GROUP_COUNTED) instanceof Boolean was && was != security.activeOn(today)) {
				keys.add(security.id() + ":" + (was ? EXPIRED : ACTIVATED));
			}
			// One stored before: its expiry as the sweep follows it.
			if (!document.containsKey(GROUP_COUNTED) && !security.released() && security.expiresOn() != null
					&& security.expiresOn().isBefore(today)
					&& !security.expiresOn().isBefore(today.minusDays(EXPIRY_LOOKBACK_DAYS))
					&& !Boolean.TRUE.equals(document.get(EXPIRY_FOLLOWED))) {
				keys.add(security.id() + ":" + EXPIRED);
			}
		}
		return keys;
	}

	/**
	 * Records on the unreleased securities stored before their documents said whether
	 * their group counts them ({@link #GROUP_COUNTED}) what is certain of them, so that
	 * their days are followed from then on whatever their age: one valid from a later day
	 * is not counted (its addition moved nothing); one valid today, valid already when it
	 * was added and whose expiry was not followed is counted. The others (one that began
	 * to count after it was added, or expired longer ago than
	 * {@value #EXPIRY_LOOKBACK_DAYS} days, before this release: whether the
	 * reconciliation corrected its group since is not known), and one with a change not
	 * followed yet, are followed as before. Run at start; each update is conditional on
	 * the document still being as read, so instances starting together record each once.
	 * @return how many securities were recorded
	 */
	int recordGroupCounting() {
		LocalDate today = this.contexts.today();
		Criteria legacy = Criteria.where(GROUP_COUNTED)
			.exists(false)
			.and("released")
			.is(false)
			.and(GROUP_FOLLOWING + ".0")
			.exists(false);
		int recorded = 0;
		for (Document stored : this.mongo.find(Query.query(legacy), Document.class,
				this.mongo.getCollectionName(CreditSecurity.class))) {
			CreditSecurity security = this.mongo.getConverter().read(CreditSecurity.class, stored);
			Boolean counts = null;
			if (security.validFrom() != null && security.validFrom().isAfter(today)) {
				counts = false;
			}
			else if (security.activeOn(today) && !Boolean.TRUE.equals(stored.get(EXPIRY_FOLLOWED))
					&& (security.validFrom() == null || (security.addedAt() != null && !security.validFrom()
						.isAfter(LocalDate.ofInstant(security.addedAt(), ZoneOffset.UTC))))) {
				counts = true;
			}
			if (counts == null) {
				continue;
			}
			Update update = new Update().set(GROUP_COUNTED, counts);
			String due = dueOn(security, counts, today);
			if (due != null) {
				update.set(GROUP_DUE_ON, due);
			}
			Query same = Query.query(new Criteria().andOperator(Criteria.where("_id").is(security.id()), legacy));
			if (this.mongo.updateFirst(same, update, CreditSecurity.class).getModifiedCount() == 1) {
				recorded++;
			}
		}
		return recorded;
	}

	public List<CreditSecurity> securities(String customerId) {
		return this.mongo.find(Query.query(Criteria.where("customerId").is(customerId)).with(Sort.by("addedAt")),
				CreditSecurity.class);
	}

	// ---- credit groups ----

	/** Input of {@code setGroupCreditLimit}. */
	/** Input of {@code releaseCreditSecurity}. */
	public record ReleaseCreditSecurityInput(String securityId, String reason) {
	}

	/**
	 * Input of {@code reconcileExposure}: with {@code fix}, the counters are corrected to
	 * the recomputed values.
	 */
	public record ReconcileExposureInput(String customerId, Boolean fix) {
	}

	public record SetGroupCreditLimitInput(String parentId, DecimalInput amount, String reason) {
	}

	/**
	 * Sets the limit of the credit group headed by {@code parentId} (in the parent's
	 * credit currency) and recomputes the group's exposure from its members.
	 */
	@PreAuthorize(Roles.SET_LIMITS)
	public Exposure setGroupLimit(SetGroupCreditLimitInput input) {
		CreditAccount parent = this.contexts.account(input.parentId(), "parentId");
		Validation v = new Validation();
		Money amount = v.money("amount", input.amount(), parent.creditCurrency());
		String reason = v.required("reason", input.reason(), 500);
		if (parent.parentId() != null) {
			v.reject(LedgerErrorCode.NOT_A_GROUP_PARENT, "parentId", parent.id(), parent.parentId());
		}
		v.throwIfInvalid();
		AuditRecord entry = this.audit.entry("GROUP_LIMIT_SET", "CUSTOMER", parent.id(), parent.id(), reason,
				new Changes().diff("groupLimit", parent.groupLimit(), amount));
		Update setLimit = Outbox.push(new Update().set("groupLimit", amount), this.ledgerEvents
			.groupLimitChanged(parent, parent.groupLimit(), amount, reason, Actor.current().name()));
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(parent.id())),
				AuditOutbox.push(Outbox.exposureMoved(setLimit, this.clock.instant()), entry), CreditAccount.class,
				CreditAccount.COLLECTION);
		this.audit.settle(CreditAccount.class, parent.id(), entry);
		// The group's figures recomputed from its members, in case they missed something
		// (a member that joined with exposure); conditional on nothing moving meanwhile.
		GroupDrift group = groupDrift(this.contexts.account(parent.id(), "parentId"));
		if (group != null && group.drifted()
				&& (groupInFlight(group) || !fixGroup(group, "Group exposure recomputed with the group limit"))) {
			log.info("Group exposure of {} not recomputed now: a member's change was in flight; "
					+ "the reconciliation corrects it", parent.id());
		}
		this.events.publishEvent(new ExposureChanged(parent.id(), "GROUP_LIMIT_SET", true));
		return exposure(parent.id());
	}

	/**
	 * The group headed by {@code parent} as its figures hold it and as its members' net
	 * exposures are now (the parent's own when it has a group limit), in the parent's
	 * currency at today's rates and per member in its own currency; null when the
	 * customer heads no group.
	 */
	GroupDrift groupDrift(CreditAccount parent) {
		if (parent.parentId() != null) {
			return null;
		}
		List<CreditAccount> members = this.mongo.find(Query.query(Criteria.where("parentId").is(parent.id())),
				CreditAccount.class, CreditAccount.COLLECTION);
		if (members.isEmpty() && parent.groupLimit() == null && parent.groupExposure() == null) {
			return null;
		}
		List<CreditAccount> counted = new ArrayList<>(members);
		if (parent.groupLimit() != null) {
			counted.add(parent);
		}
		LocalDate today = this.contexts.today();
		String currency = parent.creditCurrency();
		Map<String, CreditAccount.MemberExposure> expected = new LinkedHashMap<>();
		for (CreditAccount member : counted) {
			expected.put(member.id(), new CreditAccount.MemberExposure(member.creditCurrency(),
					ExposureFormula.net(member.exposure(), this.contexts.secured(member, today))));
		}
		Map<String, CreditAccount.MemberExposure> stored = parent.groupMembers();
		List<GroupMemberDrift> drifts = new ArrayList<>();
		BigDecimal storedTotal = parent.legacyGroupNet();
		BigDecimal expectedTotal = BigDecimal.ZERO;
		Set<String> ids = new LinkedHashSet<>(expected.keySet());
		ids.addAll(stored.keySet());
		for (String id : ids) {
			CreditAccount.MemberExposure want = expected.get(id);
			CreditAccount.MemberExposure have = stored.get(id);
			String memberCurrency = (want != null) ? want.currency()
					: Objects.requireNonNullElse(have.currency(), currency);
			BigDecimal wanted = (want != null) ? want.net() : BigDecimal.ZERO;
			BigDecimal held = (have != null && have.net() != null && memberCurrency.equals(have.currency()))
					? have.net() : BigDecimal.ZERO;
			storedTotal = storedTotal.add(converted(have, currency, today));
			expectedTotal = expectedTotal.add(converted(want, currency, today));
			boolean otherCurrency = have != null && have.net() != null && have.net().signum() != 0
					&& !memberCurrency.equals(have.currency());
			if (held.compareTo(wanted) != 0 || otherCurrency) {
				drifts.add(new GroupMemberDrift(id, (have != null) ? new Money(nz(have.net()), have.currency()) : null,
						new Money(wanted, memberCurrency), new Money(held.subtract(wanted), memberCurrency)));
			}
		}
		boolean drifted = !drifts.isEmpty() || parent.legacyGroupNet().signum() != 0;
		return new GroupDrift(parent.id(), currency, parent.money(storedTotal), parent.money(expectedTotal),
				parent.money(storedTotal.subtract(expectedTotal)), drifts, drifted, expected, parent.groupSeq(),
				counted.stream().map(CreditAccount::id).toList());
	}

	private BigDecimal converted(CreditAccount.MemberExposure entry, String currency, LocalDate today) {
		if (entry == null || entry.net() == null || entry.net().signum() == 0) {
			return BigDecimal.ZERO;
		}
		return entry.net()
			.multiply(this.groups.rate(Objects.requireNonNullElse(entry.currency(), currency), currency, today));
	}

	private static BigDecimal nz(BigDecimal value) {
		return (value != null) ? value : BigDecimal.ZERO;
	}

	/**
	 * Replaces the group's figures with the members' net exposures now, with its audit
	 * record, if they did not move since {@code group} was read and no member's change is
	 * in flight; false otherwise.
	 */
	private boolean fixGroup(GroupDrift group, String why) {
		AuditRecord entry = this.audit.entry("GROUP_EXPOSURE_RECONCILED", "CUSTOMER", group.parentId(),
				group.parentId(), why, new Changes().diff("groupExposure", group.stored(), group.expected()));
		if (!this.ledger.replaceGroup(group.parentId(), group.seq(), group.recomputed(), entry)) {
			return false;
		}
		this.audit.settle(CreditAccount.class, group.parentId(), entry);
		this.events.publishEvent(new ExposureChanged(group.parentId(), "GROUP_EXPOSURE_RECONCILED", true));
		return true;
	}

	// ---- reconciliation ----

	/** One counter as stored and as recomputed from the documents. */
	public record CounterDrift(String counter, BigDecimal stored, BigDecimal expected, BigDecimal drift) {
	}

	/**
	 * The outcome of a reconciliation: {@code fixDeferred} when a correction was asked
	 * for but the customer's invoices or orders were written too recently to correct now.
	 */
	public record Reconciliation(String customerId, List<CounterDrift> counters, GroupDrift group, boolean drifted,
			boolean fixed, boolean fixDeferred) {
	}

	/**
	 * The credit group a customer heads, as its figures hold it ({@code stored}) and as
	 * its members' net exposures are now ({@code expected}), in the parent's currency at
	 * today's rates; {@code members}: each member whose entry differs, in its own
	 * currency.
	 */
	public record GroupDrift(String parentId, String currency, Money stored, Money expected, Money drift,
			List<GroupMemberDrift> members, boolean drifted, Map<String, CreditAccount.MemberExposure> recomputed,
			long seq, List<String> counted) {
	}

	/**
	 * A member's entry of its group's exposure as held and as it is now, in its currency.
	 */
	public record GroupMemberDrift(String customerId, Money stored, Money expected, Money drift) {
	}

	@PreAuthorize(Roles.FINANCE)
	public Reconciliation reconcile(String customerId, boolean fix) {
		CreditAccount account = this.contexts.account(customerId, "customerId");
		if (!account.pendingChanges().isEmpty()) {
			// Changes whose write landed (or never will) are settled (or undone) first.
			this.pending.resolveSettled(account);
			account = this.contexts.account(customerId, "customerId");
		}
		ExposureCounters expected = recompute(customerId);
		for (PendingChange change : account.pendingChanges()) {
			// Still in flight: a raise is counted before its order says so, a decrease
			// after.
			if (change.applied()) {
				expected = expected.plus(change.deltas());
			}
		}
		ExposureCounters stored = account.exposure();
		List<CounterDrift> counters = List.of(drift("openOrders", stored.openOrders(), expected.openOrders()),
				drift("longDatedOrders", stored.longDatedOrders(), expected.longDatedOrders()),
				drift("shippedNotInvoiced", stored.shippedNotInvoiced(), expected.shippedNotInvoiced()),
				drift("receivables", stored.receivables(), expected.receivables()));
		boolean drifted = counters.stream().anyMatch(c -> c.drift().signum() != 0);
		boolean fixed = false;
		boolean deferred = false;
		if (drifted) {
			log.warn("Exposure drift on customer {}: {}", customerId, counters);
			if (fix && recentlyWritten(customerId)) {
				// A payment, an invoice or an invoiced order moves the counters just
				// after its document: a correction taken in between would count that
				// write twice (the documents already show it, its own change of the
				// counters follows).
				deferred = true;
				log.info("Exposure of customer {} not corrected now: its invoices or orders changed within {}",
						customerId, this.settling);
			}
			else if (fix) {
				AuditRecord entry = this.audit.entry("EXPOSURE_RECONCILED", "CUSTOMER", customerId, customerId,
						"Counters recomputed from documents", new Changes().diff("exposure", stored, expected));
				fixed = this.ledger.replaceCounters(customerId, stored, expected, entry);
				if (fixed) {
					this.audit.settle(CreditAccount.class, customerId, entry);
					// The customer's group follows the corrected net exposure, as it
					// follows any change of it.
					if (Groups.rootOf(account) != null) {
						this.groups.follow(new Ledger.Change(account, account.withExposure(expected)),
								this.contexts.secured(account, this.contexts.today()));
					}
					this.events.publishEvent(new ExposureChanged(customerId, "EXPOSURE_RECONCILED", true));
				}
			}
		}
		boolean countersFixed = !drifted || fixed;
		GroupDrift group = groupDrift(this.contexts.account(customerId, "customerId"));
		boolean groupFixed = true;
		if (group != null && group.drifted()) {
			log.warn("Group exposure drift on parent {}: {} held, {} now ({} at today's rates); members {}", customerId,
					group.stored(), group.expected(), group.currency(), group.members());
			groupFixed = false;
			if (fix && groupInFlight(group)) {
				// A member's change moves the member first and its group just after: a
				// correction taken in between would count it twice, or not at all.
				deferred = true;
				log.info("Group exposure of {} not corrected now: a member's change may still be in flight",
						customerId);
			}
			else if (fix) {
				groupFixed = fixGroup(group, "Group exposure recomputed from its members");
				deferred |= !groupFixed;
			}
		}
		boolean anyDrift = drifted || (group != null && group.drifted());
		return new Reconciliation(customerId, counters, group, anyDrift, anyDrift && countersFixed && groupFixed,
				deferred);
	}

	/**
	 * Whether a change of a group member may be between the member's document and the
	 * group's: a member's change pending, the group's part of one pending, a member
	 * joining or leaving whose exposure has not moved yet, or an order or invoice of a
	 * member written within {@link #settling}.
	 */
	private boolean groupInFlight(GroupDrift group) {
		if (this.ledger.groupMarks(group.parentId()) > 0) {
			return true;
		}
		// A member joining or leaving whose exposure has not moved yet (GroupMoves).
		Query moving = Query
			.query(new Criteria().orOperator(Criteria.where(GroupMoves.CHANGES + ".to").is(group.parentId()),
					Criteria.where(GroupMoves.CHANGES + ".from").is(group.parentId()),
					Criteria.where(GroupMoves.MOVE + ".to").is(group.parentId()),
					Criteria.where(GroupMoves.MOVE + ".from").is(group.parentId()),
					Criteria.where("_id").in(group.counted()).and(GroupMoves.CHANGES + ".0").exists(true)));
		if (this.mongo.exists(moving, CreditAccount.class, CreditAccount.COLLECTION)) {
			return true;
		}
		Date since = Date.from(this.clock.instant().minus(this.settling));
		Query pendingMembers = Query
			.query(Criteria.where("_id").in(group.counted()).and(Ledger.PENDING + ".0").exists(true));
		Query invoices = Query.query(Criteria.where("customerId")
			.in(group.counted())
			.orOperator(Criteria.where("issuedAt").gte(since), Criteria.where("applications.at").gte(since)));
		Query orders = Query.query(Criteria.where("customerId").in(group.counted()).and("updatedAt").gte(since));
		return this.mongo.exists(pendingMembers, CreditAccount.class, CreditAccount.COLLECTION)
				|| this.mongo.exists(invoices, Invoice.class) || this.mongo.exists(orders, Order.class);
	}

	/**
	 * Whether an invoice of the customer was issued or settled, or an invoiced order
	 * changed (issuing an invoice raises its order's invoiced part first), within
	 * {@link #settling}. Orders otherwise move the counters through pending changes,
	 * which the reconciliation already accounts for.
	 */
	private boolean recentlyWritten(String customerId) {
		Date since = Date.from(this.clock.instant().minus(this.settling));
		Query invoices = Query.query(Criteria.where("customerId")
			.is(customerId)
			.orOperator(Criteria.where("issuedAt").gte(since), Criteria.where("applications.at").gte(since)));
		Query orders = Query.query(Criteria.where("customerId")
			.is(customerId)
			.and("updatedAt")
			.gte(since)
			.and("invoicedCredit")
			.gt(BigDecimal.ZERO));
		return this.mongo.exists(invoices, Invoice.class) || this.mongo.exists(orders, Order.class);
	}

	/** The counters as the documents say they should be. */
	ExposureCounters recompute(String customerId) {
		BigDecimal open = BigDecimal.ZERO;
		BigDecimal longDated = BigDecimal.ZERO;
		BigDecimal shipped = BigDecimal.ZERO;
		// Streamed, with a deadline checkpoint per document: a customer may have many
		// thousands, and a
		// request that asked for this stops when its time is up (a job has no deadline).
		try (Stream<Order> orders = this.mongo.stream(Query.query(Criteria.where("customerId")
			.is(customerId)
			.and("status")
			.in(OrderStatus.OPEN, OrderStatus.SHIPPED, OrderStatus.CANCELLED)), Order.class)) {
			for (Iterator<Order> each = orders.iterator(); each.hasNext();) {
				WorkDeadline.checkpoint();
				Order order = each.next();
				open = open.add(order.openCredit());
				if (order.longDated()) {
					longDated = longDated.add(order.openCredit());
				}
				shipped = shipped.add(order.shippedNotInvoicedCredit());
			}
		}
		BigDecimal receivables = BigDecimal.ZERO;
		try (Stream<Invoice> invoices = this.mongo.stream(
				Query.query(Criteria.where("customerId").is(customerId).and("status").is(InvoiceStatus.OPEN)),
				Invoice.class)) {
			for (Iterator<Invoice> each = invoices.iterator(); each.hasNext();) {
				WorkDeadline.checkpoint();
				receivables = receivables.add(each.next().openCredit());
			}
		}
		return new ExposureCounters(open, longDated, shipped, receivables);
	}

	private static CounterDrift drift(String name, BigDecimal stored, BigDecimal expected) {
		return new CounterDrift(name, stored, expected, stored.subtract(expected));
	}

	// ---- re-evaluation of held orders ----

	@EventListener
	void onExposureChanged(ExposureChanged event) {
		if (event.freedCredit()) {
			reevaluate(event.customerId());
		}
	}

	@EventListener
	void onCustomerCreditChanged(CustomerCreditChanged event) {
		reevaluate(event.customerId());
	}

	private void reevaluate(String customerId) {
		try {
			int released = this.worklist.reevaluate(customerId);
			if (released > 0) {
				log.info("Released {} held order(s) of customer {} after credit became available", released,
						customerId);
			}
		}
		catch (RuntimeException ex) {
			// The change that freed credit stands; the held orders wait for the next
			// chance or Finance.
			log.warn("Re-evaluating held orders of customer {} failed: {}", customerId, ex.getMessage());
		}
	}

}
