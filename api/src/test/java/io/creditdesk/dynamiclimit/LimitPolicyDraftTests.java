package io.creditdesk.dynamiclimit;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.DecimalInput;
import io.creditdesk.common.UserError;
import io.creditdesk.common.Validation;
import io.creditdesk.dynamiclimit.LimitPolicyDraft.GradeMultiplierInput;
import io.creditdesk.scoring.model.RiskGrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class LimitPolicyDraftTests {

	private static LimitPolicyDraft only(String currency) {
		return new LimitPolicyDraft(currency, null, null, null, null, null, null, null, null, null, null, null, null,
				null, null, null, null, null, null, null, null, null, null);
	}

	@Test
	void anUnsetFieldKeepsTheShippedDefault() {
		Validation v = new Validation();
		assertThat(only("EUR").toPolicy(v)).isEqualTo(LimitAdjustmentPolicy.DEFAULT);
		assertThat(v.hasErrors()).isFalse();
	}

	@Test
	void aPolicyWrittenAsADraftReadsBackAsTheSamePolicy() {
		LimitAdjustmentPolicy policy = new LimitAdjustmentPolicy(20,
				Map.of(RiskGrade.A, new BigDecimal("1.5"), RiskGrade.B, new BigDecimal("1.2"), RiskGrade.C,
						BigDecimal.ONE, RiskGrade.D, new BigDecimal("0.6"), RiskGrade.E, BigDecimal.ZERO),
				new BigDecimal("3"), new BigDecimal("20"), new BigDecimal("40000"), new BigDecimal("25"),
				new BigDecimal("80000"), 45, 9, new BigDecimal("500"), Set.of(RiskGrade.E), new BigDecimal("0.9"), 20,
				10, new BigDecimal("0.6"), new BigDecimal("500"), new BigDecimal("5"), new BigDecimal("5000"), true,
				RiskGrade.D, 45, true);
		Validation v = new Validation();
		LimitAdjustmentPolicy read = LimitPolicyDraft.of(policy, "EUR").toPolicy(v);
		assertThat(v.hasErrors()).isFalse();
		assertThat(read.bufferDays()).isEqualTo(20);
		assertThat(read.gradeMultipliers().get(RiskGrade.A)).isEqualByComparingTo("1.5");
		assertThat(read.noIncreaseGrades()).containsExactly(RiskGrade.E);
		assertThat(read.maxStepUpAmount()).isEqualByComparingTo("40000");
		assertThat(read.severeGrade()).isEqualTo(RiskGrade.D);
		assertThat(read.autoApplyDecreases()).isTrue();
		assertThat(read.allowBelowExposure()).isTrue();
		assertThat(LimitPolicyDraft.of(read, "EUR").toPolicy(new Validation())).isEqualTo(read);
	}

	@Test
	void gradesNotListedKeepTheirDefaultMultiplier() {
		LimitPolicyDraft draft = new LimitPolicyDraft("EUR", null,
				List.of(new GradeMultiplierInput("b", DecimalInput.of("1.3"))), null, null, null, null, null, null,
				null, null, List.of(), null, null, null, null, null, null, null, null, null, null, null);
		LimitAdjustmentPolicy policy = draft.toPolicy(new Validation());
		assertThat(policy.gradeMultipliers().get(RiskGrade.B)).isEqualByComparingTo("1.3");
		assertThat(policy.gradeMultipliers().get(RiskGrade.A)).isEqualByComparingTo("1.25");
		assertThat(policy.noIncreaseGrades()).isEmpty();
	}

	static Stream<Arguments> refusals() {
		DecimalInput minus = DecimalInput.of("-1");
		return Stream.of(Arguments.of(only(null), "currency", "REQUIRED"),
				Arguments.of(only("XXY"), "currency", "UNKNOWN_CURRENCY"),
				Arguments.of(draft().bufferDays(400).build(), "bufferDays", "OUT_OF_RANGE"),
				Arguments.of(draft().cooldownDays(-1).build(), "cooldownDays", "OUT_OF_RANGE"),
				Arguments.of(draft().severeOverdueDays(0).build(), "severeOverdueDays", "OUT_OF_RANGE"),
				Arguments.of(draft().deadBand(DecimalInput.of("101")).build(), "deadBandPercent", "OUT_OF_RANGE"),
				Arguments.of(draft().maxStepUpAmount(minus).build(), "maxStepUpAmount", "NEGATIVE_AMOUNT"),
				Arguments.of(draft().maxStepUpAmount(DecimalInput.of("10.001")).build(), "maxStepUpAmount",
						"TOO_MANY_DECIMALS"),
				Arguments.of(draft().maxStepUpAmount(DecimalInput.of("1e20")).build(), "maxStepUpAmount",
						"AMOUNT_OUT_OF_RANGE"),
				Arguments.of(draft().roundingUnit(DecimalInput.of("0")).build(), "roundingUnit", "AMOUNT_NOT_POSITIVE"),
				Arguments.of(draft().onTime(DecimalInput.of("1.5")).build(), "minOnTimeRate", "OUT_OF_RANGE"),
				Arguments.of(draft().onTime(DecimalInput.of("abc")).build(), "minOnTimeRate", "MALFORMED_DECIMAL"),
				Arguments.of(draft().multiplier("F", "1").build(), "gradeMultipliers[0].grade", "UNKNOWN_GRADE"),
				Arguments.of(draft().multiplier("A", "6").build(), "gradeMultipliers[0].multiplier", "OUT_OF_RANGE"),
				Arguments.of(draft().multiplier("A", null).build(), "gradeMultipliers[0].multiplier", "REQUIRED"),
				Arguments.of(draft().severeGrade("Z").build(), "severeGrade", "UNKNOWN_GRADE"),
				Arguments.of(draft().noIncrease("X").build(), "noIncreaseGrades[0]", "UNKNOWN_GRADE"));
	}

	@ParameterizedTest(name = "{1} {2}")
	@MethodSource("refusals")
	void eachBadFieldIsRefusedWithItsFieldAndCode(LimitPolicyDraft draft, String field, String code) {
		Validation v = new Validation();
		assertThat(draft.toPolicy(v)).isNull();
		assertThat(v.hasErrors()).isTrue();
		try {
			v.throwIfInvalid();
			throw new AssertionError("refused nothing");
		}
		catch (CreditDeskException ex) {
			assertThat(ex.errors()).extracting(UserError::field, (e) -> e.code().code())
				.containsExactly(tuple(field, code));
		}
	}

	@Test
	void everyProblemIsReportedAtOnce() {
		LimitPolicyDraft bad = new LimitPolicyDraft("EUR", -1, null, DecimalInput.of("200"), null, null, null, null, -5,
				null, null, null, null, null, null, null, null, null, null, null, null, null, null);
		Validation v = new Validation();
		assertThat(bad.toPolicy(v)).isNull();
		try {
			v.throwIfInvalid();
		}
		catch (CreditDeskException ex) {
			assertThat(ex.errors()).extracting(UserError::field)
				.containsExactlyInAnyOrder("bufferDays", "deadBandPercent", "cooldownDays");
			return;
		}
		throw new AssertionError("refused nothing");
	}

	private static Builder draft() {
		return new Builder();
	}

	/** Sets one field of an otherwise default draft. */
	private static final class Builder {

		Integer bufferDays;

		Integer cooldownDays;

		Integer severeOverdueDays;

		DecimalInput deadBand;

		DecimalInput maxStepUpAmount;

		DecimalInput roundingUnit;

		DecimalInput onTime;

		List<GradeMultiplierInput> multipliers;

		String severeGrade;

		List<String> noIncrease;

		Builder bufferDays(int v) {
			this.bufferDays = v;
			return this;
		}

		Builder cooldownDays(int v) {
			this.cooldownDays = v;
			return this;
		}

		Builder severeOverdueDays(int v) {
			this.severeOverdueDays = v;
			return this;
		}

		Builder deadBand(DecimalInput v) {
			this.deadBand = v;
			return this;
		}

		Builder maxStepUpAmount(DecimalInput v) {
			this.maxStepUpAmount = v;
			return this;
		}

		Builder roundingUnit(DecimalInput v) {
			this.roundingUnit = v;
			return this;
		}

		Builder onTime(DecimalInput v) {
			this.onTime = v;
			return this;
		}

		Builder multiplier(String grade, String value) {
			this.multipliers = List
				.of(new GradeMultiplierInput(grade, (value != null) ? DecimalInput.of(value) : null));
			return this;
		}

		Builder severeGrade(String v) {
			this.severeGrade = v;
			return this;
		}

		Builder noIncrease(String v) {
			this.noIncrease = List.of(v);
			return this;
		}

		LimitPolicyDraft build() {
			return new LimitPolicyDraft("EUR", this.bufferDays, this.multipliers, this.deadBand, null,
					this.maxStepUpAmount, null, null, this.cooldownDays, null, null, this.noIncrease, this.onTime, null,
					null, null, this.roundingUnit, null, null, null, this.severeGrade, this.severeOverdueDays, null);
		}

	}

}
