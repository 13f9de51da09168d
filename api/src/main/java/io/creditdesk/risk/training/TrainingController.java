package io.creditdesk.risk.training;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.creditdesk.common.UserError;
import io.creditdesk.graphql.Payloads;
import io.creditdesk.job.Job;
import io.creditdesk.job.Jobs;
import io.creditdesk.risk.registry.ModelRoles;
import io.creditdesk.risk.registry.Segments;
import io.creditdesk.scoring.data.StatementsCsv;
import io.creditdesk.scoring.ledger.TrainingSet;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code trainModel} (GraphQL) and the training-set export,
 * {@code GET /api/training-set}: the point-in-time histories the job would train on, as
 * the statements CSV with labels (several as-of dates: each history's id is
 * {@code customer@yyyy-MM-dd}). A refusal is the JSON every model endpoint answers (a
 * code, the parameter, a sentence in the caller's language: {@code OUT_OF_RANGE},
 * {@code INVALID_VALUE} for a number that is none, {@code FORBIDDEN} for a role that may
 * not export, {@code LEDGER_UNAVAILABLE} with 503), from
 * {@code io.creditdesk.risk.registry.ModelApiRefusals}.
 */
@Controller
class TrainingController {

	private final Jobs jobs;

	private final LedgerTrainingData data;

	private final Clock clock;

	TrainingController(Jobs jobs, LedgerTrainingData data, Clock clock) {
		this.jobs = jobs;
		this.data = data;
		this.clock = clock;
	}

	@MutationMapping
	@PreAuthorize(ModelRoles.DEVELOP)
	TrainModelPayload trainModel(@Argument TrainModelInput input) {
		return Payloads.run(() -> this.jobs.submit(TrainModelJob.KIND,
				TrainingRequest
					.of(input.name(), input.trainer(), input.horizonMonths(), input.seriousDaysLate(),
							input.asOfMonths(), input.holdoutMonths(), input.seed())
					.toInput()),
				TrainModelPayload::new);
	}

	@GetMapping(path = "/api/training-set", produces = "text/csv")
	@PreAuthorize(ModelRoles.DEVELOP)
	void export(@RequestParam(required = false) Integer horizonMonths,
			@RequestParam(required = false) Integer seriousDaysLate, @RequestParam(required = false) Integer asOfMonths,
			@RequestParam(required = false) String segment, HttpServletResponse response) throws IOException {
		TrainingRequest request = TrainingRequest.of(null, null, horizonMonths, seriousDaysLate, asOfMonths, 1, null);
		Optional<String> only = Optional.ofNullable(segment).map(s -> Segments.check("segment", s));
		TrainingSet set = this.data.build(only, request.rule(), request.asOfMonths(), this.clock.instant());
		Path file = Files.createTempFile("training-set", ".csv");
		try {
			StatementsCsv.write(file, set.forExport());
			response.setContentType("text/csv;charset=UTF-8");
			response.setHeader("Content-Disposition", "attachment; filename=\"training-set.csv\"");
			response.setContentLengthLong(Files.size(file));
			try (OutputStream out = response.getOutputStream()) {
				Files.copy(file, out);
			}
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	record TrainModelInput(String name, String trainer, Integer horizonMonths, Integer seriousDaysLate,
			Integer asOfMonths, Integer holdoutMonths, Integer seed) {
	}

	record TrainModelPayload(Job job, List<UserError> userErrors) {
	}

}
