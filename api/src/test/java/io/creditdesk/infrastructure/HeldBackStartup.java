package io.creditdesk.infrastructure;

import java.util.concurrent.Executor;

/**
 * Runs the embedded broker's start-up on a thread of its own once the test releases it.
 */
final class HeldBackStartup implements Executor {

	private Runnable task;

	private boolean released;

	@Override
	public synchronized void execute(Runnable command) {
		this.task = command;
		if (this.released) {
			run();
		}
	}

	synchronized void release() {
		this.released = true;
		if (this.task != null) {
			run();
		}
	}

	private void run() {
		Thread thread = new Thread(this.task, "embedded-kafka-startup");
		thread.setDaemon(true);
		thread.start();
	}

}
