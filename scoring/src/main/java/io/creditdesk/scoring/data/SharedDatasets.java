package io.creditdesk.scoring.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The development datasets that sit beside the project in {@code ../shared/datasets}
 * (never inside the repository). Tests and benchmarks run from a module directory or from
 * the project root, so the directory is found by walking up from the working directory
 * and trying {@code ../shared/datasets} at every level. Callers must cope with absence:
 * tests skip through JUnit assumptions, the CLI asks for {@code --input}.
 */
public final class SharedDatasets {

	/** The UCI "default of credit card clients" development subset. */
	public static final String UCI = "uci-credit-default-dev.csv";

	/** The IBM accounts-receivable development subset. */
	public static final String IBM_AR = "ibm-accounts-receivable-dev.csv";

	private SharedDatasets() {
	}

	/**
	 * The file {@code name} in the shared datasets directory, if that directory and the
	 * file exist.
	 */
	public static Optional<Path> find(String name) {
		return find(name, Path.of("").toAbsolutePath());
	}

	/**
	 * As {@link #find(String)}, walking up from {@code start} instead of the working
	 * directory.
	 */
	public static Optional<Path> find(String name, Path start) {
		for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
			Path parent = dir.getParent();
			if (parent == null) {
				break;
			}
			Path candidate = parent.resolve("shared").resolve("datasets").resolve(name);
			if (Files.isRegularFile(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

}
