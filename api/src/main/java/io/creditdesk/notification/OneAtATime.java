package io.creditdesk.notification;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one piece of slow work (HTTP or SMTP calls that may wait for their timeouts) on a
 * thread of its own, at most one at a time: the application's scheduler has one thread
 * that every scheduled job shares, and a receiver that hangs must not hold the others up.
 */
final class OneAtATime implements AutoCloseable {

	private final ExecutorService thread;

	private final AtomicBoolean busy = new AtomicBoolean();

	OneAtATime(String name) {
		this.thread = Executors.newSingleThreadExecutor(runnable -> {
			Thread worker = new Thread(runnable, name);
			worker.setDaemon(true);
			return worker;
		});
	}

	/**
	 * Starts {@code work} unless the previous one is still running; true when started.
	 */
	boolean offer(Runnable work) {
		if (!this.busy.compareAndSet(false, true)) {
			return false;
		}
		try {
			this.thread.execute(() -> {
				try {
					work.run();
				}
				finally {
					this.busy.set(false);
				}
			});
			return true;
		}
		catch (RuntimeException ex) {
			this.busy.set(false);
			throw ex;
		}
	}

	@Override
	public void close() {
		this.thread.shutdownNow();
		try {
			this.thread.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
