package io.creditdesk.infrastructure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexDefinition;
import org.springframework.stereotype.Component;

/**
 * Creates the indexes the capabilities declare once the service is up, and retries until
 * the store answers, so a MongoDB that is unreachable at start-up delays the indexes
 * instead of stopping the service (whose health then reports the store DOWN). Creating an
 * existing index is a no-op, so every instance may run this.
 */
@Component
public class MongoIndexes implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(MongoIndexes.class);

	private record Declared(Class<?> entity, IndexDefinition index) {
	}

	private final MongoTemplate mongo;

	private final List<Declared> declared = new CopyOnWriteArrayList<>();

	private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
		Thread thread = new Thread(runnable, "mongo-indexes");
		thread.setDaemon(true);
		return thread;
	});

	private volatile boolean applied;

	MongoIndexes(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	public void declare(Class<?> entity, IndexDefinition... indexes) {
		for (IndexDefinition index : indexes) {
			this.declared.add(new Declared(entity, index));
		}
	}

	public boolean applied() {
		return this.applied;
	}

	@EventListener(ApplicationStartedEvent.class)
	void applyWhenReady() {
		if (!tryApply()) {
			this.retries.scheduleWithFixedDelay(() -> {
				if (tryApply()) {
					this.retries.shutdown();
				}
			}, 30, 30, TimeUnit.SECONDS);
		}
	}

	/** Creates every declared index; true when all exist. */
	public synchronized boolean tryApply() {
		try {
			for (Declared d : this.declared) {
				this.mongo.indexOps(d.entity()).createIndex(d.index());
			}
			this.applied = true;
			return true;
		}
		catch (RuntimeException ex) {
			log.warn("Could not create MongoDB indexes yet ({}); retrying every 30 s", ex.getMessage());
			return false;
		}
	}

	@Override
	public void destroy() {
		this.retries.shutdownNow();
	}

}
