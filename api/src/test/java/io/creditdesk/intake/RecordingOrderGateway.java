package io.creditdesk.intake;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.ErrorCode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Primary;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * A test {@link OrderGateway} that records every call and, like the real one, is
 * idempotent on the order id: the first successful placement is kept and returned again
 * for repeats. Per order id it can fail transiently a number of times, or refuse the
 * order with a code.
 */
@Component
@Primary
public class RecordingOrderGateway implements OrderGateway {

	private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

	private final Map<String, CanonicalOrder> placed = new ConcurrentHashMap<>();

	private final Map<String, GatewayDecision> decisions = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> transientFailures = new ConcurrentHashMap<>();

	private final Map<String, ErrorCode> refusals = new ConcurrentHashMap<>();

	private final Map<String, RuntimeException> surprises = new ConcurrentHashMap<>();

	private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();

	private final Set<String> realCustomers = ConcurrentHashMap.newKeySet();

	private final ObjectProvider<LedgerOrderGateway> real;

	@Autowired
	RecordingOrderGateway(ObjectProvider<LedgerOrderGateway> real) {
		this.real = real;
	}

	public RecordingOrderGateway() {
		this.real = null;
	}

	/**
	 * Orders of this customer go to the real credit check ({@link LedgerOrderGateway}),
	 * still recorded.
	 */
	public void placeForReal(String customerId) {
		this.realCustomers.add(customerId);
	}

	@Override
	public GatewayDecision place(CanonicalOrder order) {
		this.calls.computeIfAbsent(order.orderId(), id -> new AtomicInteger()).incrementAndGet();
		AtomicInteger failures = this.transientFailures.get(order.orderId());
		if (failures != null && failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
			throw new DataAccessResourceFailureException("Simulated: the exposure store is unavailable");
		}
		CountDownLatch hold = this.holds.get(order.orderId());
		if (hold != null) {
			try {
				hold.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while held", ex);
			}
		}
		RuntimeException surprise = this.surprises.get(order.orderId());
		if (surprise != null) {
			throw surprise;
		}
		ErrorCode refusal = this.refusals.get(order.orderId());
		if (refusal != null) {
			throw new CreditDeskException(refusal, "customerId",
					"Simulated refusal " + refusal + " of " + order.orderId());
		}
		if (this.real != null && this.realCustomers.contains(order.customerId())) {
			GatewayDecision decision = this.real.getObject().place(order);
			this.placed.putIfAbsent(order.orderId(), order);
			return decision;
		}
		this.placed.putIfAbsent(order.orderId(), order);
		return this.decisions.computeIfAbsent(order.orderId(), id -> new GatewayDecision(id, "APPROVED", List.of()));
	}

	/**
	 * The next {@code times} calls for this order fail transiently (the store
	 * unavailable).
	 */
	public void failTransiently(String orderId, int times) {
		this.transientFailures.put(orderId, new AtomicInteger(times));
	}

	/**
	 * Calls for this order wait until the latch opens (a credit check that does not
	 * answer).
	 */
	public void hold(String orderId, CountDownLatch until) {
		this.holds.put(orderId, until);
	}

	/**
	 * Every call for this order throws this exception (one the intake may not
	 * anticipate).
	 */
	public void failWith(String orderId, RuntimeException exception) {
		this.surprises.put(orderId, exception);
	}

	/** Every call for this order is refused with this code (a permanent failure). */
	public void refuse(String orderId, ErrorCode code) {
		this.refusals.put(orderId, code);
	}

	public int calls(String orderId) {
		AtomicInteger count = this.calls.get(orderId);
		return (count != null) ? count.get() : 0;
	}

	public Optional<CanonicalOrder> placed(String orderId) {
		return Optional.ofNullable(this.placed.get(orderId));
	}

}
