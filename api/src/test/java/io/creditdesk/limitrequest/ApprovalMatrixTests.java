package io.creditdesk.limitrequest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.Money;
import io.creditdesk.common.UserError;
import io.creditdesk.limitrequest.ApprovalMatrix.BandDefinition;
import io.creditdesk.limitrequest.ApprovalMatrix.Definition;
import io.creditdesk.limitrequest.ApprovalMatrix.GradeRouteDefinition;
import io.creditdesk.limitrequest.ApprovalMatrix.StepDefinition;
import io.creditdesk.scoring.model.RiskGrade;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

class ApprovalMatrixTests {

	private final ApprovalMatrix matrix = ApprovalMatrix.shippedDefault();

	/**
	 * The shipped default, band by band and grade by grade, at and just past each bound.
	 */
	@ParameterizedTest(name = "{0} EUR, grade {1} -> {2} ({3})")
	@CsvSource(nullValues = "-", textBlock = """
			# amount,     grade, steps,                    sla
			0,            A,     CREDIT_ANALYST,           4 business hours
			12000,        -,     CREDIT_ANALYST,           4 business hours
			25000.00,     A,     CREDIT_ANALYST,           4 business hours
			25000,        B,     CREDIT_ANALYST,           4 business hours
			25000,        C,     CREDIT_ANALYST,           4 business hours
			25000,        D,     CREDIT_MANAGER,           4 business hours
			25000,        E,     CREDIT_MANAGER,           4 business hours
			25000.01,     A,     CREDIT_MANAGER,           1 business day
			25000.01,     -,     CREDIT_MANAGER,           1 business day
			250000,       C,     CREDIT_MANAGER,           1 business day
			250000,       D,     CREDIT_MANAGER > CFO,     1 business day
			250000,       E,     CREDIT_MANAGER > CFO,     1 business day
			250000.01,    A,     CREDIT_MANAGER > CFO,     2 business days
			250000.01,    -,     CREDIT_MANAGER > CFO,     2 business days
			250000.01,    D,     CREDIT_MANAGER > CFO,     2 business days
			99000000,     E,     CREDIT_MANAGER > CFO,     2 business days
			""")
	void theShippedDefaultRoutesByBandAndGrade(String amount, RiskGrade grade, String steps, String sla) {
		ApprovalRoute route = this.matrix.route(Money.of(amount, "EUR"), grade);
		assertThat(route.steps()).extracting((step) -> step.role().name()).containsExactly(steps.split(" > "));
		assertThat(route.steps()).allSatisfy((step) -> assertThat(step.approvers()).isEqualTo(1));
		assertThat(route.sla()).hasToString(sla);
	}

	@Test
	void aRouteSaysWhichBandAndWhetherTheGradeChoseIt() {
		ApprovalRoute risky = this.matrix.route(Money.of("1000", "EUR"), RiskGrade.E);
		assertThat(risky.band()).isZero();
		assertThat(risky.bandUpTo()).isEqualByComparingTo("25000");
		assertThat(risky.gradeRoute()).isEqualTo(RiskGrade.E);
		ApprovalRoute top = this.matrix.route(Money.of("300000", "EUR"), RiskGrade.E);
		assertThat(top.band()).isEqualTo(2);
		assertThat(top.bandUpTo()).isNull();
		assertThat(top.gradeRoute()).isNull();
		assertThat(this.matrix.higherRoleMayAct()).isFalse();
		assertThat(this.matrix.escalatedStepToNextLevel()).isFalse();
	}

	@Test
	void amountsAreRoutedOnlyInTheMatrixCurrency() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.matrix.route(Money.of("1000", "USD"), RiskGrade.A))
			.withMessageContaining("convert");
		assertThatIllegalArgumentException().isThrownBy(() -> this.matrix.route(Money.of("-1", "EUR"), RiskGrade.A));
	}

	@Test
	void aMatrixSurvivesItsDefinition() {
		Definition definition = this.matrix.toDefinition();
		assertThat(definition.bands().get(0).gradeRoutes()).containsExactly(
				new GradeRouteDefinition(List.of("D", "E"), List.of(new StepDefinition("CREDIT_MANAGER", 1))));
		assertThat(ApprovalMatrix.from(definition)).isEqualTo(this.matrix);
	}

	@Test
	void aCustomMatrixWithSeveralApproversAndItsOwnRules() {
		ApprovalMatrix custom = ApprovalMatrix.from(new Definition("usd",
				List.of(band("1000000", List.of(step(" credit_manager ", 2)),
						List.of(grades(List.of("e"), step("CFO", null))), 3, "hours"),
						band(null, List.of(step("CREDIT_MANAGER", null), step("CFO", 2)), List.of(), 5, "DAYS")),
				true, true));
		assertThat(custom.currency()).isEqualTo("USD");
		assertThat(custom.route(Money.of("1000000", "USD"), RiskGrade.A).steps())
			.containsExactly(new ApprovalStep(ApproverRole.CREDIT_MANAGER, 2));
		assertThat(custom.route(Money.of("5", "USD"), RiskGrade.E).steps())
			.containsExactly(ApprovalStep.one(ApproverRole.CFO));
		assertThat(custom.route(Money.of("1000000.01", "USD"), null).steps())
			.containsExactly(ApprovalStep.one(ApproverRole.CREDIT_MANAGER), new ApprovalStep(ApproverRole.CFO, 2));
		assertThat(custom.route(Money.of("1000000.01", "USD"), null).sla()).isEqualTo(BusinessDuration.days(5));
		assertThat(custom.segregationOfDuties()).isEqualTo(new SegregationOfDuties(true, true));
	}

	static Stream<Arguments> invalidMatrices() {
		return Stream.of(
				invalid("no currency", (d) -> new Definition(null, d.bands(), false, false), "currency", "REQUIRED"),
				invalid("an unknown currency", (d) -> new Definition("EURO", d.bands(), false, false), "currency",
						"UNKNOWN_CURRENCY"),
				invalid("no bands", (d) -> new Definition("EUR", List.of(), false, false), "bands", "REQUIRED"),
				invalid("a last band with a bound", (d) -> withBand(d, 2, (b) -> withUpTo(b, "1000000")),
						"bands[2].upTo", "MATRIX_GAP"),
				invalid("an unbounded band before the last", (d) -> withBand(d, 1, (b) -> withUpTo(b, null)),
						"bands[1].upTo", "BANDS_NOT_ASCENDING"),
				invalid("bands out of order", (d) -> withBand(d, 1, (b) -> withUpTo(b, "20000")), "bands[1].upTo",
						"BANDS_NOT_ASCENDING"),
				invalid("two bands with the same bound", (d) -> withBand(d, 1, (b) -> withUpTo(b, "25000.00")),
						"bands[1].upTo", "BANDS_NOT_ASCENDING"),
				invalid("a band ending at zero", (d) -> withBand(d, 0, (b) -> withUpTo(b, "0")), "bands[0].upTo",
						"OUT_OF_RANGE"),
				invalid("a bound with more decimals than the currency has",
						(d) -> withBand(d, 0, (b) -> withUpTo(b, "1000.005")), "bands[0].upTo", "TOO_MANY_DECIMALS"),
				invalid("a bound beyond every amount", (d) -> withBand(d, 0, (b) -> withUpTo(b, "1E+20")),
						"bands[0].upTo", "AMOUNT_OUT_OF_RANGE"),
				invalid("a band without steps", (d) -> withBand(d, 0, (b) -> withSteps(b, List.of())), "bands[0].steps",
						"REQUIRED"),
				invalid("an unknown role",
						(d) -> withBand(d, 2, (b) -> withSteps(b, List.of(step("CREDIT_MANAGER", 1), step("CEO", 1)))),
						"bands[2].steps[1].role", "UNKNOWN_ROLE"),
				invalid("a role that approves nothing",
						(d) -> withBand(d, 0, (b) -> withSteps(b, List.of(step("SALES", 1)))), "bands[0].steps[0].role",
						"UNKNOWN_ROLE"),
				invalid("no approver", (d) -> withBand(d, 0, (b) -> withSteps(b, List.of(step("CREDIT_ANALYST", 0)))),
						"bands[0].steps[0].approvers", "OUT_OF_RANGE"),
				invalid("too many approvers",
						(d) -> withBand(d, 0, (b) -> withSteps(b, List.of(step("CREDIT_ANALYST", 6)))),
						"bands[0].steps[0].approvers", "OUT_OF_RANGE"),
				invalid("an unknown grade",
						(d) -> withBand(d, 0,
								(b) -> withGradeRoutes(b, List.of(grades(List.of("D", "F"), step("CFO", 1))))),
						"bands[0].gradeRoutes[0].grades[1]", "UNKNOWN_GRADE"),
				invalid("a grade with two routes",
						(d) -> withBand(d, 0,
								(b) -> withGradeRoutes(b,
										List.of(grades(List.of("D"), step("CFO", 1)),
												grades(List.of("E", "D"), step("CFO", 1))))),
						"bands[0].gradeRoutes[1].grades[1]", "DUPLICATE_GRADE"),
				invalid("a grade route without steps",
						(d) -> withBand(d, 0,
								(b) -> withGradeRoutes(b, List.of(new GradeRouteDefinition(List.of("E"), List.of())))),
						"bands[0].gradeRoutes[0].steps", "REQUIRED"),
				invalid("no SLA", (d) -> withBand(d, 1, (b) -> withSla(b, null, "DAYS")), "bands[1].slaAmount",
						"REQUIRED"),
				invalid("an SLA of zero", (d) -> withBand(d, 1, (b) -> withSla(b, 0, "DAYS")), "bands[1].slaAmount",
						"OUT_OF_RANGE"),
				invalid("an unknown SLA unit", (d) -> withBand(d, 1, (b) -> withSla(b, 2, "WEEKS")), "bands[1].slaUnit",
						"UNKNOWN_SLA_UNIT"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidMatrices")
	void anInvalidMatrixIsRefusedWithTheFieldAndAStableCode(String problem, Definition definition, String field,
			String code) {
		CreditDeskException refused = catchThrowableOfType(CreditDeskException.class,
				() -> ApprovalMatrix.from(definition));
		assertThat(refused).as(problem).isNotNull();
		assertThat(refused.errors()).extracting(UserError::field, e -> e.code().code())
			.containsExactly(tuple(field, code));
		assertThat(refused.errors().get(0).message()).isNotBlank();
	}

	@Test
	void everyProblemIsReportedAtOnce() {
		Definition broken = new Definition("EUR",
				List.of(band("25000", List.of(step("CLERK", 1)), List.of(), 4, "HOURS"),
						band("10000", List.of(step("CFO", 1)), List.of(), 1, "YEARS")),
				false, false);
		CreditDeskException refused = catchThrowableOfType(CreditDeskException.class,
				() -> ApprovalMatrix.from(broken));
		assertThat(refused.errors()).extracting(e -> e.code().code())
			.containsExactly("UNKNOWN_ROLE", "BANDS_NOT_ASCENDING", "UNKNOWN_SLA_UNIT");
	}

	private static Arguments invalid(String problem, UnaryOperator<Definition> change, String field, String code) {
		return Arguments.of(problem, change.apply(ApprovalMatrix.shippedDefault().toDefinition()), field, code);
	}

	private static Definition withBand(Definition definition, int index, UnaryOperator<BandDefinition> change) {
		List<BandDefinition> bands = new ArrayList<>(definition.bands());
		bands.set(index, change.apply(bands.get(index)));
		return new Definition(definition.currency(), bands, definition.higherRoleMayAct(),
				definition.escalatedStepToNextLevel());
	}

	private static BandDefinition withUpTo(BandDefinition band, String upTo) {
		return new BandDefinition((upTo != null) ? new BigDecimal(upTo) : null, band.steps(), band.gradeRoutes(),
				band.slaAmount(), band.slaUnit());
	}

	private static BandDefinition withSteps(BandDefinition band, List<StepDefinition> steps) {
		return new BandDefinition(band.upTo(), steps, band.gradeRoutes(), band.slaAmount(), band.slaUnit());
	}

	private static BandDefinition withGradeRoutes(BandDefinition band, List<GradeRouteDefinition> routes) {
		return new BandDefinition(band.upTo(), band.steps(), routes, band.slaAmount(), band.slaUnit());
	}

	private static BandDefinition withSla(BandDefinition band, Integer amount, String unit) {
		return new BandDefinition(band.upTo(), band.steps(), band.gradeRoutes(), amount, unit);
	}

	private static BandDefinition band(String upTo, List<StepDefinition> steps, List<GradeRouteDefinition> gradeRoutes,
			Integer sla, String unit) {
		return new BandDefinition((upTo != null) ? new BigDecimal(upTo) : null, steps, gradeRoutes, sla, unit);
	}

	private static GradeRouteDefinition grades(List<String> grades, StepDefinition... steps) {
		return new GradeRouteDefinition(grades, Arrays.asList(steps));
	}

	private static StepDefinition step(String role, Integer approvers) {
		return new StepDefinition(role, approvers);
	}

}
