package io.creditdesk.risk.drift;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.creditdesk.risk.registry.ModelRoles;
import io.creditdesk.risk.registry.Segments;
import io.creditdesk.scoring.report.HtmlReport;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code modelComparison} and {@code scoreDistribution} in GraphQL, and the comparison as
 * an HTML report ({@code GET /api/models/comparison.html}).
 */
@Controller
class DriftController {

	private final ModelComparisons comparisons;

	private final ScoreDistributions distributions;

	DriftController(ModelComparisons comparisons, ScoreDistributions distributions) {
		this.comparisons = comparisons;
		this.distributions = distributions;
	}

	@QueryMapping
	@PreAuthorize(ModelRoles.READ)
	ComparisonView modelComparison(@Argument String name) {
		return this.comparisons.compare(name);
	}

	@QueryMapping
	@PreAuthorize(ModelRoles.READ)
	ScoreDistribution scoreDistribution(@Argument String segment) {
		return this.distributions.compute(Optional.ofNullable(segment).map(s -> Segments.check("segment", s)));
	}

	@GetMapping(path = "/api/models/comparison.html", produces = MediaType.TEXT_HTML_VALUE)
	@PreAuthorize(ModelRoles.READ)
	ResponseEntity<String> comparisonReport(@RequestParam(required = false) String name) {
		ComparisonView view = this.comparisons.compare(name);
		String html = HtmlReport.renderComparison(
				"Champion " + view.champion().label() + " against " + view.challenger().label(),
				view.champion().label(), view.challenger().label(),
				"Histories as of " + view.asOf() + ", labelled by the following 3 months", view.comparison());
		return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8)).body(html);
	}

}
