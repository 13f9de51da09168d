package io.creditdesk.graphql;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.UserError;

/**
 * Runs a mutation and shapes its payload: the changed object and no errors, or no object
 * and the user errors of the refusal.
 */
public final class Payloads {

	private Payloads() {
	}

	public static <T, P> P run(Supplier<T> mutation, BiFunction<T, List<UserError>, P> payload) {
		try {
			return payload.apply(mutation.get(), List.of());
		}
		catch (CreditDeskException ex) {
			return payload.apply(null, ex.errors());
		}
	}

}
