package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditOutbox;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.audit.Changes;
import io.creditdesk.common.Actor;
import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.Connection;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.Money;
import io.creditdesk.common.UserError;
import io.creditdesk.common.Validation;
import io.creditdesk.fx.Conversion;
import io.creditdesk.fx.FxRateService;
import io.creditdesk.infrastructure.MongoIndexes;
import io.creditdesk.ledger.AccountContexts.Context;
import io.creditdesk.ledger.Invoice.Application;
import io.creditdesk.ledger.Invoice.ApplicationType;
import io.creditdesk.ledger.InvoiceInputs.IssueCreditNoteInput;
import io.creditdesk.ledger.InvoiceInputs.IssueInvoiceInput;
import io.creditdesk.ledger.InvoiceInputs.RecordPaymentInput;
import io.creditdesk.ledger.InvoiceInputs.WriteOffInput;
import io.creditdesk.policy.PaymentTerms;
import io.creditdesk.security.Roles;
import org.bson.Document;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
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
 * Invoices and what settles them. An invoice from a shipped order moves value from
 * shipped-not- invoiced to receivables; a standalone invoice raises exposure and so goes
 * through the credit check (an approver may override the limit, with a reason). Payments,
 * discounts, credit notes and write-offs lower receivables; each is applied once,
 * atomically with its id, and never below zero.
 */
@Service
public class InvoiceService {

	static final String INVOICES = "invoices";

	private final MongoTemplate mongo;

	private final Ledger ledger;

	private final Groups groups;

	private final PendingChanges pending;

	private final AccountContexts contexts;

	private final OrderStore orders;

	private final FxRateService fx;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final LedgerDates dates;

	InvoiceService(MongoTemplate mongo, Ledger ledger, Groups groups, PendingChanges pending, AccountContexts contexts,
			OrderStore orders, FxRateService fx, AuditLog audit, ApplicationEventPublisher events, Clock clock,
			MongoIndexes indexes, LedgerDates dates) {
		this.dates = dates;
		this.mongo = mongo;
		this.ledger = ledger;
		this.groups = groups;
		this.pending = pending;
		this.contexts = contexts;
		this.orders = orders;
		this.fx = fx;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
		indexes.declare(Invoice.class,
				new Index().on("customerId", Sort.Direction.ASC)
					.on("status", Sort.Direction.ASC)
					.on("dueDate", Sort.Direction.ASC)
					.named("customer_status_due"),
				new Index().on("customerId", Sort.Direction.ASC)
					.on("invoiceDate", Sort.Direction.ASC)
					.named("customer_date"));
		audit.register(Invoice.class);
	}

	/**
	 * A settlement applied to an invoice, with what could not be applied (the invoice was
	 * already settled).
	 */
	public record Settlement(Invoice invoice, Money applied, Money discount, Money unapplied) {
	}

	public Optional<Invoice> find(String invoiceId) {
		return Optional.ofNullable(this.mongo.findById(invoiceId, Invoice.class));
	}

	/** A customer's invoices, newest first, optionally of one status. */
	Connection<Invoice> ofCustomer(String customerId, InvoiceStatus status, Integer first, String after) {
		Criteria criteria = Criteria.where("customerId").is(customerId);
		if (status != null) {
			criteria = criteria.and("status").is(status);
		}
		return NewestFirst.page(this.mongo, criteria, "issuedAt", first, after, Invoice.class, Invoice::issuedAt,
				Invoice::id);
	}

	@PreAuthorize(Roles.BILLING)
	public Invoice issue(IssueInvoiceInput input) {
		Validation v = new Validation();
		String invoiceId = v.id("invoiceId", input.invoiceId(), 128);
		v.id("customerId", input.customerId(), 64);
		String currency = v.currency("currency", input.currency());
		Money amount = v.money("amount", input.amount(), currency);
		if (amount != null && amount.amount().signum() == 0) {
			v.reject(CommonErrorCode.AMOUNT_NOT_POSITIVE, "amount");
		}
		v.throwIfInvalid();
		LocalDate invoiceDate = (input.invoiceDate() != null) ? input.invoiceDate() : this.contexts.today();
		String fingerprint = input.customerId().trim() + "|" + input.orderId() + "|"
				+ amount.amount().stripTrailingZeros().toPlainString() + "|" + currency + "|" + invoiceDate;
		Invoice existing = this.mongo.findById(invoiceId, Invoice.class);
		if (existing != null) {
			return replay(existing, fingerprint);
		}
		Context ctx = this.contexts.load(input.customerId(), "customerId");
		CreditAccount account = ctx.account();
		PaymentTerms terms = ctx.policy().paymentTerms();
		Conversion conversion;
		Order order = null;
		if (input.orderId() != null && !input.orderId().isBlank()) {
			order = this.orders.require(input.orderId());
			if (!order.customerId().equals(account.id())) {
				throw CreditDeskException.refuse(LedgerErrorCode.ORDER_OF_ANOTHER_CUSTOMER, "orderId", order.id(),
						order.customerId(), account.id());
			}
			if (!order.amount().currency().equals(currency)) {
				throw CreditDeskException.refuse(CommonErrorCode.CURRENCY_MISMATCH.variant("order"), "currency",
						order.id(), order.amount().currency());
			}
			// A part converted at the order's rate; the invoice that completes the
			// shipped part in the order's currency takes the exact rest (OrderRests).
			// An earlier attempt of this invoice may have raised the order's invoiced
			// part and not stored the invoice: it is taken back below, and the order
			// checked again.
			BigDecimal credit = this.orders.invoicedBy(order.id(), invoiceId)
					? OrderRests.atOrderRate(order, amount.amount()) : OrderRests.invoice(order, amount);
			conversion = new Conversion(amount, new Money(credit, account.creditCurrency()), order.fxRate(),
					order.fxRateDate());
		}
		else {
			conversion = this.fx.convert(amount, account.creditCurrency(), invoiceDate, "currency");
		}
		this.dates.checkInvoice(account.id(), invoiceDate, order);
		BigDecimal credit = conversion.converted().amount();
		// A standalone invoice's reservation is marked pending for the invoice id until
		// the invoice is stored, as an order's is (see PendingChange); so is the move of
		// an order's shipped part into receivables, which also raises the order's
		// invoiced part before the invoice is stored (a compensation takes it back).
		try (LedgerWrite write = this.pending.begin(INVOICES, invoiceId, null)) {
			String overrideReason = (order == null) ? checkStandalone(ctx, credit, input, write) : null;
			Ledger.Change shipped = null;
			if (order != null) {
				// Marked first: an earlier attempt of this invoice is resolved before the
				// order is read again (its invoicing taken back unless it was stored).
				shipped = write.mark(account.id(), Deltas.invoiceShipped(credit), true);
				Order current = this.orders.require(order.id());
				if (this.orders.invoicedBy(current.id(), invoiceId)) {
					Invoice stored = this.mongo.findById(invoiceId, Invoice.class);
					if (stored != null) {
						write.undo();
						return replay(stored, fingerprint);
					}
				}
				// Taken again from the order as it is now: another invoice may have
				// invoiced some meanwhile.
				if (OrderRests.invoice(current, amount).compareTo(credit) != 0
						|| this.orders.invoice(current, invoiceId, credit, amount.amount()).isEmpty()) {
					throw CreditDeskException.refuse(CommonErrorCode.CONCURRENT_MODIFICATION.variant("order"),
							"orderId", order.id());
				}
			}
			Invoice invoice = new Invoice(invoiceId, account.id(), (order != null) ? order.id() : null, amount,
					conversion.converted(), conversion.rate(), conversion.rateDate(), invoiceDate,
					terms.dueDate(invoiceDate), terms.discountDate(invoiceDate),
					terms.hasDiscount() ? terms.discountPercent() : null, amount.amount(), credit, InvoiceStatus.OPEN,
					List.of(), null, Actor.current().name(), this.clock.instant(), fingerprint, overrideReason, 0L);
			AuditRecord issued = this.audit.entry("INVOICE_ISSUED", "INVOICE", invoiceId, account.id(), overrideReason,
					new Changes().set("amount", amount)
						.set("dueDate", invoice.dueDate())
						.set("orderId", invoice.orderId()));
			Document document = new Document();
			this.mongo.getConverter().write(invoice, document);
			write.carry(AuditOutbox.attach(document, issued));
			try {
				write.write(() -> this.mongo.insert(document, INVOICES));
			}
			catch (DuplicateKeyException ex) {
				// Another invoice has this id: ours is undone (the order's invoicing
				// with it).
				write.undo();
				return replay(this.mongo.findById(invoiceId, Invoice.class), fingerprint);
			}
			this.audit.settle(Invoice.class, invoiceId, issued);
			if (shipped != null) {
				followGroup(shipped, ctx.secured());
			}
			this.events.publishEvent(new ExposureChanged(account.id(), "INVOICE_ISSUED", false));
			return invoice;
		}
	}

	/**
	 * A standalone invoice raises receivables: it must pass the credit check and reserve
	 * atomically, or an approver overrides the limit (never the hard cap, never a blocked
	 * customer) with a reason. Returns the override reason, if any.
	 */
	private String checkStandalone(Context ctx, BigDecimal credit, IssueInvoiceInput input, LedgerWrite write) {
		CreditAccount account = ctx.account();
		CreditCheck.Verdict verdict = CreditCheck.evaluate(account, ctx.policy(), ctx.secured(), ctx.overdue(), credit,
				credit, ctx.hardCap(), ctx.today());
		boolean override = Boolean.TRUE.equals(input.overrideCredit());
		if (override) {
			if (!Actor.current()
				.roles()
				.stream()
				.anyMatch(r -> List.of("CREDIT_MANAGER", "CFO", "ADMIN").contains(r))) {
				throw CreditDeskException.refuse(LedgerErrorCode.OVERRIDE_NOT_ALLOWED, "overrideCredit");
			}
			if (input.reason() == null || input.reason().isBlank()) {
				throw CreditDeskException.refuse(CommonErrorCode.REQUIRED.variant("overrideReason"), "reason");
			}
		}
		if (verdict.status() == DecisionStatus.REJECTED
				|| (verdict.status() == DecisionStatus.PENDING_APPROVAL && !override)) {
			throw CreditDeskException.refuse(
					LedgerErrorCode.CREDIT_CHECK_NOT_PASSED
						.variant((verdict.status() == DecisionStatus.REJECTED) ? "rejected" : "held"),
					"amount", verdict.reasons());
		}
		BigDecimal ceiling = override ? ((ctx.hardCap() != null) ? ctx.hardCap().amount() : null)
				: account.limitAmount();
		Optional<Ledger.Change> change = write.reserve(account.id(), Deltas.receivable(credit), credit, ctx.secured(),
				ceiling);
		if (change.isEmpty() && this.pending.clear(this.contexts.account(account.id(), "customerId"), write.key())) {
			// A first attempt of the same invoice was still pending: resolved, so
			// reserved on what is left now.
			change = write.reserve(account.id(), Deltas.receivable(credit), credit, ctx.secured(), ceiling);
		}
		if (change.isEmpty()) {
			throw override
					? CreditDeskException.refuse(LedgerErrorCode.CREDIT_CHECK_NOT_PASSED.variant("hardCap"), "amount",
							new Money(credit, account.creditCurrency()))
					: CreditDeskException.refuse(LedgerErrorCode.CREDIT_CHECK_NOT_PASSED.variant("available"), "amount",
							new Money(credit, account.creditCurrency()),
							new Money(ctx.available(), account.creditCurrency()));
		}
		if (!write.reserveGroup(change.get(), ctx.secured(), !override)) {
			Object[] group = CreditReason.groupFigures(write.overGroupAvailable(change.get(), ctx.secured()));
			throw CreditDeskException.refuse(LedgerErrorCode.EXCEEDS_GROUP_AVAILABLE_CREDIT
				.variant((group.length > 0) ? "invoiceFigures" : "invoice"), "amount", group);
		}
		return override ? input.reason().trim() : null;
	}

	private static Invoice replay(Invoice existing, String fingerprint) {
		if (!existing.fingerprint().equals(fingerprint)) {
			throw CreditDeskException.refuse(LedgerErrorCode.INVOICE_ID_CONFLICT, "invoiceId", existing.id());
		}
		return existing;
	}

	@PreAuthorize(Roles.BILLING)
	public Settlement recordPayment(RecordPaymentInput input) {
		Validation v = new Validation();
		String paymentId = v.id("paymentId", input.paymentId(), 128);
		Invoice invoice = requireInvoice(input.invoiceId());
		String currency = (input.currency() != null) ? v.currency("currency", input.currency())
				: invoice.amount().currency();
		if (currency != null && !currency.equals(invoice.amount().currency())) {
			v.reject(CommonErrorCode.CURRENCY_MISMATCH.variant("payment"), "currency", invoice.id(),
					invoice.amount().currency());
		}
		Money amount = v.money("amount", input.amount(), invoice.amount().currency());
		if (amount != null && amount.amount().signum() == 0) {
			v.reject(CommonErrorCode.AMOUNT_NOT_POSITIVE, "amount");
		}
		v.throwIfInvalid();
		LocalDate date = (input.paymentDate() != null) ? input.paymentDate() : this.contexts.today();
		this.dates.checkPayment(date, invoice);
		return settle(invoice, paymentId, ApplicationType.PAYMENT, amount.amount(), date, null);
	}

	@PreAuthorize(Roles.BILLING)
	public Settlement issueCreditNote(IssueCreditNoteInput input) {
		Validation v = new Validation();
		String id = v.id("creditNoteId", input.creditNoteId(), 128);
		Invoice invoice = requireInvoice(input.invoiceId());
		Money amount = v.money("amount", input.amount(), invoice.amount().currency());
		if (amount != null && amount.amount().signum() == 0) {
			v.reject(CommonErrorCode.AMOUNT_NOT_POSITIVE, "amount");
		}
		String reason = v.freeText("reason", input.reason(), 500);
		v.throwIfInvalid();
		return settle(invoice, id, ApplicationType.CREDIT_NOTE, amount.amount(), this.contexts.today(), reason);
	}

	@PreAuthorize(Roles.FINANCE)
	public Settlement writeOff(WriteOffInput input) {
		Validation v = new Validation();
		String reason = v.freeText("reason", input.reason(), 500);
		Invoice invoice = requireInvoice(input.invoiceId());
		v.throwIfInvalid();
		if (invoice.status() != InvoiceStatus.OPEN) {
			throw CreditDeskException.refuse(LedgerErrorCode.INVOICE_NOT_OPEN, "invoiceId", invoice.id(),
					invoice.status());
		}
		return settle(invoice, "write-off", ApplicationType.WRITE_OFF, invoice.openAmount(), this.contexts.today(),
				reason);
	}

	/**
	 * Applies an amount once: the invoice update is conditioned on the application id
	 * being new and the open amount covering it; receivables then move by the same credit
	 * value.
	 */
	private Settlement settle(Invoice invoice, String applicationId, ApplicationType type, BigDecimal amount,
			LocalDate date, String reason) {
		invoice = versioned(invoice);
		// Each attempt that finds the invoice changed lost to another settlement that
		// landed: several settlements of one invoice at once take turns (the pending
		// mark), for a lease at most.
		Instant giveUp = this.clock.instant().plus(this.pending.lease());
		for (int attempt = 0; attempt < 5 || this.clock.instant().isBefore(giveUp); attempt++) {
			if (invoice.hasApplication(applicationId)) {
				return replaySettlement(invoice, applicationId, type, amount);
			}
			String currency = invoice.amount().currency();
			if (invoice.status() != InvoiceStatus.OPEN || invoice.openAmount().signum() == 0) {
				return new Settlement(invoice, Money.zero(currency), Money.zero(currency), new Money(amount, currency));
			}
			BigDecimal applied = amount.min(invoice.openAmount());
			BigDecimal discount = BigDecimal.ZERO;
			if (type == ApplicationType.PAYMENT && invoice.discountPercent() != null && invoice.discountDate() != null
					&& !date.isAfter(invoice.discountDate())
					&& invoice.applications().stream().noneMatch(a -> a.type() == ApplicationType.DISCOUNT)) {
				BigDecimal maxDiscount = invoice.amount()
					.amount()
					.multiply(invoice.discountPercent())
					.divide(BigDecimal.valueOf(100), invoice.amount().amount().scale(), RoundingMode.HALF_EVEN);
				BigDecimal rest = invoice.openAmount().subtract(applied);
				if (rest.signum() > 0 && rest.compareTo(maxDiscount) <= 0) {
					discount = rest;
				}
			}
			BigDecimal settled = applied.add(discount);
			boolean full = settled.compareTo(invoice.openAmount()) == 0;
			BigDecimal appliedCredit = full ? creditShare(invoice, applied, invoice.openCredit(), settled)
					: toCredit(invoice, applied).min(invoice.openCredit());
			BigDecimal discountCredit = full ? invoice.openCredit().subtract(appliedCredit)
					: toCredit(invoice, discount);
			BigDecimal creditTotal = appliedCredit.add(discountCredit);
			String by = Actor.current().name();
			List<Application> added = new ArrayList<>();
			added.add(new Application(applicationId, type, applied, appliedCredit, date, by, this.clock.instant(),
					(type != ApplicationType.WRITE_OFF) ? amount : null));
			if (discount.signum() > 0) {
				added.add(new Application(applicationId + ":discount", ApplicationType.DISCOUNT, discount,
						discountCredit, date, by, this.clock.instant(), null));
			}
			Update update = new Update().inc("openAmount", settled.negate())
				.inc("openCredit", creditTotal.negate())
				.inc("version", 1L);
			update.push("applications").each(added.toArray());
			InvoiceStatus status = InvoiceStatus.OPEN;
			if (full) {
				status = (type == ApplicationType.WRITE_OFF) ? InvoiceStatus.WRITTEN_OFF : InvoiceStatus.PAID;
				update.set("status", status).set("settledOn", date);
			}
			AuditRecord entry = this.audit.entry("INVOICE_" + type, "INVOICE", invoice.id(), invoice.customerId(),
					reason,
					new Changes().diff("openAmount", invoice.openAmount(), invoice.openAmount().subtract(settled))
						.diff("status", invoice.status(), status));
			AuditOutbox.push(update, entry);
			Query query = Query.query(Criteria.where("_id")
				.is(invoice.id())
				.and("version")
				.is(invoice.version())
				.and("status")
				.is(InvoiceStatus.OPEN)
				.and("openAmount")
				.is(invoice.openAmount())
				.and("applications.id")
				.ne(applicationId));
			// The receivables fall once the invoice says so: marked pending for the
			// invoice's version first, so a crash in between is settled by the invoice
			// (see PendingChange).
			Invoice updated;
			try (LedgerWrite write = this.pending.begin(INVOICES, invoice.id(), invoice.version())) {
				write.mark(invoice.customerId(), Deltas.receivable(creditTotal.negate()), false);
				updated = write.write(() -> this.mongo.findAndModify(query, write.carry(update),
						FindAndModifyOptions.options().returnNew(true), Invoice.class));
			}
			if (updated == null) {
				invoice = requireInvoice(invoice.id());
				continue;
			}
			this.audit.settle(Invoice.class, invoice.id(), entry);
			this.events.publishEvent(new ExposureChanged(invoice.customerId(), type.name(), true));
			return new Settlement(updated, new Money(applied, currency), new Money(discount, currency),
					new Money(amount.subtract(applied), currency));
		}
		throw CreditDeskException.refuse(CommonErrorCode.CONCURRENT_MODIFICATION.variant("invoice"), "invoiceId",
				invoice.id());
	}

	/**
	 * The invoice with a version, which a change of its receivables is marked pending
	 * for: an invoice stored before invoices had one gets version 0 first.
	 */
	private Invoice versioned(Invoice invoice) {
		if (invoice.version() != null) {
			return invoice;
		}
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(invoice.id()).and("version").exists(false)),
				new Update().set("version", 0L), Invoice.class);
		return requireInvoice(invoice.id());
	}

	/**
	 * The answer the first settlement of {@code applicationId} gave: what it applied, its
	 * discount and what it could not apply. The same id with another amount is another
	 * payment or credit note under a used id, refused.
	 */
	private static Settlement replaySettlement(Invoice invoice, String applicationId, ApplicationType type,
			BigDecimal amount) {
		String currency = invoice.amount().currency();
		Application first = invoice.applications()
			.stream()
			.filter(a -> a.id().equals(applicationId))
			.findFirst()
			.orElseThrow();
		if (first.received() != null && first.received().compareTo(amount) != 0) {
			throw CreditDeskException.refuse(
					(type == ApplicationType.CREDIT_NOTE) ? LedgerErrorCode.CREDIT_NOTE_ID_CONFLICT
							: LedgerErrorCode.PAYMENT_ID_CONFLICT,
					(type == ApplicationType.CREDIT_NOTE) ? "creditNoteId" : "paymentId", applicationId, invoice.id(),
					new Money(first.received(), currency));
		}
		BigDecimal applied = first.amount();
		BigDecimal discount = invoice.applications()
			.stream()
			.filter(a -> a.id().equals(applicationId + ":discount"))
			.map(Application::amount)
			.findFirst()
			.orElse(BigDecimal.ZERO);
		BigDecimal unapplied = (first.received() != null) ? first.received().subtract(applied) : BigDecimal.ZERO;
		return new Settlement(invoice, new Money(applied, currency), new Money(discount, currency),
				new Money(unapplied, currency));
	}

	private static BigDecimal toCredit(Invoice invoice, BigDecimal amount) {
		return amount.multiply(invoice.fxRate())
			.setScale(invoice.creditAmount().amount().scale(), RoundingMode.HALF_EVEN);
	}

	/**
	 * On full settlement the remaining credit value is split so nothing is left over by
	 * rounding.
	 */
	private static BigDecimal creditShare(Invoice invoice, BigDecimal part, BigDecimal openCredit, BigDecimal whole) {
		if (whole.signum() == 0) {
			return BigDecimal.ZERO;
		}
		return openCredit.multiply(part).divide(whole, invoice.creditAmount().amount().scale(), RoundingMode.HALF_EVEN);
	}

	Invoice requireInvoice(String invoiceId) {
		if (invoiceId == null || invoiceId.isBlank()) {
			throw CreditDeskException.refuse(CommonErrorCode.REQUIRED, "invoiceId");
		}
		return find(invoiceId.trim()).orElseThrow(() -> CreditDeskException.refuse(LedgerErrorCode.INVOICE_NOT_FOUND,
				"invoiceId", UserError.quoted(invoiceId)));
	}

	private void followGroup(Ledger.Change change, SecuredTerms secured) {
		if (Groups.rootOf(change.before()) != null) {
			this.groups.follow(change, secured);
		}
	}

}
