package io.creditdesk;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.creditdesk.bureau.BureauException;
import io.creditdesk.bureau.BureauFailure;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.ErrorCode;
import io.creditdesk.common.UserError;
import io.creditdesk.common.Validation;
import io.creditdesk.limitrequest.Refusal;
import io.creditdesk.limitrequest.RequestErrorCode;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * What {@link ModularityTests} does not see: the scoring library stays plain Java and
 * never depends on the service (whatever packages the service has), and nothing depends
 * on the demo data, and no code outside the message catalogue makes a refusal from a
 * sentence. The boundaries between the service's own modules are derived and verified
 * there.
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

	/**
	 * A refusal names its code, field and figures; its sentence comes from the catalogue
	 * (common's {@code MessageCatalogue}). Only {@code common} builds a
	 * {@link UserError}, and the constructors that take a sentence stay for code not yet
	 * moved, used by nobody (the old {@code Refusal} and {@code BureauException} ones
	 * forward to {@link CreditDeskException}'s).
	 */
	@Test
	void noRefusalIsMadeFromASentence() {
		noClasses().that()
			.resideOutsideOfPackage("io.creditdesk.common..")
			.and()
			.doNotBelongToAnyOf(Refusal.class, BureauException.class)
			.should()
			.callConstructor(UserError.class, String.class, String.class, ErrorCode.class)
			.orShould()
			.callConstructor(UserError.class, String.class, String.class, ErrorCode.class, String.class, List.class)
			.orShould()
			.callMethod(Validation.class, "reject", String.class, ErrorCode.class, String.class)
			.orShould()
			.callConstructor(CreditDeskException.class, ErrorCode.class, String.class, String.class)
			.because("a refusal's sentence comes from the message catalogue: UserError.of, CreditDeskException.refuse")
			.check(CLASSES);
		noClasses().should()
			.callConstructor(Refusal.class, RequestErrorCode.class, String.class)
			.orShould()
			.callConstructor(BureauException.class, BureauFailure.class, String.class, String.class)
			.because("a refusal's sentence comes from the message catalogue: Refusal.of, BureauException.of")
			.check(CLASSES);
	}

}
