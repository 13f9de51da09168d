package io.creditdesk.intake;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoOperationTimeoutException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.creditdesk.common.CreditDeskException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RetriableException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Which failures of a record are worth another delivery: only those known to be
 * transient, the store or the broker unavailable or too slow to answer (and an
 * interrupted thread, so that a shutdown never dead-letters a good order). Everything
 * else is permanent: a refusal, an invalid payload, an amount no store can hold, an
 * exception nobody anticipated. Retrying a permanent failure fails the same way each time
 * and holds up every later record of its partition, so those are dead-lettered at once.
 * <p>
 * The cause chain is read from the outside in: a refusal ({@link CreditDeskException}) is
 * permanent even when it carries a transient cause; otherwise any known transient type in
 * the chain makes the failure transient, so a store timeout wrapped by Spring or by the
 * gateway is still recognised. No Spring container is involved: the intake consumer asks
 * it through its error handler's back-off function, and any other Kafka listener (a
 * {@code @KafkaListener} with a {@code DefaultErrorHandler}) can do the same.
 */
public final class TransientFailurePolicy {

	/** What to do with a failed record. */
	public enum Verdict {

		/** Deliver it again after a back-off, up to the attempts allowed. */
		TRANSIENT,

		/** Dead-letter it now. */
		PERMANENT

	}

	/** Failures that are an answer, not an outage: never retried, whatever they wrap. */
	static final List<Class<? extends Throwable>> PERMANENT_TYPES = List.of(CreditDeskException.class);

	/**
	 * The store or the broker unavailable or slow, or the thread interrupted (shutdown).
	 */
	static final List<Class<? extends Throwable>> TRANSIENT_TYPES = List.of(
			// MongoDB driver: no server selected in time, connection lost, primary
			// stepped down, operation timed out
			MongoTimeoutException.class, MongoSocketException.class, MongoNotPrimaryException.class,
			MongoNodeIsRecoveringException.class, MongoConnectionPoolClearedException.class,
			MongoExecutionTimeoutException.class, MongoOperationTimeoutException.class, MongoInterruptedException.class,
			// Spring's translation of the same (resource failure, query timeout, lock or
			// optimistic conflict)
			DataAccessResourceFailureException.class, TransientDataAccessException.class,
			RecoverableDataAccessException.class,
			// Kafka clients: every error Kafka itself marks as retriable (timeouts, no
			// leader, not enough replicas)
			RetriableException.class, InterruptException.class,
			// The JDK's own
			ConnectException.class, SocketTimeoutException.class, TimeoutException.class, InterruptedException.class,
			ClosedByInterruptException.class);

	/**
	 * Error labels a MongoDB server puts on failures it expects to succeed when retried.
	 */
	private static final List<String> TRANSIENT_LABELS = List.of(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL,
			"RetryableWriteError", "RetryableError");

	private static final int MAX_DEPTH = 32;

	private static final TransientFailurePolicy INSTANCE = new TransientFailurePolicy();

	private TransientFailurePolicy() {
	}

	public static TransientFailurePolicy standard() {
		return INSTANCE;
	}

	public Verdict classify(Throwable failure) {
		Map<Throwable, Boolean> seen = new IdentityHashMap<>();
		for (Throwable t = failure; t != null && seen.size() < MAX_DEPTH
				&& seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
			if (isAny(t, PERMANENT_TYPES)) {
				return Verdict.PERMANENT;
			}
			if (isAny(t, TRANSIENT_TYPES) || hasTransientLabel(t)) {
				return Verdict.TRANSIENT;
			}
		}
		return Verdict.PERMANENT;
	}

	public boolean isTransient(Throwable failure) {
		return classify(failure) == Verdict.TRANSIENT;
	}

	private static boolean isAny(Throwable t, List<Class<? extends Throwable>> types) {
		for (Class<? extends Throwable> type : types) {
			if (type.isInstance(t)) {
				return true;
			}
		}
		return false;
	}

	private static boolean hasTransientLabel(Throwable t) {
		return t instanceof MongoException mongo && TRANSIENT_LABELS.stream().anyMatch(mongo::hasErrorLabel);
	}

}
