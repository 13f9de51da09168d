package io.creditdesk.limitrequest;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The rules of credit limit requests stay plain Java: no Spring, no store, no security
 * context, so the service that will use them can be tested apart from them and they apart
 * from it.
 */
class LimitRequestRulesTests {

	private static final JavaClasses RULES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importClasses(ApprovalMatrix.class, ApprovalRoute.class, ApprovalStep.class, ApproverRole.class,
				Analysis.class, AnalysisSnapshot.class, BusinessCalendar.class, BusinessDuration.class, CheckCode.class,
				CheckOutcome.class, CheckResult.class, CounterOffer.class, PreAnalysis.class, PreAnalysisPolicy.class,
				ReasonCode.class, Refusal.class, RequestAction.class, RequestErrorCode.class, RequestLifecycle.class,
				RequestOrigin.class, RequestStatus.class, RequestType.class, ReviewSchedule.class,
				SegregationOfDuties.class, StepStatus.class);

	@Test
	void theRulesUseNeitherSpringNorAStoreNorTheSecurityContext() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "com.mongodb..", "org.bson..", "org.apache.kafka..")
			.orShould()
			.dependOnClassesThat()
			.haveFullyQualifiedName("io.creditdesk.common.Actor")
			.check(RULES);
	}

}
