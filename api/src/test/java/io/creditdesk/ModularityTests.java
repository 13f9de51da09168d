package io.creditdesk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's modules are derived, not listed: every top-level package of
 * {@code io.creditdesk} is one, the day it is created. Spring Modulith checks that they
 * form no cycle, that a module uses another only through its base package (sub-packages
 * such as {@code intake.adapter} are internal), and that a module whose package-info
 * limits its dependencies ({@code @ApplicationModule(allowedDependencies = ...)}: the
 * kernel, the outboxes, the profiles) keeps to them. {@code scoring} and
 * {@code training-data} are Maven modules of their own, plain Java without Spring, kept
 * apart by the build and by {@link ArchitectureTests}; they are not modules of the
 * service.
 * <p>
 * The module diagrams in {@code docs/modules/} are generated from the same model; the
 * second test fails when they are stale. Regenerate them with
 * {@code ./mvnw -B -pl api -am verify -Dtest=ModularityTests -Dsurefire.failIfNoSpecifiedTests=false -Dmodulith.docs.update=true}.
 */
class ModularityTests {

	static final ApplicationModules MODULES = ApplicationModules.of(CreditDeskApplication.class,
			resideInAnyPackage("io.creditdesk.scoring..", "io.creditdesk.trainingdata.."));

	/**
	 * Where the committed diagrams live, seen from the api module (Surefire's working
	 * directory).
	 */
	private static final Path COMMITTED = Path.of("..", "docs", "modules");

	@Test
	void modulesKeepTheirBoundaries() {
		MODULES.verify();
	}

	@Test
	void theModuleDiagramsInDocsAreCurrent(@TempDir Path generated) throws IOException {
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(generated.toString()))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml();
		if (Boolean.getBoolean("modulith.docs.update")) {
			Files.createDirectories(COMMITTED);
			try (Stream<Path> stale = Files.list(COMMITTED)) {
				for (Path file : stale.toList()) {
					Files.delete(file);
				}
			}
			for (Path file : files(generated).keySet().stream().map(generated::resolve).toList()) {
				Files.copy(file, COMMITTED.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
			}
		}
		assertThat(files(COMMITTED))
			.as("docs/modules/ is stale: regenerate it (-Dmodulith.docs.update=true, see ModularityTests) and commit it")
			.isEqualTo(files(generated));
	}

	/**
	 * The files of {@code dir} by name, with their lines sorted: the Documenter writes
	 * the same elements and relations in an order that changes from run to run.
	 */
	private static Map<String, List<String>> files(Path dir) throws IOException {
		Map<String, List<String>> files = new TreeMap<>();
		if (!Files.isDirectory(dir)) {
			return files;
		}
		try (Stream<Path> list = Files.list(dir)) {
			list.filter(Files::isRegularFile).forEach(file -> {
				try {
					files.put(file.getFileName().toString(), Files.readAllLines(file).stream().sorted().toList());
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		return files;
	}

}
