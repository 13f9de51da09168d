package io.creditdesk.embedded;

import java.util.Locale;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes writes durable in groups: a writer whose change is applied asks for the next
 * commit and waits; one committer thread commits and syncs the store and releases every
 * writer that asked before that commit started. Writers arriving while a commit runs wait
 * for the next one, which covers all of them: one sync per commit, however many writers
 * it covers, never one per write.
 * <p>
 * A commit that fails fails every writer waiting for it and every later one: the store is
 * no longer known to be on disk (H2 closes a store whose write or sync failed).
 */
final class GroupCommit implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

	private final Runnable commitAndSync;

	private final Thread committer;

	private final ReentrantLock lock = new ReentrantLock();

	/** Signalled when a writer asks for a commit, or on close. */
	private final Condition asked = this.lock.newCondition();

	/** Signalled when a commit ended (or failed). */
	private final Condition committed = this.lock.newCondition();

	/** The last ticket handed to a writer; tickets count writes. */
	private long lastTicket;

	/** Every ticket up to this one is durable. */
	private long durableThrough;

	private long commits;

	private RuntimeException failure;

	private boolean closed;

	/**
	 * @param name the committer thread's name
	 * @param commitAndSync makes every change applied before it was called durable
	 */
	GroupCommit(String name, Runnable commitAndSync) {
		this.commitAndSync = commitAndSync;
		this.committer = new Thread(this::commitWhileAsked, name);
		this.committer.setDaemon(true);
		this.committer.start();
	}

	/** Group commit on an H2 MVStore: commit, then sync its file. */
	static GroupCommit of(MVStore store) {
		return new GroupCommit("embedded-mongo-group-commit", () -> commitAndSync(store));
	}

	/**
	 * Commits the store's changes and forces its file to disk. {@code commit()} writes
	 * the changes synchronously, but returns at once when H2's background auto-commit has
	 * already taken them and is still writing them on its own threads: the sync therefore
	 * runs as a file store operation, which first waits for every pending write of the
	 * store.
	 */
	static void commitAndSync(MVStore store) {
		store.commit();
		store.executeFilestoreOperation(store::sync);
	}

	/**
	 * Waits until every change this thread applied before calling is durable.
	 * @throws IllegalStateException if the store could not be made durable, or is closed
	 */
	void awaitDurable() {
		this.lock.lock();
		try {
			if (this.closed) {
				throw new IllegalStateException("The embedded store is closing");
			}
			long ticket = ++this.lastTicket;
			this.asked.signal();
			while (this.durableThrough < ticket && this.failure == null) {
				this.committed.awaitUninterruptibly();
			}
			if (this.durableThrough < ticket) {
				throw new IllegalStateException(
						"The embedded store could not write its file: " + this.failure.getMessage(), this.failure);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * How many commits were made, and how many writes they covered, in a line for the
	 * log.
	 */
	String statistics() {
		this.lock.lock();
		try {
			return String.format(Locale.ROOT, "%d durable writes in %d commits (%.1f per commit)", this.durableThrough,
					this.commits, (this.commits > 0) ? (double) this.durableThrough / this.commits : 0.0);
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Writes that asked for a commit so far (tests). */
	long requested() {
		this.lock.lock();
		try {
			return this.lastTicket;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Commits made so far (tests). */
	long commits() {
		this.lock.lock();
		try {
			return this.commits;
		}
		finally {
			this.lock.unlock();
		}
	}

	private void commitWhileAsked() {
		while (true) {
			long target;
			this.lock.lock();
			try {
				while (this.lastTicket == this.durableThrough && !this.closed) {
					this.asked.awaitUninterruptibly();
				}
				if (this.lastTicket == this.durableThrough) {
					return;
				}
				// Every ticket up to here was taken after its write was applied, so this
				// commit covers it.
				target = this.lastTicket;
			}
			finally {
				this.lock.unlock();
			}
			RuntimeException failed = null;
			try {
				this.commitAndSync.run();
			}
			catch (RuntimeException | Error ex) {
				failed = new IllegalStateException(ex.toString(), ex);
				log.error("The embedded MongoDB store could not commit and sync its file; writes fail from now on", ex);
			}
			this.lock.lock();
			try {
				if (failed != null) {
					this.failure = failed;
				}
				else {
					this.durableThrough = target;
					this.commits++;
				}
				this.committed.signalAll();
				if (failed != null) {
					return;
				}
			}
			finally {
				this.lock.unlock();
			}
		}
	}

	/** Commits what writers still wait for, then stops the committer. */
	@Override
	public void close() {
		this.lock.lock();
		try {
			this.closed = true;
			this.asked.signal();
		}
		finally {
			this.lock.unlock();
		}
		try {
			this.committer.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
