package io.creditdesk.scoring.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} options and {@code --flag}s after the command word; anything else
 * is a usage error.
 */
final class Args {

	static final class UsageException extends RuntimeException {

		UsageException(String message) {
			super(message);
		}

	}

	private final Map<String, String> values = new HashMap<>();

	private final Set<String> flags = new HashSet<>();

	private final Set<String> used = new HashSet<>();

	Args(String[] args, int from, Set<String> flagNames, Set<String> optionNames) {
		for (int i = from; i < args.length; i++) {
			String a = args[i];
			if (!a.startsWith("--") || a.length() < 3) {
				throw new UsageException("unexpected argument '" + a + "'");
			}
			String name = a.substring(2);
			if (!flagNames.contains(name) && !optionNames.contains(name)) {
				throw new UsageException("unknown option --" + name + " for " + args[0]);
			}
			if (flagNames.contains(name)) {
				flags.add(name);
			}
			else if (i + 1 < args.length) {
				values.put(name, args[++i]);
			}
			else {
				throw new UsageException("option --" + name + " needs a value");
			}
		}
	}

	String required(String name) {
		used.add(name);
		String v = values.get(name);
		if (v == null || v.isBlank()) {
			throw new UsageException("missing required option --" + name);
		}
		return v;
	}

	String optional(String name, String fallback) {
		used.add(name);
		return values.getOrDefault(name, fallback);
	}

	long longValue(String name, long fallback) {
		String v = optional(name, null);
		try {
			return v == null ? fallback : Long.parseLong(v);
		}
		catch (NumberFormatException e) {
			throw new UsageException("--" + name + " must be a whole number, was '" + v + "'");
		}
	}

	double doubleValue(String name, double fallback) {
		String v = optional(name, null);
		try {
			return v == null ? fallback : Double.parseDouble(v);
		}
		catch (NumberFormatException e) {
			throw new UsageException("--" + name + " must be a number, was '" + v + "'");
		}
	}

	boolean flag(String name) {
		return flags.contains(name);
	}

	/**
	 * Fails on options the command did not ask for (typos). Call after reading all
	 * options.
	 */
	void rejectUnknown() {
		for (String k : values.keySet()) {
			if (!used.contains(k)) {
				throw new UsageException("unknown option --" + k);
			}
		}
	}

}
