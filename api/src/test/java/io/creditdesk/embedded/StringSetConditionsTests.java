package io.creditdesk.embedded;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A query's string-list conditions checked with a hash set, the rest by the library,
 * decide every document as the library's matcher alone does: values that are strings,
 * absent, null, arrays, numbers, ObjectIds; conditions at the top level, in the parts of
 * an {@code $and}, twice on one field, with other operators beside them; and queries with
 * none (a list holding anything but strings, a path, an operator besides {@code $in}) are
 * not taken.
 */
class StringSetConditionsTests {

	private static final DefaultQueryMatcher LIBRARY = new DefaultQueryMatcher();

	private static Document in(Object... values) {
		return new Document("$in", List.of(values));
	}

	@Test
	void decidesEveryDocumentAsTheLibraryDoes() {
		List<Document> documents = new ArrayList<>();
		for (Object value : new Object[] { "c1", "c2", "c3", "C1", "", 1, 1.0, null, List.of("c1", "x"), List.of("x"),
				List.of(), new ObjectId(), new Document("c", "c1"), Instant.EPOCH }) {
			documents.add(new Document("_id", "d" + documents.size()).append("customerId", value)
				.append("status", (documents.size() % 2 == 0) ? "OPEN" : "PAID")
				.append("n", documents.size()));
		}
		documents.add(new Document("_id", "absent").append("status", "OPEN"));
		List<Document> queries = List.of(new Document("customerId", in("c1", "c2")),
				new Document("customerId", in("c1", "c2")).append("status", "OPEN"), new Document("customerId", in()),
				new Document("customerId", in("c1")).append("n", new Document("$gt", 3)),
				new Document("$and",
						List.of(new Document("customerId", new Document("$gte", "c1")),
								new Document("customerId", in("c1", "c3", "x")), new Document("status", "PAID"))),
				new Document("$and", List.of(new Document("customerId", in("c1", "c2")))),
				new Document("customerId", in("c1", "c2", "c3")).append("$and",
						List.of(new Document("customerId", in("c2", "c3")))),
				new Document("status", in("OPEN")).append("customerId", in("c1", "x")));
		for (Document query : queries) {
			StringSetConditions conditions = StringSetConditions.of(query);
			assertThat(conditions.applies()).as("%s", query).isTrue();
			for (Document document : documents) {
				Boolean own = conditions.matches(document);
				boolean decided = (own == null) ? LIBRARY.matches(document, query)
						: own && (conditions.rest() == null || LIBRARY.matches(document, conditions.rest()));
				assertThat(decided).as("%s on %s", query, document).isEqualTo(LIBRARY.matches(document, query));
			}
		}
	}

	@Test
	void takesOnlyListsOfStringsOnTopLevelFields() {
		for (Document query : List.of(new Document("customerId", in("c1", 7)),
				new Document("customerId", in("c1", new ObjectId())), new Document("a.b", in("c1")),
				new Document("customerId", in("c1").append("$ne", "c2")), new Document("customerId", "c1"),
				new Document("$or", List.of(new Document("customerId", in("c1")))),
				new Document("customerId", new Document("$nin", List.of("c1"))))) {
			assertThat(StringSetConditions.of(query).applies()).as("%s", query).isFalse();
		}
	}

}
