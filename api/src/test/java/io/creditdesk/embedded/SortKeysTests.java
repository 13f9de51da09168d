package io.creditdesk.embedded;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import de.bwaldvogel.mongo.backend.DocumentComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SortKeys} orders documents exactly as the library's {@link DocumentComparator}:
 * every pair compared with the same sign, for sorts on one and several top-level fields,
 * ascending and descending, over values of every type the store holds, missing fields,
 * nulls and arrays; dotted keys and {@code $natural} as the library treats them.
 */
class SortKeysTests {

	static Stream<Document> sorts() {
		return Stream.of(new Document("customerId", 1).append("invoiceDate", 1), new Document("v", 1),
				new Document("v", -1), new Document("v", 1).append("w", -1), new Document("w", -1L).append("v", 1.0),
				new Document("_id", 1), new Document("n.x", 1), new Document("customerId", 1).append("n.x", -1));
	}

	@ParameterizedTest
	@MethodSource("sorts")
	void ordersEveryPairAsTheLibrary(Document orderBy) {
		Comparator<Document> library = new DocumentComparator(orderBy);
		Comparator<Document> keys = SortKeys.of(orderBy);
		List<Document> documents = documents();
		for (Document first : documents) {
			for (Document second : documents) {
				assertThat(Integer.signum(keys.compare(first, second)))
					.as("%s against %s by %s", first, second, orderBy)
					.isEqualTo(Integer.signum(library.compare(first, second)));
			}
		}
		List<Document> byLibrary = new ArrayList<>(documents);
		byLibrary.sort(library);
		List<Document> byKeys = new ArrayList<>(documents);
		byKeys.sort(keys);
		assertThat(byKeys).containsExactlyElementsOf(byLibrary);
	}

	@ParameterizedTest
	@MethodSource("unsorted")
	void noSortAndNaturalOrderLeaveTheScansOrder(Document orderBy) {
		assertThat(SortKeys.of(orderBy)).isNull();
	}

	static Stream<Document> unsorted() {
		return Stream.of(null, new Document(), new Document("$natural", 1), new Document("$natural", -1));
	}

	private static List<Document> documents() {
		List<Object> values = new ArrayList<>();
		values.add("b");
		values.add("a");
		values.add("");
		values.add(new ObjectId("6500000000000000000000a1"));
		values.add(new ObjectId("6500000000000000000000a0"));
		values.add(Instant.ofEpochMilli(1_700_000_000_000L));
		values.add(Instant.ofEpochMilli(1_600_000_000_000L));
		values.add(1);
		values.add(2L);
		values.add(1.5);
		values.add(true);
		values.add(null);
		values.add(List.of(3, 1));
		values.add(List.of());
		values.add(new Document("x", 1));
		List<Document> documents = new ArrayList<>();
		int i = 0;
		for (Object v : values) {
			Object w = values.get((i * 7) % values.size());
			documents.add(new Document("_id", i).append("customerId", (i % 3 == 0) ? "c1" : "c2")
				.append("invoiceDate", Instant.ofEpochMilli(1_700_000_000_000L - i * 86_400_000L))
				.append("v", v)
				.append("w", w)
				.append("n", new Document("x", values.get((i * 5) % values.size()))));
			i++;
		}
		// Fields missing altogether.
		documents.add(new Document("_id", "no-fields"));
		documents.add(new Document("_id", "only-v").append("v", "a"));
		return documents;
	}

}
