package io.creditdesk.risk.drift;

import java.time.LocalDate;
import java.util.List;

import io.creditdesk.risk.registry.RegisteredModel;
import io.creditdesk.scoring.evaluation.Evaluation;
import io.creditdesk.scoring.evaluation.ModelComparison;

/**
 * A champion-challenger comparison as GraphQL shows it (undefined figures null).
 *
 * @param champion the champion
 * @param challenger the model compared with it
 * @param asOf the window's as-of date
 * @param comparison the figures
 */
record ComparisonView(ComparedModel champion, ComparedModel challenger, LocalDate asOf, ModelComparison comparison) {

	record ComparedModel(String id, String name, int version) {

		static ComparedModel of(RegisteredModel model) {
			return new ComparedModel(model.id(), model.name(), model.version());
		}

		String label() {
			return this.name + " version " + this.version;
		}

	}

	record Side(Double auc, Double ks, Double brier, Double psi, List<Grade> grades) {

		static Side of(ModelComparison.Side side) {
			return new Side(Figures.finite(side.auc()), Figures.finite(side.ks()), Figures.finite(side.brier()),
					Figures.finite(side.psi()), side.grades().stream().map(Grade::of).toList());
		}

	}

	record Grade(String grade, long customers, Double meanPredicted, Double observedRate) {

		static Grade of(Evaluation.GradeRow row) {
			return new Grade(row.grade(), row.count(), Figures.finite(row.meanPredicted()),
					Figures.finite(row.observedRate()));
		}

	}

	record Agreement(String champion, String challenger, long customers) {
	}

	public long rows() {
		return this.comparison.rows();
	}

	public long positives() {
		return this.comparison.positives();
	}

	public Side championFigures() {
		return Side.of(this.comparison.champion());
	}

	public Side challengerFigures() {
		return Side.of(this.comparison.challenger());
	}

	public List<Agreement> agreement() {
		return this.comparison.agreement()
			.stream()
			.map(a -> new Agreement(a.champion().name(), a.challenger().name(), a.customers()))
			.toList();
	}

	public double gradeAgreement() {
		return this.comparison.gradeAgreement();
	}

	public Double psiChallengerVsChampion() {
		return Figures.finite(this.comparison.psiChallengerVsChampion());
	}

}
