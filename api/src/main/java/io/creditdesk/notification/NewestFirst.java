package io.creditdesk.notification;

import java.time.Instant;

import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.UserError;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Pages newest first by {@code createdAt}, then id: the cursor is
 * {@code <epoch millis>|<id>}, stable when newer items arrive.
 */
final class NewestFirst {

	private NewestFirst() {
	}

	static String key(Instant createdAt, String id) {
		return createdAt.toEpochMilli() + "|" + id;
	}

	/** {@code first + 1} items of {@code criteria} after the cursor {@code after}. */
	static Query page(Criteria criteria, String cursor, String after, int first) {
		Query query = Query.query(criteria);
		if (cursor != null) {
			int bar = cursor.indexOf('|');
			Instant at;
			try {
				at = Instant.ofEpochMilli(Long.parseLong(cursor.substring(0, bar)));
			}
			catch (RuntimeException ex) {
				throw CreditDeskException.refuse(CommonErrorCode.INVALID_CURSOR, "after", UserError.quoted(after));
			}
			String id = cursor.substring(bar + 1);
			query.addCriteria(new Criteria().orOperator(Criteria.where("createdAt").lt(at),
					Criteria.where("createdAt").is(at).and("_id").lt(id)));
		}
		return query.with(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("_id"))).limit(first + 1);
	}

}
