package io.creditdesk.limitrequest;

import java.math.BigDecimal;
import java.util.List;

import io.creditdesk.scoring.model.RiskGrade;

/**
 * Who has to approve a request, as the approval matrix decides it from the requested
 * amount and the risk grade: the steps in order, each with the band's SLA.
 *
 * @param band the index of the amount band, 0 for the smallest
 * @param bandUpTo the band's inclusive upper bound in the matrix currency; null for the
 * top band
 * @param gradeRoute the grade whose own route applies; null when the band's default route
 * does
 * @param steps the approval steps, in the order they are taken
 * @param sla the time each step has, in business time
 */
public record ApprovalRoute(int band, BigDecimal bandUpTo, RiskGrade gradeRoute, List<ApprovalStep> steps,
		BusinessDuration sla) {

	public ApprovalRoute {
		steps = List.copyOf(steps);
	}

}
