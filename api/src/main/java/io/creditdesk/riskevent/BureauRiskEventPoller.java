package io.creditdesk.riskevent;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.creditdesk.bureau.CreditBureau;
import io.creditdesk.bureau.NotificationEvent;
import io.creditdesk.bureau.NotificationPage;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.UserError;
import io.creditdesk.infrastructure.JobLock;
import io.creditdesk.intake.IntakeWorklist;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Pulls the configured bureau's monitoring events ({@code notificationEvents}) every
 * {@code poll-interval}, on one instance at a time ({@link JobLock}), and feeds each into
 * the same flow as the topic's events ({@link RiskEventProcessor}, source {@code bureau},
 * the customer named by its bureau id). What it processed is acknowledged by moving the
 * stored cursor ({@code risk_event_cursors}) past it, page by page; an event for an
 * unknown company, or of a kind no event type stands for, goes to the worklist in the
 * topic's JSON shape (so it can be fixed and published to the topic). When the bureau or
 * the store is unavailable the cursor stays, and the next run pulls the same events again
 * (applying one twice changes nothing). Off when no bureau is configured.
 */
@Component
class BureauRiskEventPoller {

	private static final Logger log = LoggerFactory.getLogger(BureauRiskEventPoller.class);

	static final String JOB = "risk-event-bureau-poll";

	/** The source of the events pulled from the bureau. */
	static final String SOURCE = "bureau";

	static final String CURSORS = "risk_event_cursors";

	/** The most pages one run pulls, so that a long backlog does not hold the lease. */
	private static final int MAX_PAGES = 20;

	private final ObjectProvider<CreditBureau> bureau;

	private final RiskEventProcessor processor;

	private final IntakeWorklist worklist;

	private final JobLock lock;

	private final MongoTemplate mongo;

	private final RiskEventProperties properties;

	private final JsonMapper json;

	private final Clock clock;

	BureauRiskEventPoller(ObjectProvider<CreditBureau> bureau, RiskEventProcessor processor, IntakeWorklist worklist,
			JobLock lock, MongoTemplate mongo, RiskEventProperties properties, JsonMapper json, Clock clock) {
		this.bureau = bureau;
		this.processor = processor;
		this.worklist = worklist;
		this.lock = lock;
		this.mongo = mongo;
		this.properties = properties;
		this.json = json;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${creditdesk.risk-events.poll-interval:5m}",
			initialDelayString = "${creditdesk.risk-events.poll-interval:5m}")
	void pollOnSchedule() {
		if (this.bureau.getIfAvailable() == null) {
			return;
		}
		// A failed pull is pulled again by the next run, from where the last one stopped.
		this.lock.runAlone(JOB, Duration.ofMinutes(5), this::poll);
	}

	/**
	 * Pulls and processes what is new; returns how many events it took (applied, or put
	 * on the worklist).
	 */
	int poll() {
		CreditBureau connector = this.bureau.getIfAvailable();
		if (connector == null) {
			return 0;
		}
		int taken = 0;
		for (int pages = 0; pages < MAX_PAGES; pages++) {
			String cursor = cursor();
			NotificationPage page = connector.notifications(cursor, this.properties.pollPageSize());
			for (NotificationEvent event : page.events()) {
				take(event);
				taken++;
			}
			if (page.nextCursor() != null && !page.nextCursor().equals(cursor)) {
				saveCursor(page.nextCursor());
			}
			if (page.events().isEmpty() || page.events().size() < this.properties.pollPageSize()) {
				break;
			}
		}
		return taken;
	}

	private void take(NotificationEvent notification) {
		Optional<ExternalEventType> type = BureauEventTypes.of(notification);
		if (type.isEmpty()) {
			keep(notification, null,
					CreditDeskException.refuse(RiskEventErrorCode.UNMAPPED_BUREAU_EVENT, "type",
							UserError.quoted(notification.ruleCode()),
							UserError.quoted((notification.ruleName() != null) ? notification.ruleName() : "")));
			return;
		}
		ExternalRiskEvent event = new ExternalRiskEvent(notification.eventId(), SOURCE, type.get(),
				new ExternalRiskEvent.CustomerReference(null, null, notification.companyId()), notification.oldValue(),
				notification.newValue(), notification.occurredAt());
		try {
			this.processor.process(event, AppliedRiskEvent.Via.BUREAU_POLL);
		}
		catch (CreditDeskException refused) {
			keep(notification, type.get(), refused);
		}
	}

	private void keep(NotificationEvent notification, ExternalEventType type, CreditDeskException refused) {
		UserError first = refused.errors().get(0);
		this.worklist.keep(new IntakeWorklist.Failure("risk-event:" + SOURCE + ":" + notification.eventId(),
				"bureau:notificationEvents", -1, -1, notification.companyId(), payload(notification, type),
				first.code().code(), first.field(), first.message(), refused.getClass().getName(), null));
		log.warn("Bureau event {} ({}) put on the worklist: {} {}", notification.eventId(), notification.ruleCode(),
				first.code().code(), first.message());
	}

	/** The event in the topic's JSON shape (type null when none stands for it). */
	private byte[] payload(NotificationEvent notification, ExternalEventType type) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("schemaVersion", ExternalRiskEvent.SCHEMA_VERSION);
		event.put("eventId", notification.eventId());
		event.put("source", SOURCE);
		event.put("type", (type != null) ? type.name() : null);
		event.put("customer", Map.of("bureauId", notification.companyId()));
		event.put("oldValue", notification.oldValue());
		event.put("newValue", notification.newValue());
		event.put("occurredAt", notification.occurredAt().toString());
		event.put("bureauRuleCode", notification.ruleCode());
		return this.json.writeValueAsString(event).getBytes(StandardCharsets.UTF_8);
	}

	String cursor() {
		Document stored = this.mongo.findById(SOURCE, Document.class, CURSORS);
		return (stored != null) ? stored.getString("cursor") : null;
	}

	private void saveCursor(String cursor) {
		this.mongo.upsert(Query.query(Criteria.where("_id").is(SOURCE)),
				new Update().set("cursor", cursor).set("updatedAt", this.clock.instant()), CURSORS);
	}

}
