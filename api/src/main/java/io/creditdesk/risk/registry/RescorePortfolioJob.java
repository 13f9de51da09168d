package io.creditdesk.risk.registry;

import java.util.Map;
import java.util.Optional;

import io.creditdesk.job.JobContext;
import io.creditdesk.job.JobHandler;
import io.creditdesk.risk.PortfolioScoring;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The {@code rescorePortfolio} job: first brings this instance's models up to the
 * registry's (the job may run on an instance that has not polled since the promotion),
 * then re-scores through {@link PortfolioScoring}, reporting progress per batch.
 */
@Component
class RescorePortfolioJob implements JobHandler {

	private final RegistryActiveModels models;

	private final ObjectProvider<PortfolioScoring> scoring;

	RescorePortfolioJob(RegistryActiveModels models, ObjectProvider<PortfolioScoring> scoring) {
		this.models = models;
		this.scoring = scoring;
	}

	@Override
	public String kind() {
		return ModelRegistry.RESCORE_JOB;
	}

	@Override
	public Map<String, Object> run(JobContext context) {
		PortfolioScoring portfolio = this.scoring.getIfAvailable();
		if (portfolio == null) {
			throw new IllegalStateException("This build has no portfolio scoring (io.creditdesk.risk.PortfolioScoring),"
					+ " so there is nothing to re-score with.");
		}
		this.models.champion();
		this.models.refresh();
		Optional<String> segment = Optional.ofNullable((String) context.input().get("segment"));
		context.progress(0, "re-scoring " + segment.map(s -> "segment " + s).orElse("the portfolio") + " with "
				+ this.models.champion().name() + " version " + this.models.champion().version());
		int scored = portfolio.rescore(segment, done -> context.progress(0, done + " customers scored"));
		return Map.of("customers", scored, "model", this.models.champion().name(), "version",
				this.models.champion().version());
	}

}
