package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import com.mongodb.MongoServerException;
import com.mongodb.MongoWriteConcernException;
import io.creditdesk.common.CreditDeskException;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The ledger side of one document write (an order placed or changed, an invoice issued or
 * settled): the change of a customer's counters it carries (and of the group's), each
 * marked pending in the same atomic update that makes it ({@link PendingChange}), then
 * the write, which carries the change's token, then the marks settled. Used in a
 * try-with-resources block: {@link #close} is the compensation. Whatever failed before
 * the write landed, it undoes what was marked, once (a mark is undone only while it is
 * there); a write whose outcome is unknown is resolved by what the document says. A crash
 * leaves the marks, which {@link PendingChanges} resolves in the same way later. Raises
 * are marked (and counted) before the write, decreases applied after it, so the counters
 * are never below what the documents imply.
 */
final class LedgerWrite implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(LedgerWrite.class);

	private enum State {

		/** The document write has not run (or did not finish yet). */
		OPEN,

		/** The document write landed: the marks are settled. */
		LANDED,

		/** The document write did not land: the marks are undone. */
		NOT_LANDED,

		/** The document write failed in a way that leaves its outcome unknown. */
		UNKNOWN

	}

	private final PendingChanges pending;

	private final Ledger ledger;

	private final Groups groups;

	private final String key;

	private final Long version;

	private String customerId;

	/**
	 * The customer's mark once made; {@link #attempted} while its update's outcome is
	 * unknown.
	 */
	private PendingChange mark;

	private PendingChange attempted;

	private String groupRoot;

	private PendingChange.Group groupMark;

	private PendingChange.Group groupAttempted;

	private State state = State.OPEN;

	/** A group reservation was refused because the member's group change is followed. */
	private boolean groupMoving;

	LedgerWrite(PendingChanges pending, Ledger ledger, Groups groups, String key, Long version) {
		this.pending = pending;
		this.ledger = ledger;
		this.groups = groups;
		this.key = key;
		this.version = version;
	}

	String key() {
		return this.key;
	}

	/**
	 * The token the written document carries, or null when the write carries no ledger
	 * change.
	 */
	String token() {
		return (this.mark != null) ? this.mark.token() : null;
	}

	/**
	 * Adds the token of the change this write carries, if any, to the document about to
	 * be inserted.
	 */
	Document carry(Document document) {
		if (this.mark != null) {
			document.append(PendingChange.CARRIED, this.mark.token());
		}
		return document;
	}

	/**
	 * Adds the token of the change this write carries, if any, to the update about to be
	 * made.
	 */
	Update carry(Update update) {
		if (this.mark != null) {
			update.set(PendingChange.CARRIED, this.mark.token());
		}
		return update;
	}

	/**
	 * Reserves {@code deltas} on the customer if it is active, unflagged and
	 * {@code checkedAmount} fits under {@code ceiling} ({@link Ledger#reserve}). Empty
	 * when it does not fit, or when another change of the same document is pending
	 * ({@link PendingChanges#clear} tells).
	 */
	Optional<Ledger.Change> reserve(String customerId, Deltas deltas, BigDecimal checkedAmount, SecuredTerms secured,
			BigDecimal ceiling) {
		PendingChange mark = next(customerId, deltas, true);
		return marked(this.ledger.reserve(customerId, mark, checkedAmount, secured, ceiling));
	}

	/** Reserves on what an earlier reading showed ({@link Ledger#reserveAhead}). */
	Optional<Ledger.Change> reserveAhead(String customerId, AccountContexts.Hint hint, Deltas deltas,
			BigDecimal checkedAmount, SecuredTerms secured, boolean checkLimit) {
		PendingChange mark = next(customerId, deltas, true);
		return marked(this.ledger.reserveAhead(customerId, hint, mark, checkedAmount, secured, checkLimit));
	}

	/**
	 * Marks a change that needs no credit condition: applied now when it raises the
	 * credit check's figure or is neutral (a shipment, an order entering the horizon),
	 * or, a decrease ({@code applyNow} false), applied when the write landed. Waits for
	 * (or resolves) another pending change of the same document first.
	 */
	Ledger.Change mark(String customerId, Deltas deltas, boolean applyNow) {
		// Several requests for one document (payments of one invoice, say) take turns:
		// each waits for the change in its way, for as long as a lease at most.
		Instant giveUp = this.pending.now().plus(this.pending.lease());
		for (int attempt = 0; attempt < 3 || this.pending.now().isBefore(giveUp); attempt++) {
			PendingChange mark = next(customerId, deltas, applyNow);
			Optional<Ledger.Change> change = marked(this.ledger.mark(customerId, mark));
			if (change.isPresent()) {
				return change.get();
			}
			CreditAccount account = this.ledger.find(customerId)
				.orElseThrow(() -> new IllegalStateException("Customer " + customerId + " vanished"));
			this.pending.clear(account, this.key);
		}
		throw (this.key.startsWith(InvoiceService.INVOICES + ":"))
				? CreditDeskException.refuse(LedgerErrorCode.ORDER_IN_PROGRESS.variant("invoice"), "invoiceId")
				: CreditDeskException.refuse(LedgerErrorCode.ORDER_IN_PROGRESS, "orderId");
	}

	private PendingChange next(String customerId, Deltas deltas, boolean applyNow) {
		if (this.mark != null) {
			throw new IllegalStateException("A write carries one change of the ledger: " + this.key);
		}
		this.customerId = customerId;
		this.attempted = new PendingChange(this.key, new ObjectId().toHexString(), deltas, applyNow, this.pending.now(),
				this.version);
		return this.attempted;
	}

	private Optional<Ledger.Change> marked(Optional<Ledger.Change> change) {
		this.attempted = null;
		change.ifPresent(c -> this.mark = c.mark());
		return change;
	}

	/**
	 * Reserves the group's share of the customer's reservation {@code change}, checked
	 * against the group limit ({@code checkLimit}), marked on the group parent's
	 * document.
	 * @return false when the group limit does not allow it (nothing changed on the group
	 * then)
	 */
	boolean reserveGroup(Ledger.Change change, SecuredTerms secured, boolean checkLimit) {
		if (GroupMoves.moving(change.before())) {
			// The member's group changed and its figures have not followed yet: not
			// counted in the group it left; once this reservation is undone, the change
			// is followed ({@link #undo}) and the caller may decide again.
			this.groupMoving = true;
			return false;
		}
		Groups.Share share = this.groups.share(change, secured, checkLimit);
		if (share == null || share.amount().signum() <= 0) {
			return true;
		}
		PendingChange.Group mark = new PendingChange.Group(this.key, this.mark.token(), share.amount(),
				this.pending.now(), this.version, share.member(), share.currency());
		this.groupRoot = share.root();
		this.groupAttempted = mark;
		boolean reserved = this.ledger.reserveGroup(share.root(), mark, share.rates());
		if (!reserved && this.ledger.groupMarks(share.root()) >= Ledger.MAX_PENDING
				&& this.pending.clearGroup(share.root())) {
			reserved = this.ledger.reserveGroup(share.root(), mark, share.rates());
		}
		if (!reserved && share.rates() != null) {
			// The figures may hold a currency the rates did not cover (another member's
			// first change since the parent was read): checked again on a fresh reading.
			Groups.Share again = this.groups.share(change, secured, checkLimit);
			if (again != null && again.rates() != null && !share.rates().keySet().containsAll(again.rates().keySet())) {
				reserved = this.ledger.reserveGroup(share.root(), mark, again.rates());
			}
		}
		this.groupAttempted = null;
		if (reserved) {
			this.groupMark = mark;
		}
		return reserved;
	}

	/**
	 * Why {@code change} did not fit its group ({@link #reserveGroup} refused it), with
	 * the group's figures as they stand now.
	 */
	CreditReason overGroupAvailable(Ledger.Change change, SecuredTerms secured) {
		return this.groups.overAvailable(change, secured);
	}

	/**
	 * Runs the document write, which carries {@link #token()}. A null or empty result
	 * ({@link Optional#empty()}) means it did not land (a conditional update that found
	 * another version): the marks stay to be undone. Once it landed, the marks are
	 * settled: a settlement that fails is left to the sweep (the document proves the
	 * change), never undone.
	 */
	<T> T write(Supplier<T> write) {
		renewIfSlow();
		T result;
		try {
			result = write.get();
		}
		catch (RuntimeException ex) {
			this.state = definite(ex) ? State.NOT_LANDED : State.UNKNOWN;
			throw ex;
		}
		if (result == null || (result instanceof Optional<?> optional && optional.isEmpty())) {
			this.state = State.NOT_LANDED;
			return result;
		}
		this.state = State.LANDED;
		settle();
		return result;
	}

	/**
	 * A write that comes more than half the lease after its marks renews them first:
	 * after the lease a mark whose insert cannot be proven is taken for a crash's and
	 * undone.
	 */
	private void renewIfSlow() {
		Instant now = this.pending.now();
		if (this.mark == null || !this.mark.at().plus(this.pending.lease().dividedBy(2)).isBefore(now)) {
			return;
		}
		boolean renewed = this.ledger.renew(this.customerId, this.mark, now);
		if (renewed && this.groupMark != null) {
			renewed = this.ledger.renewGroup(this.groupRoot, this.groupMark, now);
		}
		if (!renewed) {
			throw new TransientDataAccessResourceException(
					"The reservation for " + this.key + " was taken for a crash's"
							+ " and undone while the request was slow; nothing was stored. Try again.");
		}
		this.mark = new PendingChange(this.mark.key(), this.mark.token(), this.mark.deltas(), this.mark.applied(), now,
				this.mark.version());
		if (this.groupMark != null) {
			this.groupMark = new PendingChange.Group(this.groupMark.key(), this.groupMark.token(),
					this.groupMark.amount(), now, this.groupMark.version(), this.groupMark.member(),
					this.groupMark.currency());
		}
	}

	/**
	 * Whether a failed write certainly did not land: refused by the store, or by the
	 * service before being sent.
	 */
	private static boolean definite(RuntimeException ex) {
		if (ex instanceof DuplicateKeyException || ex instanceof CreditDeskException) {
			return true;
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof MongoWriteConcernException) {
				return false;
			}
			if (cause instanceof MongoServerException) {
				return true;
			}
		}
		return false;
	}

	private void settle() {
		if (this.mark != null) {
			twice("settle", () -> this.pending.settle(this.customerId, this.mark));
		}
		if (this.groupMark != null) {
			twice("settle the group's part of", () -> this.ledger.settleGroup(this.groupRoot, this.groupMark));
		}
	}

	/**
	 * Undoes what was marked, now (the rules refused after the reservation, the group did
	 * not fit, or the write did not land); a later reservation may follow. Undoing twice
	 * takes back once.
	 */
	void undo() {
		if (this.customerId != null) {
			this.pending.undoBefore(this.customerId, this.key);
		}
		if (this.groupMark != null || this.groupAttempted != null) {
			PendingChange.Group group = (this.groupMark != null) ? this.groupMark : this.groupAttempted;
			twice("undo the group's part of", () -> this.ledger.undoGroup(this.groupRoot, group));
			this.groupMark = null;
			this.groupAttempted = null;
		}
		if (this.mark != null) {
			PendingChange mark = this.mark;
			twice("undo", () -> this.ledger.undo(this.customerId, mark).isPresent());
			this.mark = null;
		}
		else if (this.attempted != null) {
			// The mark's update failed without an answer: it may have been made, with
			// deltas clamped.
			PendingChange attempted = this.attempted;
			twice("undo", () -> {
				PendingChange stored = this.ledger.find(this.customerId)
					.map(a -> a.pendingChange(this.key))
					.orElse(null);
				return stored != null && stored.token().equals(attempted.token())
						&& this.ledger.undo(this.customerId, stored).isPresent();
			});
			this.attempted = null;
		}
		if (this.groupMoving) {
			this.groupMoving = false;
			try {
				this.groups.moves().follow(this.customerId);
			}
			catch (RuntimeException ex) {
				log.warn("Could not follow the group change of customer {} now; the sweep of pending changes will: {}",
						this.customerId, ex.getMessage());
			}
		}
	}

	/**
	 * The compensation: undoes the marks unless the write landed; resolves them by the
	 * document when its outcome is unknown (an insert that may still land is left to the
	 * sweep). Never throws: what it cannot do stays marked for the sweep.
	 */
	@Override
	public void close() {
		try {
			switch (this.state) {
				case LANDED -> {
				}
				case UNKNOWN -> resolve();
				default -> undo();
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not undo the ledger change of {} now; the sweep of pending changes will: {}", this.key,
					ex.getMessage());
		}
	}

	private void resolve() {
		Instant now = this.pending.now();
		if (this.mark != null) {
			this.pending.resolve(this.customerId, this.mark, now, true);
		}
		if (this.groupMark != null) {
			this.pending.resolveGroup(this.groupRoot, this.groupMark, now, true);
		}
	}

	/**
	 * Runs a settlement or undo; once more if the store failed it (it is idempotent),
	 * then leaves it to the sweep.
	 */
	private void twice(String what, Supplier<Boolean> action) {
		for (int attempt = 1;; attempt++) {
			try {
				action.get();
				return;
			}
			catch (RuntimeException ex) {
				if (attempt == 2) {
					log.warn("Could not {} the ledger change of {}; the sweep of pending changes will: {}", what,
							this.key, ex.getMessage());
					return;
				}
			}
		}
	}

}
