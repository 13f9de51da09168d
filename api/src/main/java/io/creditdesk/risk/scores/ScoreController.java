package io.creditdesk.risk.scores;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.creditdesk.common.Connection;
import io.creditdesk.customer.Customer;
import io.creditdesk.risk.registry.ModelRoles;
import io.creditdesk.risk.scores.ScoreStore.CurrentScores;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;

/**
 * {@code Customer.score}, {@code Customer.challengerScore} and
 * {@code Customer.scoreHistory}: the stored scores (a page of customers reads its scores
 * in one query), never computed on the request path.
 */
@Controller
class ScoreController {

	private final ScoreStore store;

	ScoreController(ScoreStore store) {
		this.store = store;
	}

	@BatchMapping(typeName = "Customer", field = "score")
	Map<Customer, ScoreView> score(List<Customer> customers, Authentication caller) {
		return views(customers, caller, false);
	}

	/**
	 * The challenger's shadow score is for the people who evaluate models
	 * ({@link ModelRoles#READ_SHADOW_SCORES}); for other roles it is null with a
	 * FORBIDDEN error, as {@code Customer.effectivePolicy} is.
	 */
	@BatchMapping(typeName = "Customer", field = "challengerScore")
	@PreAuthorize(ModelRoles.READ_SHADOW_SCORES)
	Map<Customer, ScoreView> challengerScore(List<Customer> customers, Authentication caller) {
		return views(customers, caller, true);
	}

	@SchemaMapping(typeName = "Customer", field = "scoreHistory")
	Connection<ScoreView> scoreHistory(Customer customer, @Argument Integer first, @Argument String after,
			Authentication caller) {
		boolean contributions = contributions(caller);
		Connection<ScoreStore.ScorePoint> page = this.store.history(customer.id(), Connection.pageSize(first),
				Connection.decode(after));
		List<Connection.Edge<ScoreView>> edges = page.edges()
			.stream()
			.map(e -> new Connection.Edge<>(e.cursor(), ScoreView.of(e.node().score(), contributions)))
			.toList();
		return new Connection<>(edges, page.pageInfo(), null);
	}

	/** The score's explanation in the request's language. */
	@SchemaMapping(typeName = "CreditScore", field = "explanation")
	String explanation(ScoreView score, Locale locale) {
		return ScoreTexts.explanation(score, locale);
	}

	/** What a reason's feature means, in the request's language. */
	@SchemaMapping(typeName = "ScoreReason", field = "description")
	String description(ScoreView.Reason reason, Locale locale) {
		return reason.description(locale);
	}

	/** A reason's value as the request's language reads it. */
	@SchemaMapping(typeName = "ScoreReason", field = "displayValue")
	String displayValue(ScoreView.Reason reason, Locale locale) {
		return reason.displayValue(locale);
	}

	private Map<Customer, ScoreView> views(List<Customer> customers, Authentication caller, boolean challenger) {
		boolean contributions = contributions(caller);
		Map<String, CurrentScores> stored = this.store.current(customers.stream().map(Customer::id).toList());
		Map<Customer, ScoreView> out = new LinkedHashMap<>();
		for (Customer customer : customers) {
			CurrentScores scores = stored.get(customer.id());
			StoredScore score = (scores == null) ? null : challenger ? scores.challenger() : scores.champion();
			out.put(customer, (score != null) ? ScoreView.of(score, contributions) : null);
		}
		return out;
	}

	private static boolean contributions(Authentication caller) {
		Collection<? extends GrantedAuthority> authorities = (caller != null) ? caller.getAuthorities() : List.of();
		return ScoreVisibility.contributions(authorities.stream().map(GrantedAuthority::getAuthority).toList());
	}

}
