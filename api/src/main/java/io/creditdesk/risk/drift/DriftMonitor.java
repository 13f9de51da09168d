package io.creditdesk.risk.drift;

import java.time.Duration;
import java.util.Date;
import java.util.Optional;

import io.creditdesk.infrastructure.JobLock;
import io.creditdesk.risk.ModelDrift;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The daily drift check: one instance (a lease) bins the champion's live scores against
 * its training baseline and stores the PSI; every instance publishes the latest stored
 * figure as the gauges {@code creditdesk.model.drift.psi} and
 * {@code creditdesk.model.drift.flagged} (1 above 0.25), so a dashboard sees the same
 * value whichever instance it asks.
 */
@Component
class DriftMonitor implements ModelDrift {

	private static final Logger log = LoggerFactory.getLogger(DriftMonitor.class);

	static final String COLLECTION = "model_drift";

	private final ScoreDistributions distributions;

	private final MongoTemplate mongo;

	private final JobLock lock;

	private volatile Document latest;

	DriftMonitor(ScoreDistributions distributions, MongoTemplate mongo, JobLock lock, MeterRegistry meters) {
		this.distributions = distributions;
		this.mongo = mongo;
		this.lock = lock;
		Gauge.builder("creditdesk.model.drift.psi", this, monitor -> monitor.figure("psi"))
			.description("PSI of the champion's live scores against its training baseline (daily)")
			.register(meters);
		Gauge.builder("creditdesk.model.drift.flagged", this, monitor -> monitor.figure("flagged"))
			.description("1 when the champion's drift PSI is above 0.25")
			.register(meters);
	}

	private double figure(String name) {
		Document figures = this.latest;
		if (figures == null || figures.get(name) == null) {
			return Double.NaN;
		}
		Object value = figures.get(name);
		return value instanceof Boolean flag ? (flag ? 1 : 0) : ((Number) value).doubleValue();
	}

	/** Computes and stores today's drift; one instance a day. */
	@Scheduled(cron = "${creditdesk.models.drift-cron:0 30 2 * * *}", zone = "UTC")
	void daily() {
		this.lock.runAlone("model-drift", Duration.ofMinutes(30), this::check);
	}

	/** Computes the drift now and stores it; the gauges show it. */
	void check() {
		try {
			ScoreDistribution d = this.distributions.compute(Optional.empty());
			Document figures = new Document("computedAt", d.computedAt()).append("model", d.model().name())
				.append("version", d.model().version())
				.append("customers", d.customers())
				.append("psi", d.psi())
				.append("level", d.level())
				.append("flagged", d.flagged());
			this.mongo.insert(figures, COLLECTION);
			this.latest = figures;
			if (d.flagged()) {
				log.warn("Model drift: the PSI of {} version {} on {} customers is {} (above 0.25): review the model",
						d.model().name(), d.model().version(), d.customers(), d.psi());
			}
			else {
				log.info("Model drift: PSI {} ({}) for {} version {} on {} customers", d.psi(), d.level(),
						d.model().name(), d.model().version(), d.customers());
			}
		}
		catch (RuntimeException ex) {
			log.warn("The daily drift check failed: {}", ex.toString());
		}
	}

	@Override
	public Optional<Latest> latest() {
		Document figures = this.mongo.findOne(new Query().with(Sort.by(Sort.Direction.DESC, "computedAt")).limit(1),
				Document.class, COLLECTION);
		if (figures == null || !(figures.get("psi") instanceof Number psi)) {
			return Optional.empty();
		}
		Object at = figures.get("computedAt");
		return Optional.of(new Latest(figures.getString("model"), String.valueOf(figures.get("version")),
				psi.doubleValue(), (at instanceof Date date) ? date.toInstant() : null));
	}

	/** Every instance reads the latest stored figure for its gauges. */
	@Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT10S")
	void refresh() {
		try {
			Document figures = this.mongo.findOne(new Query().with(Sort.by(Sort.Direction.DESC, "computedAt")).limit(1),
					Document.class, COLLECTION);
			if (figures != null) {
				this.latest = figures;
			}
		}
		catch (RuntimeException ex) {
			log.debug("Reading the latest drift figure failed: {}", ex.toString());
		}
	}

}
