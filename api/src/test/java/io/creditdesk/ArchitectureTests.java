package io.creditdesk;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Keeps the dependency directions true: the service may use scoring, never the reverse; the
 * shared kernel knows no capability; capabilities do not form cycles; audit and policy stay
 * below customer.
 */
class ArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.creditdesk");

	private static final String[] SERVICE_PACKAGES = { "io.creditdesk.customer..", "io.creditdesk.policy..",
			"io.creditdesk.ledger..", "io.creditdesk.fx..",
			"io.creditdesk.audit..", "io.creditdesk.demo..", "io.creditdesk.infrastructure..", "io.creditdesk.security..",
			"io.creditdesk.graphql..", "io.creditdesk.common.." };

	@Test
	void scoringAndTrainingDataDoNotDependOnTheService() {
		noClasses().that()
			.resideInAnyPackage("io.creditdesk.scoring..", "io.creditdesk.trainingdata..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(SERVICE_PACKAGES)
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

	@Test
	void theSharedKernelKnowsNoCapability() {
		noClasses().that()
			.resideInAnyPackage("io.creditdesk.common..", "io.creditdesk.graphql..", "io.creditdesk.security..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.creditdesk.customer..", "io.creditdesk.policy..", "io.creditdesk.audit..",
					"io.creditdesk.demo..", "io.creditdesk.ledger..", "io.creditdesk.fx..")
			.check(CLASSES);
	}

	@Test
	void theEventsOutboxKnowsNoCapability() {
		noClasses().that()
			.resideInAPackage("io.creditdesk.events..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.creditdesk.customer..", "io.creditdesk.policy..", "io.creditdesk.audit..",
					"io.creditdesk.demo..", "io.creditdesk.ledger..", "io.creditdesk.fx..", "io.creditdesk.intake..",
					"io.creditdesk.insight..")
			.check(CLASSES);
	}

	@Test
	void profilesKnowNothingOfTheLedger() {
		noClasses().that()
			.resideInAnyPackage("io.creditdesk.customer..", "io.creditdesk.policy..", "io.creditdesk.audit..", "io.creditdesk.fx..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.creditdesk.ledger..")
			.check(CLASSES);
	}

	@Test
	void auditAndPolicyDoNotKnowCustomers() {
		noClasses().that()
			.resideInAnyPackage("io.creditdesk.audit..", "io.creditdesk.policy..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.creditdesk.customer..", "io.creditdesk.demo..")
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

	@Test
	void capabilitiesAreFreeOfCycles() {
		slices().matching("io.creditdesk.(*)..").should().beFreeOfCycles().check(CLASSES);
	}

}
