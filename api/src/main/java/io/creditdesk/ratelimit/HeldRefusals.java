package io.creditdesk.ratelimit;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.DisposableBean;

/**
 * The one thread that answers held-back refusals when their time comes. Not a bare
 * {@code ScheduledExecutorService} bean: Spring would take that for the scheduler of
 * every {@code @Scheduled} job.
 */
class HeldRefusals implements DisposableBean {

	private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "rate-limit-holds");
		thread.setDaemon(true);
		return thread;
	});

	void answerLater(Runnable answer, long millis) {
		this.executor.schedule(answer, millis, TimeUnit.MILLISECONDS);
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

}
