package io.creditdesk.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

	/**
	 * The service's arguments for a run: embedded defaults with a file-backed store in
	 * {@code dataDir}, random ports, no demo, quiet logs, the six-hourly reconciliation's
	 * first run after the run (it reads every order and invoice once, a cost of the book,
	 * not of the orders a phase places, and otherwise falls into whichever phase runs 10
	 * minutes after start), then {@code extra}, then every {@code app.<property>=<value>}
	 * option as {@code --<property>=<value>}.
	 */
	List<String> serviceArguments(Path dataDir, String... extra) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--creditdesk.embedded.data-dir=" + dataDir,
				"--creditdesk.embedded.in-memory=false", "--creditdesk.embedded.mongo-port=0",
				"--creditdesk.embedded.kafka-port=0", "--creditdesk.demo.enabled=false", "--logging.level.root=WARN",
				"--logging.level.io.creditdesk=WARN", "--spring.main.banner-mode=off",
				"--creditdesk.ledger.reconcile-initial-delay=PT24H"));
		args.addAll(List.of(extra));
		this.values.forEach((key, value) -> {
			if (key.startsWith("app.")) {
				args.add("--" + key.substring(4) + "=" + value);
			}
		});
		return args;
	}

}
