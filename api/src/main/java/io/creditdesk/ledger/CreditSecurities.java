package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

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
import io.creditdesk.infrastructure.MongoIndexes;
import io.creditdesk.security.Roles;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
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
 * A customer's credit securities (guarantees, letters of credit, credit insurance): added
 * and released with their audit records, and followed on the customer's credit group
 * figures when they begin or stop counting (added or released, their first day, the day
 * after their last), once each, a change a stopped request or an absent sweep left behind
 * finished by the sweep of pending changes ({@link #followSecurities()}).
 */
@Service
public class CreditSecurities {

	private static final Logger log = LoggerFactory.getLogger(CreditSecurities.class);

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

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Groups groups;

	/** How long a request may take to follow its change before the sweep does. */
	private final Duration lease;

	CreditSecurities(MongoTemplate mongo, Ledger ledger, AccountContexts contexts, AuditLog audit,
			ApplicationEventPublisher events, Clock clock, MongoIndexes indexes, LedgerProperties properties,
			Groups groups) {
		this.mongo = mongo;
		this.ledger = ledger;
		this.contexts = contexts;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
		this.groups = groups;
		this.lease = properties.pendingLease();
		indexes.declare(CreditSecurity.class, new Index().on("customerId", Sort.Direction.ASC).named("customer"),
				new Index().on(GROUP_DUE_ON, Sort.Direction.ASC).sparse().named("group_due_on"));
		audit.register(CreditSecurity.class);
	}

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
		else if (input.expiresOn() != null && input.expiresOn().isBefore(this.contexts.today())) {
			// Expired already, it would secure nothing: before, it was stored without a
			// word, and the exposure did not move.
			v.reject(CommonErrorCode.INVALID_DATE.variant("expired"), "expiresOn", input.expiresOn(),
					this.contexts.today());
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

	/** Input of {@code releaseCreditSecurity}. */
	public record ReleaseCreditSecurityInput(String securityId, String reason) {
	}

}
