package io.creditdesk.ledger;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.Connection;
import io.creditdesk.common.CreditDeskException;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * A page of documents newest first by a timestamp, ties broken by id; the cursor holds
 * both.
 */
final class NewestFirst {

	private NewestFirst() {
	}

	static <T> Connection<T> page(MongoTemplate mongo, Criteria criteria, String timeField, Integer first, String after,
			Class<T> type, Function<T, Instant> time, Function<T, String> id) {
		int size = Connection.pageSize(first);
		long total = mongo.count(Query.query(criteria), type);
		String cursor = Connection.decode(after);
		Criteria page = criteria;
		if (cursor != null) {
			int bar = cursor.indexOf('|');
			Instant at = (bar > 0) ? epochMilli(cursor.substring(0, bar)) : null;
			if (at == null) {
				throw CreditDeskException.refuse(CommonErrorCode.INVALID_CURSOR.variant("otherList"), "after");
			}
			String lastId = cursor.substring(bar + 1);
			page = new Criteria().andOperator(criteria, new Criteria().orOperator(Criteria.where(timeField).lt(at),
					Criteria.where(timeField).is(at).and("_id").lt(lastId)));
		}
		List<T> items = mongo.find(Query.query(page)
			.with(Sort.by(Sort.Direction.DESC, timeField).and(Sort.by(Sort.Direction.DESC, "_id")))
			.limit(size + 1), type);
		return Connection.of(items, size, item -> time.apply(item).toEpochMilli() + "|" + id.apply(item), (int) total);
	}

	private static Instant epochMilli(String text) {
		try {
			return Instant.ofEpochMilli(Long.parseLong(text));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
