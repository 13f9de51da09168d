package io.creditdesk.risk.registry;

import java.time.Instant;
import java.util.List;

import io.creditdesk.common.CreditDeskException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The registry's rules as a table: what each promotion, approval and rollback does to the
 * roles, and every refusal with its code.
 */
class RegistryTransitionsTests {

	private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

	/** champion c1, challenger c2, retired r1 (most recent last), candidate m. */
	private static RegistryState start() {
		return new RegistryState(RegistryState.ID, 7, "c1", "c2", List.of("r1"), List.of(), List.of());
	}

	private static RegistryState proposed(String model, PromotionTarget target) {
		return RegistryTransitions.propose(start(), "p", model, target, "better AUC", "dana", AT);
	}

	@ParameterizedTest(name = "{0} to {1}: champion {2}, challenger {3}, retired {4}")
	@CsvSource(delimiter = ';', nullValues = "-", textBlock = """
			m;  CHAMPION;   m;  c2; r1,c1
			c2; CHAMPION;   c2; -;  r1,c1
			r1; CHAMPION;   r1; c2; c1
			m;  CHALLENGER; c1; m;  r1
			r1; CHALLENGER; c1; r1; -
			""")
	void anApprovedPromotionGivesTheRoleAndRetiresTheChampion(String model, PromotionTarget target, String champion,
			String challenger, String retired) {
		RegistryState after = RegistryTransitions.approve(proposed(model, target), "p", "maria", AT);
		assertThat(after.championId()).isEqualTo(champion);
		assertThat(after.challengerId()).isEqualTo(challenger);
		assertThat(after.retired()).isEqualTo(retired == null ? List.of() : List.of(retired.split(",")));
		assertThat(after.generation()).isEqualTo(9);
		assertThat(after.promotions()).singleElement().satisfies(p -> {
			assertThat(p.status()).isEqualTo(PromotionStatus.APPLIED);
			assertThat(p.approvedBy()).isEqualTo("maria");
			assertThat(p.proposedBy()).isEqualTo("dana");
		});
		assertThat(after.statusOf(model).name()).isEqualTo(target.name());
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = ';', textBlock = """
			the proposer approves;            PROPOSER_CANNOT_APPROVE
			the proposer, spelled otherwise;  PROPOSER_CANNOT_APPROVE
			approved twice;                   PROMOTION_ALREADY_DECIDED
			an unknown promotion;             PROMOTION_NOT_FOUND
			""")
	void approvalsAreRefused(String scenario, String code) {
		RegistryState pending = proposed("m", PromotionTarget.CHAMPION);
		Runnable approval = switch (scenario.trim()) {
			case "the proposer approves" -> () -> RegistryTransitions.approve(pending, "p", "dana", AT);
			case "the proposer, spelled otherwise" -> () -> RegistryTransitions.approve(pending, "p", "Dana", AT);
			case "approved twice" -> () -> RegistryTransitions
				.approve(RegistryTransitions.approve(pending, "p", "maria", AT), "p", "carl", AT);
			default -> () -> RegistryTransitions.approve(pending, "nope", "maria", AT);
		};
		assertThatThrownBy(approval::run).isInstanceOfSatisfying(CreditDeskException.class,
				ex -> assertThat(ex.code()).isEqualTo(code));
	}

	@ParameterizedTest(name = "{0} to {1}: {2}")
	@CsvSource(delimiter = ';', textBlock = """
			c1; CHAMPION;   MODEL_ALREADY_IN_ROLE
			c2; CHALLENGER; MODEL_ALREADY_IN_ROLE
			c1; CHALLENGER; MODEL_IS_CHAMPION
			""")
	void proposalsAreRefused(String model, PromotionTarget target, String code) {
		assertThatThrownBy(() -> RegistryTransitions.propose(start(), "p", model, target, "why", "dana", AT))
			.isInstanceOfSatisfying(CreditDeskException.class, ex -> assertThat(ex.code()).isEqualTo(code));
	}

	@Test
	void aProposalNeedsAJustificationAndIsNotMadeTwice() {
		assertThatThrownBy(
				() -> RegistryTransitions.propose(start(), "p", "m", PromotionTarget.CHAMPION, " ", "dana", AT))
			.isInstanceOfSatisfying(CreditDeskException.class, ex -> assertThat(ex.code()).isEqualTo("REQUIRED"));
		assertThatThrownBy(() -> RegistryTransitions.propose(proposed("m", PromotionTarget.CHAMPION), "q", "m",
				PromotionTarget.CHAMPION, "again", "erik", AT))
			.isInstanceOfSatisfying(CreditDeskException.class,
					ex -> assertThat(ex.code()).isEqualTo("PROMOTION_ALREADY_PENDING"));
	}

	@Test
	void aPromotionApprovedAfterTheModelGotTheRoleOtherwiseIsRefused() {
		RegistryState two = RegistryTransitions.propose(proposed("m", PromotionTarget.CHAMPION), "q", "m",
				PromotionTarget.CHALLENGER, "shadow first", "dana", AT);
		RegistryState champion = RegistryTransitions.approve(two, "p", "maria", AT);
		assertThatThrownBy(() -> RegistryTransitions.approve(champion, "q", "maria", AT)).isInstanceOfSatisfying(
				CreditDeskException.class, ex -> assertThat(ex.code()).isEqualTo("MODEL_IS_CHAMPION"));
	}

	@Test
	void rollbackRestoresTheMostRecentFormerChampionOnce() {
		RegistryState promoted = RegistryTransitions.approve(proposed("m", PromotionTarget.CHAMPION), "p", "maria", AT);
		RegistryState back = RegistryTransitions.rollback(promoted, "m misgrades enterprise customers");
		assertThat(back.championId()).isEqualTo("c1");
		assertThat(back.statusOf("m")).isEqualTo(ModelStatus.RETIRED);
		assertThat(back.retired()).containsExactly("r1");
		RegistryState again = RegistryTransitions.rollback(back, "further back");
		assertThat(again.championId()).isEqualTo("r1");
		assertThat(again.statusOf("c1")).isEqualTo(ModelStatus.RETIRED);
		assertThatThrownBy(() -> RegistryTransitions.rollback(again, "once more")).isInstanceOfSatisfying(
				CreditDeskException.class, ex -> assertThat(ex.code()).isEqualTo("NOTHING_TO_ROLL_BACK"));
		assertThatThrownBy(() -> RegistryTransitions.rollback(promoted, ""))
			.isInstanceOfSatisfying(CreditDeskException.class, ex -> assertThat(ex.code()).isEqualTo("REQUIRED"));
	}

	@Test
	void rollingBackToTheChallengerLeavesNoChallenger() {
		RegistryState state = new RegistryState(RegistryState.ID, 3, "c1", "r1", List.of("r1"), List.of(), List.of());
		RegistryState back = RegistryTransitions.rollback(state, "why");
		assertThat(back.championId()).isEqualTo("r1");
		assertThat(back.challengerId()).isNull();
	}

}
