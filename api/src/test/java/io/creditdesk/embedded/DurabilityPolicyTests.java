package io.creditdesk.embedded;

import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which commands the embedded store answers only once durable, by command and write
 * concern.
 */
class DurabilityPolicyTests {

	@ParameterizedTest(name = "{0} with write concern [{1}] waits: {2}")
	@CsvSource(delimiter = '|', nullValues = "none", textBlock = """
			insert        | none                | true
			update        | none                | true
			delete        | none                | true
			findAndModify | none                | true
			findandmodify | none                | true
			createIndexes | none                | true
			create        | none                | true
			drop          | none                | true
			dropIndexes   | none                | true
			insert        | j=true              | true
			insert        | w=majority          | true
			insert        | w=majority,j=true   | true
			insert        | w=1                 | true
			insert        | w=2                 | true
			insert        | j=false             | false
			insert        | w=majority,j=false  | false
			update        | w=1,j=false         | false
			insert        | w=0                 | false
			insert        | w=0,j=true          | true
			insert        | fsync=true,w=0      | true
			insert        | j=1                 | true
			insert        | j=0                 | false
			find          | none                | false
			aggregate     | none                | false
			getMore       | none                | false
			count         | none                | false
			ping          | none                | false
			aggregate     | w=majority          | true
			aggregate     | j=false             | false
			""")
	void waitsForDisk(String command, String writeConcern, boolean waits) {
		Document body = new Document(command, "things");
		if (writeConcern != null) {
			body.put("writeConcern", concern(writeConcern));
		}
		assertThat(DurabilityPolicy.waitsForDisk(command, body)).isEqualTo(waits);
	}

	/**
	 * {@code w=majority,j=true} as the driver sends it: booleans, numbers and strings.
	 */
	private static Document concern(String spec) {
		Document concern = new Document();
		for (String part : spec.split(",")) {
			String[] pair = part.split("=", 2);
			String value = pair[1];
			Object parsed = switch (value) {
				case "true" -> Boolean.TRUE;
				case "false" -> Boolean.FALSE;
				default -> value.chars().allMatch(Character::isDigit) ? (Object) Integer.valueOf(value) : value;
			};
			concern.put(pair[0], parsed);
		}
		return concern;
	}

}
