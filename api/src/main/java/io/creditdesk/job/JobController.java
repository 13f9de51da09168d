package io.creditdesk.job;

import java.util.Map;

import io.creditdesk.common.Connection;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

@Controller
class JobController {

	private final Jobs jobs;

	private final JsonMapper json;

	JobController(Jobs jobs, JsonMapper json) {
		this.jobs = jobs;
		this.json = json;
	}

	@QueryMapping
	@PreAuthorize(JobRoles.READ_JOBS)
	Job job(@Argument String id) {
		return this.jobs.find(id).orElse(null);
	}

	@QueryMapping
	@PreAuthorize(JobRoles.READ_JOBS)
	Connection<Job> jobs(@Argument String kind, @Argument JobStatus status, @Argument Integer first,
			@Argument String after) {
		return this.jobs.list(kind, status, first, after);
	}

	@SchemaMapping(typeName = "Job", field = "input")
	String input(Job job) {
		return this.json.writeValueAsString(job.input());
	}

	@SchemaMapping(typeName = "Job", field = "result")
	String result(Job job) {
		Map<String, Object> result = job.result();
		return result == null ? null : this.json.writeValueAsString(result);
	}

}
