package io.creditdesk.limitrequest;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.common.Money;
import io.creditdesk.common.UserError;
import io.creditdesk.limitrequest.PreAnalysisPolicy.Definition;
import io.creditdesk.scoring.model.RiskGrade;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A pre-analysis policy as people write it: the shipped default round-trips, and each
 * wrong setting is refused with its field and a stable code (its sentence from the
 * catalogue).
 */
class PreAnalysisPolicyTests {

	@Test
	void theShippedDefaultRoundTripsThroughItsDefinition() {
		assertThat(PreAnalysisPolicy.from(PreAnalysisPolicy.DEFAULT.toDefinition()))
			.isEqualTo(PreAnalysisPolicy.DEFAULT);
		assertThat(PreAnalysisPolicy.DEFAULT.verificationRequired()).isTrue();
		assertThat(PreAnalysisPolicy.DEFAULT.bureauReportMaxAgeMonths()).isEqualTo(6);
	}

	@Test
	void gradesAreReadAsPeopleWriteThem() {
		PreAnalysisPolicy policy = PreAnalysisPolicy.from(
				with(with(PreAnalysisPolicy.DEFAULT.toDefinition(), "straightThroughGrades", List.of(" a", "b ", "C")),
						"warnFromGrade", "c"));
		assertThat(policy.straightThroughGrades()).containsExactlyInAnyOrder(RiskGrade.A, RiskGrade.B, RiskGrade.C);
		assertThat(policy.warnFromGrade()).isEqualTo(RiskGrade.C);
	}

	static Stream<Arguments> invalidPolicies() {
		return Stream.of(
				invalid("straightThroughMax", Money.of("-1", "EUR"), "straightThroughMax.amount", "NEGATIVE_AMOUNT"),
				invalid("maxOverdue", Money.of("-0.01", "CHF"), "maxOverdue.amount", "NEGATIVE_AMOUNT"),
				invalid("straightThroughGrades", List.of("A", "AAA"), "straightThroughGrades[1]", "UNKNOWN_GRADE"),
				invalid("maxOverdueDays", -1, "maxOverdueDays", "OUT_OF_RANGE"),
				invalid("warnLimitToRevenue", null, "warnLimitToRevenue", "REQUIRED"),
				invalid("maxLimitToRevenue", new BigDecimal("1.5"), "maxLimitToRevenue", "OUT_OF_RANGE"),
				invalid("warnLimitToRevenue", new BigDecimal("0.3"), "warnLimitToRevenue", "THRESHOLDS_OUT_OF_ORDER"),
				invalid("warnAverageDaysBeyondTerms", new BigDecimal("-1"), "warnAverageDaysBeyondTerms",
						"OUT_OF_RANGE"),
				invalid("maxAverageDaysBeyondTerms", new BigDecimal("5"), "warnAverageDaysBeyondTerms",
						"THRESHOLDS_OUT_OF_ORDER"),
				invalid("minOnTimeRate", new BigDecimal("0.9"), "warnOnTimeRate", "THRESHOLDS_OUT_OF_ORDER"),
				invalid("warnOnTimeRate", new BigDecimal("1.01"), "warnOnTimeRate", "OUT_OF_RANGE"),
				invalid("warnFromGrade", "F", "warnFromGrade", "UNKNOWN_GRADE"),
				invalid("failFromGrade", "C", "warnFromGrade", "THRESHOLDS_OUT_OF_ORDER"),
				invalid("verificationRequired", null, "verificationRequired", "REQUIRED"),
				invalid("bureauReportMaxAgeMonths", 61, "bureauReportMaxAgeMonths", "OUT_OF_RANGE"),
				invalid("bureauReportMaxAgeMonths", null, "bureauReportMaxAgeMonths", "REQUIRED"));
	}

	@ParameterizedTest(name = "{0} = {1}")
	@MethodSource("invalidPolicies")
	void aWrongSettingIsRefusedWithItsFieldAndAStableCode(String setting, Object value, Definition definition,
			String field, String code) {
		CreditDeskException refused = catchThrowableOfType(CreditDeskException.class,
				() -> PreAnalysisPolicy.from(definition));
		assertThat(refused).as(setting + " = " + value).isNotNull();
		assertThat(refused.errors()).extracting(UserError::field, (e) -> e.code().code())
			.containsExactly(tuple(field, code));
		UserError error = refused.errors().get(0);
		assertThat(MessageCatalogue.contains(error.messageKey())).as(error.messageKey()).isTrue();
		assertThat(error.message()).isNotBlank();
	}

	@Test
	void everyProblemIsReportedAtOnce() {
		Definition broken = with(with(with(PreAnalysisPolicy.DEFAULT.toDefinition(), "warnFromGrade", "Z"),
				"minOnTimeRate", new BigDecimal("2")), "verificationRequired", null);
		CreditDeskException refused = catchThrowableOfType(CreditDeskException.class,
				() -> PreAnalysisPolicy.from(broken));
		assertThat(refused.errors()).extracting(UserError::field)
			.containsExactly("minOnTimeRate", "warnFromGrade", "verificationRequired");
	}

	@Test
	void amountsAreComparedInTheirCurrenciesAndWithoutARateNothingGoesStraightThrough() {
		PreAnalysisPolicy eur = PreAnalysisPolicy.DEFAULT.withMaxOverdue(Money.of("1000", "EUR"));
		PreAnalysisPolicy chf = eur.inCurrencies("EUR", "CHF", (amount, currency) -> Money
			.of(amount.amount().multiply(BigDecimal.valueOf(2)).toPlainString(), currency));
		assertThat(chf.straightThroughMax()).isEqualTo(Money.of("10000", "EUR"));
		assertThat(chf.maxOverdue()).isEqualTo(Money.of("2000", "CHF"));
		PreAnalysisPolicy noRate = eur.inCurrencies("USD", "CHF", (amount, currency) -> null);
		assertThat(noRate.straightThroughMax()).isNull();
		assertThat(noRate.maxOverdue()).isNull();
		assertThat(noRate.maxOverdueDays()).isEqualTo(30);
	}

	private static Arguments invalid(String setting, Object value, String field, String code) {
		return Arguments.of(setting, value, with(PreAnalysisPolicy.DEFAULT.toDefinition(), setting, value), field,
				code);
	}

	/** The definition with one setting changed. */
	private static Definition with(Definition definition, String setting, Object value) {
		RecordComponent[] components = Definition.class.getRecordComponents();
		try {
			Object[] values = new Object[components.length];
			for (int i = 0; i < components.length; i++) {
				values[i] = components[i].getName().equals(setting) ? value
						: components[i].getAccessor().invoke(definition);
			}
			return Definition.class
				.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new))
				.newInstance(values);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
