package io.creditdesk.embedded;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every pair of values orders as in the library's value order: strings (empty, case,
 * prefixes, non-ASCII), dates, ObjectIds, booleans, and values of other or mixed types
 * (numbers, decimals, subdocuments, lists, null, missing) that are left to the library.
 */
class PlainValueOrderTests {

	@Test
	void ordersEveryPairAsTheLibrary() {
		List<Object> values = new ArrayList<>(List.of("", "a", "A", "ab", "b", "é", "z", "10", "9", Instant.EPOCH,
				Instant.parse("2026-12-05T10:00:00Z"), Instant.parse("1969-07-20T20:17:00Z"), new ObjectId(),
				new ObjectId(), true, false, 1, 2L, 1.5, new Decimal128(new BigDecimal("1.50")), new Document("a", 1),
				List.of(1, 2), Missing.getInstance()));
		values.add(null);
		for (Object a : values) {
			for (Object b : values) {
				assertThat(Integer.signum(PlainValueOrder.compare(a, b))).as("%s against %s", a, b)
					.isEqualTo(Integer.signum(ValueComparator.asc().compare(a, b)));
			}
		}
	}

}
