package io.creditdesk.bench;

import java.util.HashMap;
import java.util.Map;

/** The load drivers' {@code key=value} arguments. */
record DriverOptions(Map<String, String> values) {

	static DriverOptions parse(String[] args) {
		Map<String, String> values = new HashMap<>();
		for (String arg : args) {
			int eq = arg.indexOf('=');
			if (eq <= 0) {
				throw new IllegalArgumentException("Arguments are key=value, got '" + arg + "'");
			}
			values.put(arg.substring(0, eq), arg.substring(eq + 1));
		}
		return new DriverOptions(Map.copyOf(values));
	}

	int integer(String key, int fallback) {
		return Integer.parseInt(this.values.getOrDefault(key, String.valueOf(fallback)));
	}

	String text(String key, String fallback) {
		return this.values.getOrDefault(key, fallback);
	}

}
