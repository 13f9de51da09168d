package io.creditdesk.common;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;

/**
 * How long the work of one request may still run, and the hook that stops it. The GraphQL
 * layer binds a deadline to the thread while it runs a data fetcher; code with long loops
 * (reading all of a customer's documents, say) calls {@link #checkpoint()} now and then,
 * which does nothing until the deadline has passed and then throws {@link Exceeded}.
 * Outside a request (jobs, consumers) no deadline is bound and {@link #checkpoint()}
 * costs one thread-local read.
 * <p>
 * The first checkpoint past the deadline also runs the deadline's {@code onExpiry} action
 * (the GraphQL layer cancels the whole execution with it), so the request stops at its
 * next field even when the loop that noticed is deep inside one.
 */
public final class WorkDeadline {

	private static final ThreadLocal<WorkDeadline> CURRENT = new ThreadLocal<>();

	private final long deadlineNanos;

	private final Duration budget;

	private final LongSupplier nanoTime;

	private final Runnable onExpiry;

	private volatile boolean expired;

	public WorkDeadline(Duration budget, LongSupplier nanoTime, Runnable onExpiry) {
		this.budget = budget;
		this.nanoTime = nanoTime;
		this.deadlineNanos = nanoTime.getAsLong() + budget.toNanos();
		this.onExpiry = onExpiry;
	}

	/**
	 * Throws {@link Exceeded} when the work bound to this thread has run past its
	 * deadline.
	 */
	public static void checkpoint() {
		WorkDeadline deadline = CURRENT.get();
		if (deadline != null) {
			deadline.check();
		}
	}

	/**
	 * How long the work bound to this thread may still run; empty outside a request (no
	 * deadline bound). A call that waits on another service (the credit bureau) waits no
	 * longer than this, so it answers with its own refusal before the request is stopped.
	 */
	public static Optional<Duration> remaining() {
		WorkDeadline deadline = CURRENT.get();
		return (deadline != null)
				? Optional.of(Duration.ofNanos(deadline.deadlineNanos - deadline.nanoTime.getAsLong()))
				: Optional.empty();
	}

	/**
	 * Runs {@code work} with this deadline bound to the thread (and the previous one
	 * restored after).
	 */
	public <T> T bind(Callable<T> work) throws Exception {
		WorkDeadline previous = CURRENT.get();
		CURRENT.set(this);
		try {
			return work.call();
		}
		finally {
			if (previous != null) {
				CURRENT.set(previous);
			}
			else {
				CURRENT.remove();
			}
		}
	}

	/**
	 * Throws {@link Exceeded} once the deadline has passed; the first time, runs the
	 * expiry action.
	 */
	public void check() {
		if (this.expired || this.nanoTime.getAsLong() - this.deadlineNanos > 0) {
			expire();
			throw new Exceeded(this.budget);
		}
	}

	/** Whether the deadline has passed (without throwing). */
	public boolean passed() {
		return this.expired || this.nanoTime.getAsLong() - this.deadlineNanos > 0;
	}

	private void expire() {
		if (!this.expired) {
			this.expired = true;
			this.onExpiry.run();
		}
	}

	public Duration budget() {
		return this.budget;
	}

	/** The work ran past its deadline and was stopped. */
	public static final class Exceeded extends RuntimeException {

		private final Duration budget;

		public Exceeded(Duration budget) {
			super("The request ran longer than its limit of " + budget.toMillis() + " ms and was stopped.", null, false,
					false);
			this.budget = budget;
		}

		public Duration budget() {
			return this.budget;
		}

	}

}
