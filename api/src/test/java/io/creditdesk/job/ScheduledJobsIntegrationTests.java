package io.creditdesk.job;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.infrastructure.JobLock;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static io.creditdesk.GraphQlClients.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code scheduledJobs}: the leases as operators read them, with the last run's outcome
 * and error; sales may not read them.
 */
@CreditDeskIntegrationTest
class ScheduledJobsIntegrationTests {

	private static final String QUERY = "{ scheduledJobs { name running abandoned owner startedAt lastFinishedAt"
			+ " lastOutcome lastError lastSucceededAt lastDurationMs runs failures failingSince } }";

	@Autowired
	private HttpGraphQlTester graphQl;

	@Autowired
	private JobLock lock;

	@SuppressWarnings("unchecked")
	private Map<String, Object> job(String name) {
		List<Map<String, Object>> jobs = as(this.graphQl, "admin").document(QUERY)
			.execute()
			.path("scheduledJobs")
			.entity(List.class)
			.get();
		return jobs.stream().filter(j -> name.equals(j.get("name"))).findFirst().orElseThrow();
	}

	@Test
	void operatorsSeeEachJobsLastRunItsOutcomeAndWhyItFailed() {
		String name = "test.scheduled-" + System.nanoTime();
		assertThat(this.lock.runAlone(name, Duration.ofMinutes(1), () -> {
		})).isTrue();
		Map<String, Object> ok = job(name);
		assertThat(ok).containsEntry("lastOutcome", "SUCCEEDED")
			.containsEntry("running", false)
			.containsEntry("abandoned", false)
			.containsEntry("runs", 1)
			.containsEntry("failures", 0);
		assertThat(ok.get("lastSucceededAt")).isNotNull();
		assertThat(ok.get("lastError")).isNull();
		assertThat(this.lock.runAlone(name, Duration.ofMinutes(1), () -> {
			throw new IllegalStateException("the bureau answered 503");
		})).isFalse();
		Map<String, Object> failed = job(name);
		assertThat(failed).containsEntry("lastOutcome", "FAILED")
			.containsEntry("lastError", "java.lang.IllegalStateException: the bureau answered 503")
			.containsEntry("lastSucceededAt", ok.get("lastSucceededAt"))
			.containsEntry("runs", 2)
			.containsEntry("failures", 1);
		assertThat(failed.get("failingSince")).isNotNull();
		assertThat(ok.get("failingSince")).isNull();
	}

	@Test
	void aJobRunningNowShowsAsRunning() {
		String name = "test.running-" + System.nanoTime();
		Object[] during = new Object[1];
		this.lock.runAlone(name, Duration.ofMinutes(1), () -> during[0] = job(name).get("running"));
		assertThat(during[0]).isEqualTo(true);
		assertThat(job(name)).containsEntry("running", false);
	}

	@Test
	void salesMayNotReadThem() {
		as(this.graphQl, "sales").document(QUERY)
			.execute()
			.errors()
			.expect(error -> "FORBIDDEN".equals(error.getExtensions().get("code")))
			.verify();
	}

}
