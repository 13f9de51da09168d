package io.creditdesk;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * What {@link ModularityTests} does not see: the scoring library stays plain Java and
 * never depends on the service (whatever packages the service has), and nothing depends
 * on the demo data. The boundaries between the service's own modules are derived and
 * verified there.
 */
class ArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.creditdesk");

	private static final String[] LIBRARIES = { "io.creditdesk.scoring..", "io.creditdesk.trainingdata.." };

	@Test
	void scoringAndTrainingDataDoNotDependOnTheService() {
		noClasses().that()
			.resideInAnyPackage(LIBRARIES)
			.should()
			.dependOnClassesThat(resideInAPackage("io.creditdesk..").and(resideInAnyPackage(LIBRARIES).negate()))
			.allowEmptyShould(true)
			.check(CLASSES);
	}

	@Test
	void scoringDoesNotUseSpring() {
		noClasses().that()
			.resideInAPackage("io.creditdesk.scoring..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework..")
			.allowEmptyShould(true)
			.check(CLASSES);
	}

	/**
	 * Scoring must not slow order entry: the order credit check and the order intake
	 * never call the model nor read scores (scores are computed in the background).
	 */
	@Test
	void theOrderCreditCheckNeverCallsTheModel() {
		noClasses().that()
			.resideInAnyPackage("io.creditdesk.ledger..", "io.creditdesk.intake..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.creditdesk.risk..", "io.creditdesk.scoring..")
			.check(CLASSES);
	}

	@Test
	void nothingDependsOnTheDemoData() {
		noClasses().that()
			.resideOutsideOfPackage("io.creditdesk.demo..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.creditdesk.demo..")
			.check(CLASSES);
	}

}
