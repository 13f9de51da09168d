package io.creditdesk.dynamiclimit;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.UserError;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A finished simulation as a file: {@code GET /api/simulations/{id}.csv} (the months and
 * totals) and {@code GET /api/simulations/{id}/report} (HTML with plots, in the reader's
 * language). Same roles as the simulation itself.
 */
@Controller
class LimitPolicySimulationExports {

	private final LimitPolicySimulations simulations;

	LimitPolicySimulationExports(LimitPolicySimulations simulations) {
		this.simulations = simulations;
	}

	@GetMapping(path = "/api/simulations/{id}.csv", produces = "text/csv")
	@PreAuthorize(LimitPolicySimulations.ROLES)
	ResponseEntity<String> csv(@PathVariable String id) {
		LimitPolicySimulation simulation = this.simulations.get(id);
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"simulation-" + id + ".csv\"")
			.body(SimulationReport.csv(this.simulations.outcome(simulation)));
	}

	@GetMapping(path = "/api/simulations/{id}/report", produces = MediaType.TEXT_HTML_VALUE)
	@PreAuthorize(LimitPolicySimulations.ROLES)
	ResponseEntity<String> report(@PathVariable String id, Locale locale) {
		LimitPolicySimulation simulation = this.simulations.get(id);
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
			.body(SimulationReport.html(simulation, this.simulations.outcome(simulation), locale));
	}

	@ExceptionHandler(CreditDeskException.class)
	ResponseEntity<Map<String, Object>> refused(CreditDeskException ex, Locale locale) {
		UserError error = ex.errors().get(0);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("code", error.code().code());
		if (error.field() != null) {
			body.put("field", error.field());
		}
		body.put("message", error.message(locale));
		HttpStatus status = (error.code() == SimulationErrorCode.SIMULATION_NOT_FOUND) ? HttpStatus.NOT_FOUND
				: HttpStatus.BAD_REQUEST;
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
	}

}
