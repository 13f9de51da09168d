package io.creditdesk.limitrequest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.creditdesk.common.Money;
import io.creditdesk.common.UserError;
import io.creditdesk.common.Validation;
import io.creditdesk.scoring.model.RiskGrade;

/**
 * Routes a credit limit request to its approvers: bands of the requested limit (in the
 * matrix currency; converting the request is the caller's job) times the risk grade give
 * the approval steps, in order, and the SLA of each step.
 * <p>
 * Bands are given by their inclusive upper bound, smallest first; the first band starts
 * at zero, each further band right above the previous one, and the last has no upper
 * bound, so every amount has exactly one band. Each band has a default route and may give
 * some grades a route of their own; a request without a grade (no score yet) takes the
 * default route.
 * <p>
 * A matrix is only ever built valid: {@link #from(Definition)} refuses a definition with
 * every problem listed, each with a stable code and the field it concerns.
 */
public final class ApprovalMatrix {

	/**
	 * One band of the matrix.
	 *
	 * @param upTo the inclusive upper bound in the matrix currency; null for the last
	 * band
	 * @param steps the default route
	 * @param stepsByGrade the routes of grades that have one of their own
	 * @param sla the time each step of the band has
	 */
	public record Band(BigDecimal upTo, List<ApprovalStep> steps, Map<RiskGrade, List<ApprovalStep>> stepsByGrade,
			BusinessDuration sla) {

		public Band {
			steps = List.copyOf(steps);
			Map<RiskGrade, List<ApprovalStep>> byGrade = new EnumMap<>(RiskGrade.class);
			stepsByGrade.forEach((grade, route) -> byGrade.put(grade, List.copyOf(route)));
			stepsByGrade = Collections.unmodifiableMap(byGrade);
		}

		List<ApprovalStep> stepsFor(RiskGrade grade) {
			return (grade != null) ? this.stepsByGrade.getOrDefault(grade, this.steps) : this.steps;
		}

	}

	/**
	 * A matrix as people and stored documents write it: role, grade and unit names as
	 * text, so that a wrong name is reported rather than rejected by a parser with no
	 * field to point at.
	 *
	 * @param currency the ISO 4217 currency of the band bounds
	 * @param bands the bands, smallest first
	 * @param higherRoleMayAct whether a higher role may approve a lower step
	 * @param escalatedStepToNextLevel whether an escalated step may be taken by the next
	 * level up
	 */
	public record Definition(String currency, List<BandDefinition> bands, boolean higherRoleMayAct,
			boolean escalatedStepToNextLevel) {
	}

	/**
	 * @param upTo the inclusive upper bound; null for the last band
	 * @param steps the default route
	 * @param gradeRoutes routes of their own for some grades
	 * @param slaAmount the SLA of each step, in {@code slaUnit}
	 * @param slaUnit {@code HOURS} or {@code DAYS} (business hours or days)
	 */
	public record BandDefinition(BigDecimal upTo, List<StepDefinition> steps, List<GradeRouteDefinition> gradeRoutes,
			Integer slaAmount, String slaUnit) {
	}

	/** The route of the listed grades in one band. */
	public record GradeRouteDefinition(List<String> grades, List<StepDefinition> steps) {
	}

	/** A step: the role name and the number of distinct approvers (1 when null). */
	public record StepDefinition(String role, Integer approvers) {
	}

	/** The most distinct approvers one step may ask for. */
	static final int MAX_APPROVERS_PER_STEP = 5;

	/**
	 * The longest SLA a step may have, in either unit: a business quarter is no longer an
	 * SLA.
	 */
	static final int MAX_SLA = 60;

	private static final ApprovalMatrix SHIPPED_DEFAULT = shipped();

	private final String currency;

	private final List<Band> bands;

	private final boolean higherRoleMayAct;

	private final boolean escalatedStepToNextLevel;

	private ApprovalMatrix(String currency, List<Band> bands, boolean higherRoleMayAct,
			boolean escalatedStepToNextLevel) {
		this.currency = currency;
		this.bands = List.copyOf(bands);
		this.higherRoleMayAct = higherRoleMayAct;
		this.escalatedStepToNextLevel = escalatedStepToNextLevel;
	}

	/**
	 * The system-level matrix the service ships with, in EUR: up to 25,000 one credit
	 * analyst; up to 250,000 one credit manager; above, a credit manager then the CFO.
	 * Grades D and E go one level higher: up to 25,000 a credit manager, up to 250,000 a
	 * credit manager then the CFO; above 250,000 the route already ends with the CFO, the
	 * top of the hierarchy, so it stays. SLAs per step: 4 business hours, 1 business day
	 * and 2 business days. A higher role does not act for a lower step, and an escalated
	 * step is not taken over by the next level.
	 */
	public static ApprovalMatrix shippedDefault() {
		return SHIPPED_DEFAULT;
	}

	private static ApprovalMatrix shipped() {
		StepDefinition analyst = new StepDefinition("CREDIT_ANALYST", 1);
		StepDefinition manager = new StepDefinition("CREDIT_MANAGER", 1);
		StepDefinition cfo = new StepDefinition("CFO", 1);
		List<String> riskyGrades = List.of("D", "E");
		return from(new Definition("EUR",
				List.of(new BandDefinition(new BigDecimal("25000"), List.of(analyst),
						List.of(new GradeRouteDefinition(riskyGrades, List.of(manager))), 4, "HOURS"),
						new BandDefinition(new BigDecimal("250000"), List.of(manager),
								List.of(new GradeRouteDefinition(riskyGrades, List.of(manager, cfo))), 1, "DAYS"),
						new BandDefinition(null, List.of(manager, cfo), List.of(), 2, "DAYS")),
				false, false));
	}

	/** A valid matrix from its definition, or a refusal listing every problem. */
	public static ApprovalMatrix from(Definition definition) {
		Validation v = new Validation();
		if (definition == null) {
			v.reject(RequestErrorCode.REQUIRED.variant("matrix"), null);
			v.throwIfInvalid();
		}
		String currency = v.currency("currency", definition.currency());
		List<BandDefinition> definitions = (definition.bands() != null) ? definition.bands() : List.of();
		if (definitions.isEmpty()) {
			v.reject(RequestErrorCode.REQUIRED.variant("bands"), "bands");
		}
		List<Band> bands = new ArrayList<>();
		BigDecimal previous = BigDecimal.ZERO;
		for (int i = 0; i < definitions.size(); i++) {
			String field = "bands[" + i + "]";
			BandDefinition band = definitions.get(i);
			if (band == null) {
				v.reject(RequestErrorCode.REQUIRED.variant("band"), field, i + 1);
				continue;
			}
			boolean last = i == definitions.size() - 1;
			BigDecimal upTo = band.upTo();
			// A bound is an amount in the matrix currency, held to the rules of every
			// amount (its minor units, its bound); null once refused so.
			boolean refused = false;
			if (upTo != null && currency != null) {
				upTo = v.amount(field + ".upTo", upTo, currency);
				refused = upTo == null;
			}
			if (upTo == null && !last && !refused) {
				v.reject(RequestErrorCode.BANDS_NOT_ASCENDING.variant("unbounded"), field + ".upTo", i + 1,
						definitions.size());
			}
			else if (upTo != null && upTo.signum() <= 0) {
				v.reject(RequestErrorCode.OUT_OF_RANGE.variant("upTo"), field + ".upTo", upTo);
			}
			else if (upTo != null && upTo.compareTo(previous) <= 0) {
				v.reject(RequestErrorCode.BANDS_NOT_ASCENDING, field + ".upTo", i + 1, upTo, previous);
			}
			else if (upTo != null && last) {
				v.reject(RequestErrorCode.MATRIX_GAP, field + ".upTo", upTo);
			}
			if (upTo != null && upTo.compareTo(previous) > 0) {
				previous = upTo;
			}
			List<ApprovalStep> steps = steps(v, field + ".steps", band.steps());
			Map<RiskGrade, List<ApprovalStep>> byGrade = gradeRoutes(v, field + ".gradeRoutes", band.gradeRoutes());
			BusinessDuration sla = sla(v, field, band.slaAmount(), band.slaUnit());
			if (!v.hasErrors()) {
				bands.add(new Band(upTo, steps, byGrade, sla));
			}
		}
		v.throwIfInvalid();
		return new ApprovalMatrix(currency, bands, definition.higherRoleMayAct(),
				definition.escalatedStepToNextLevel());
	}

	private static List<ApprovalStep> steps(Validation v, String field, List<StepDefinition> definitions) {
		if (definitions == null || definitions.isEmpty()) {
			v.reject(RequestErrorCode.REQUIRED.variant("steps"), field);
			return List.of();
		}
		List<ApprovalStep> steps = new ArrayList<>();
		for (int i = 0; i < definitions.size(); i++) {
			StepDefinition step = definitions.get(i);
			String at = field + "[" + i + "]";
			ApproverRole role = (step != null) ? ApproverRole.parse(step.role()) : null;
			if (role == null) {
				v.reject(RequestErrorCode.UNKNOWN_ROLE.variant("approver"), at + ".role",
						UserError.quoted((step != null) ? step.role() : null), List.of(ApproverRole.values()));
				continue;
			}
			int approvers = (step.approvers() != null) ? step.approvers() : 1;
			if (approvers < 1 || approvers > MAX_APPROVERS_PER_STEP) {
				v.reject(RequestErrorCode.OUT_OF_RANGE.variant("approvers"), at + ".approvers", MAX_APPROVERS_PER_STEP,
						approvers);
				continue;
			}
			steps.add(new ApprovalStep(role, approvers));
		}
		return steps;
	}

	private static Map<RiskGrade, List<ApprovalStep>> gradeRoutes(Validation v, String field,
			List<GradeRouteDefinition> definitions) {
		Map<RiskGrade, List<ApprovalStep>> byGrade = new EnumMap<>(RiskGrade.class);
		if (definitions == null) {
			return byGrade;
		}
		for (int i = 0; i < definitions.size(); i++) {
			GradeRouteDefinition route = definitions.get(i);
			String at = field + "[" + i + "]";
			if (route == null || route.grades() == null || route.grades().isEmpty()) {
				v.reject(RequestErrorCode.REQUIRED.variant("grades"), at + ".grades");
				continue;
			}
			List<ApprovalStep> steps = steps(v, at + ".steps", route.steps());
			for (int g = 0; g < route.grades().size(); g++) {
				String name = route.grades().get(g);
				RiskGrade grade = grade(name);
				if (grade == null) {
					v.reject(RequestErrorCode.UNKNOWN_GRADE, at + ".grades[" + g + "]", UserError.quoted(name),
							List.of(RiskGrade.values()));
				}
				else if (byGrade.put(grade, steps) != null) {
					v.reject(RequestErrorCode.DUPLICATE_GRADE, at + ".grades[" + g + "]", grade);
				}
			}
		}
		return byGrade;
	}

	private static RiskGrade grade(String name) {
		if (name == null) {
			return null;
		}
		String normalized = name.trim().toUpperCase(Locale.ROOT);
		for (RiskGrade grade : RiskGrade.values()) {
			if (grade.name().equals(normalized)) {
				return grade;
			}
		}
		return null;
	}

	private static BusinessDuration sla(Validation v, String field, Integer amount, String unit) {
		BusinessDuration.Unit parsed = null;
		if (unit == null || unit.isBlank()) {
			v.reject(RequestErrorCode.REQUIRED.variant("slaUnit"), field + ".slaUnit");
		}
		else {
			for (BusinessDuration.Unit candidate : BusinessDuration.Unit.values()) {
				if (candidate.name().equals(unit.trim().toUpperCase(Locale.ROOT))) {
					parsed = candidate;
				}
			}
			if (parsed == null) {
				v.reject(RequestErrorCode.UNKNOWN_SLA_UNIT, field + ".slaUnit", UserError.quoted(unit));
			}
		}
		if (amount == null) {
			v.reject(RequestErrorCode.REQUIRED.variant("slaAmount"), field + ".slaAmount");
			return null;
		}
		if (amount < 1 || amount > MAX_SLA) {
			v.reject(RequestErrorCode.OUT_OF_RANGE.variant("sla"), field + ".slaAmount", MAX_SLA, amount);
			return null;
		}
		return (parsed != null) ? new BusinessDuration(amount, parsed) : null;
	}

	/**
	 * The route of a request.
	 * @param requested the requested limit, in the matrix currency
	 * @param grade the customer's risk grade, or null before scores exist
	 */
	public ApprovalRoute route(Money requested, RiskGrade grade) {
		if (!requested.currency().equals(this.currency)) {
			throw new IllegalArgumentException(
					"The matrix is in " + this.currency + "; convert " + requested + " before routing it");
		}
		if (requested.isNegative()) {
			throw new IllegalArgumentException("A requested limit cannot be negative: " + requested);
		}
		for (int i = 0; i < this.bands.size(); i++) {
			Band band = this.bands.get(i);
			if (band.upTo() == null || requested.amount().compareTo(band.upTo()) <= 0) {
				RiskGrade gradeRoute = (grade != null && band.stepsByGrade().containsKey(grade)) ? grade : null;
				return new ApprovalRoute(i, band.upTo(), gradeRoute, band.stepsFor(grade), band.sla());
			}
		}
		throw new IllegalStateException("A valid matrix has an unbounded last band");
	}

	/**
	 * The matrix as a definition, for storing and showing; grades with the same route are
	 * listed together.
	 */
	public Definition toDefinition() {
		List<BandDefinition> definitions = new ArrayList<>();
		for (Band band : this.bands) {
			Map<List<ApprovalStep>, List<String>> gradesByRoute = new LinkedHashMap<>();
			band.stepsByGrade()
				.forEach((grade, steps) -> gradesByRoute.computeIfAbsent(steps, (s) -> new ArrayList<>())
					.add(grade.name()));
			List<GradeRouteDefinition> gradeRoutes = new ArrayList<>();
			gradesByRoute.forEach((steps, grades) -> gradeRoutes
				.add(new GradeRouteDefinition(List.copyOf(grades), stepDefinitions(steps))));
			definitions.add(new BandDefinition(band.upTo(), stepDefinitions(band.steps()), List.copyOf(gradeRoutes),
					band.sla().amount(), band.sla().unit().name()));
		}
		return new Definition(this.currency, List.copyOf(definitions), this.higherRoleMayAct,
				this.escalatedStepToNextLevel);
	}

	private static List<StepDefinition> stepDefinitions(List<ApprovalStep> steps) {
		return steps.stream().map((step) -> new StepDefinition(step.role().name(), step.approvers())).toList();
	}

	public String currency() {
		return this.currency;
	}

	public List<Band> bands() {
		return this.bands;
	}

	/** Whether a higher role may approve a step that asks for a lower one. */
	public boolean higherRoleMayAct() {
		return this.higherRoleMayAct;
	}

	/** Whether a step escalated past its due time may be taken by the next level up. */
	public boolean escalatedStepToNextLevel() {
		return this.escalatedStepToNextLevel;
	}

	/** The segregation-of-duties rules this matrix's settings call for. */
	public SegregationOfDuties segregationOfDuties() {
		return new SegregationOfDuties(this.higherRoleMayAct, this.escalatedStepToNextLevel);
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof ApprovalMatrix that) && this.currency.equals(that.currency)
				&& this.bands.equals(that.bands) && this.higherRoleMayAct == that.higherRoleMayAct
				&& this.escalatedStepToNextLevel == that.escalatedStepToNextLevel;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.currency, this.bands, this.higherRoleMayAct, this.escalatedStepToNextLevel);
	}

	@Override
	public String toString() {
		return "ApprovalMatrix[" + this.currency + ", " + this.bands + ", higherRoleMayAct=" + this.higherRoleMayAct
				+ ", escalatedStepToNextLevel=" + this.escalatedStepToNextLevel + "]";
	}

}
