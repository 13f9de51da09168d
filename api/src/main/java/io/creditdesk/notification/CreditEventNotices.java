package io.creditdesk.notification;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.creditdesk.alert.AlertWords;
import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.common.MessageCatalogue.Phrase;
import io.creditdesk.common.Money;
import io.creditdesk.events.CreditEvent;
import io.creditdesk.events.CreditEventType;
import io.creditdesk.scoring.features.FeatureCatalogue;

/**
 * Turns the credit events people are told of into {@link Notice}s: which type, which
 * figures, whom the rules look at. Plain Java: the customer and the request's open step
 * are looked up by the caller, which also names the zone due times are told in (the
 * business calendar's).
 */
final class CreditEventNotices {

	/** What the notices name of the customer. */
	record CustomerView(String name, String creditAnalyst, String salesOwner) {
	}

	/**
	 * A credit limit request as it stands: the role and due time of its open step (null
	 * when none is open) and who made it.
	 */
	record RequestView(String openRole, Instant openDueAt, String requestedBy) {
	}

	private CreditEventNotices() {
	}

	/** The types of credit events anybody is told of. */
	static boolean concerns(CreditEventType type) {
		return switch (type) {
			case CREDIT_LIMIT_REQUESTED, CREDIT_LIMIT_REQUEST_STEP_DECIDED, CREDIT_LIMIT_REQUEST_ESCALATED,
					CREDIT_LIMIT_REQUEST_DECIDED, RISK_FLAG_RAISED, CUSTOMER_STATUS_CHANGED, ALERT_RAISED,
					CUSTOMER_NOTICE_ISSUED ->
				true;
			default -> false;
		};
	}

	/**
	 * The notice of {@code event}, or empty when nobody is told of it (an exposure
	 * snapshot, a step that opened no other).
	 */
	static Optional<Notice> of(CreditEvent event, CustomerView customer,
			Function<String, Optional<RequestView>> requests, ZoneId zone) {
		Map<String, Object> data = event.data();
		String name = (customer != null) ? customer.name() : event.customerId();
		String analyst = (customer != null) ? customer.creditAnalyst() : null;
		String owner = (customer != null) ? customer.salesOwner() : null;
		String requestId = text(data, "requestId");
		String requestPath = "/credit-limit-requests/" + requestId;
		String customerPath = "/customers/" + event.customerId();
		return switch (event.type()) {
			case CREDIT_LIMIT_REQUESTED -> requests.apply(requestId)
				.filter(request -> request.openRole() != null)
				.map(request -> notice(event, NotificationType.APPROVAL_REQUESTED,
						figures(name, money(data, "requestedLimit"), role(request.openRole()),
								dueAt(request.openDueAt(), zone), text(data, "type"), requestId),
						requestPath, new RecipientRules.Subject(analyst, owner, text(data, "requestedBy"),
								request.openRole(), text(data, "requestedBy"))));
			case CREDIT_LIMIT_REQUEST_STEP_DECIDED ->
				stepDecided(event, name, analyst, owner, requests, requestPath, zone);
			case CREDIT_LIMIT_REQUEST_ESCALATED -> Optional.of(notice(event, NotificationType.APPROVAL_ESCALATED,
					figures(name, number(data, "step"), role(text(data, "role")), dueAt(instant(data, "dueAt"), zone),
							role(text(data, "notifiedRole"))),
					requestPath, new RecipientRules.Subject(analyst, owner, null, text(data, "notifiedRole"), null)));
			case CREDIT_LIMIT_REQUEST_DECIDED -> {
				String status = text(data, "status");
				String requester = text(data, "requestedBy");
				Money approved = money(data, "approvedLimit");
				yield Optional.of(notice(event, NotificationType.REQUEST_DECIDED,
						figures(name, Phrase.of("notification.requestStatus." + status),
								(approved != null) ? approved : Phrase.of("notification.none"),
								orNone(text(data, "note"))),
						requestPath, new RecipientRules.Subject(analyst, owner, requester, null,
								"WITHDRAWN".equals(status) ? requester : null)));
			}
			case RISK_FLAG_RAISED -> Optional.of(notice(event, NotificationType.RISK_FLAG_RAISED,
					figures(name, word("notification.flag.", text(data, "flag")), orNone(text(data, "reason")),
							orNone(text(data, "source"))),
					customerPath, new RecipientRules.Subject(analyst, owner, null, null, text(data, "raisedBy"))));
			case CUSTOMER_STATUS_CHANGED -> Optional.of(notice(event, NotificationType.CUSTOMER_STATUS_CHANGED,
					figures(name, word("notification.status.", text(data, "previousStatus")),
							word("notification.status.", text(data, "status")), orNone(text(data, "reason"))),
					customerPath, new RecipientRules.Subject(analyst, owner, null, null, text(data, "changedBy"))));
			case ALERT_RAISED -> Optional.of(notice(event, NotificationType.ALERT_RAISED,
					figures(name, alertKind(data), word("notification.severity.", text(data, "severity")),
							alertSentence(data), word("notification.severityTitle.", text(data, "severity"))),
					"/alerts/" + text(data, "alertId"), new RecipientRules.Subject(analyst, owner, null, null, null)));
			case CUSTOMER_NOTICE_ISSUED -> Optional
				.of(notice(event, NotificationType.CUSTOMER_NOTICE_ISSUED, figures(name, reasons(data.get("reasons"))),
						customerPath, new RecipientRules.Subject(analyst, owner, null, null, null)));
			default -> Optional.empty();
		};
	}

	/**
	 * An approved step (or a counter-offer) that leaves the request in approval opened
	 * the next step: its approvers are asked. A returned request goes back to its
	 * requester.
	 */
	private static Optional<Notice> stepDecided(CreditEvent event, String name, String analyst, String owner,
			Function<String, Optional<RequestView>> requests, String path, ZoneId zone) {
		Map<String, Object> data = event.data();
		String outcome = text(data, "outcome");
		String status = text(data, "status");
		String requestId = text(data, "requestId");
		String decidedBy = text(data, "decidedBy");
		if ("RETURNED".equals(outcome)) {
			return requests.apply(requestId)
				.map(request -> notice(event, NotificationType.REQUEST_RETURNED,
						figures(name, orNone(decidedBy), orNone(text(data, "justification"))), path,
						new RecipientRules.Subject(analyst, owner, request.requestedBy(), null, decidedBy)));
		}
		if (("APPROVED".equals(outcome) || "COUNTER_OFFER".equals(outcome)) && "IN_APPROVAL".equals(status)) {
			return requests.apply(requestId)
				.filter(request -> request.openRole() != null)
				.map(request -> notice(event, NotificationType.APPROVAL_REQUESTED,
						figures(name, money(data, "limit"), role(request.openRole()), dueAt(request.openDueAt(), zone),
								Phrase.of("notification.nextStep"), requestId),
						path, new RecipientRules.Subject(analyst, owner, request.requestedBy(), request.openRole(),
								decidedBy)));
		}
		return Optional.empty();
	}

	/** The figures of a sentence; a figure the event lacks reads as "none". */
	private static List<Object> figures(Object... values) {
		List<Object> figures = new ArrayList<>();
		for (Object value : values) {
			figures.add((value != null) ? value : Phrase.of("notification.none"));
		}
		return figures;
	}

	private static Notice notice(CreditEvent event, NotificationType type, List<Object> figures, String path,
			RecipientRules.Subject subject) {
		return new Notice(event.eventId(), type, event.customerId(), event.occurredAt(), figures, path, subject);
	}

	/** The alert's kind in words; a type the catalogue does not know as it is. */
	private static Object alertKind(Map<String, Object> data) {
		Phrase kind = AlertWords.kind(text(data, "type"));
		return (kind != null) ? kind : orNone(text(data, "type"));
	}

	/** The alert's sentence, as {@code Alert.message} reads it. */
	private static Object alertSentence(Map<String, Object> data) {
		Phrase sentence = AlertWords.sentence(data);
		return (sentence != null) ? sentence : Phrase.of("notification.none");
	}

	private static Object role(String role) {
		return (role != null) ? Phrase.of("notification.role." + role) : Phrase.of("notification.none");
	}

	/** A due time in the reader's words, in the business calendar's zone. */
	private static Object dueAt(Instant at, ZoneId zone) {
		return (at != null) ? new NoticeTime(at, zone) : Phrase.of("notification.noDueTime");
	}

	private static Object orNone(String text) {
		return (text != null && !text.isBlank()) ? text : Phrase.of("notification.none");
	}

	private static Object number(Map<String, Object> data, String field) {
		Object value = data.get(field);
		return (value instanceof Number n) ? n.longValue() : orNone(text(data, field));
	}

	/**
	 * A notice's principal reasons in words: a rule of the limit policy from the
	 * catalogue ({@code notification.noticeReason.*}), a score's reason by what its
	 * feature means (the scoring module's feature catalogue); anything else as it is.
	 */
	private static Object reasons(Object value) {
		if (value instanceof List<?> list && !list.isEmpty()) {
			List<Object> reasons = new ArrayList<>();
			list.forEach(reason -> reasons.add(reasonWords((reason instanceof Map<?, ?> map && map.get("code") != null)
					? String.valueOf(map.get("code")) : String.valueOf(reason))));
			return new ReasonList(reasons);
		}
		return Phrase.of("notification.none");
	}

	private static Object reasonWords(String code) {
		if (MessageCatalogue.contains("notification.noticeReason." + code)) {
			return Phrase.of("notification.noticeReason." + code);
		}
		if (FeatureCatalogue.all().stream().anyMatch(entry -> entry.feature().equals(code))) {
			return new FeatureWords(code);
		}
		return code;
	}

	/** The reasons of a notice, one after another ("; "), in the reader's language. */
	private record ReasonList(List<Object> reasons) implements MessageCatalogue.Localized {

		@Override
		public String in(Locale language) {
			return this.reasons.stream()
				.map(reason -> MessageCatalogue.figure(language, reason))
				.collect(Collectors.joining("; "));
		}

	}

	/** What a score's feature means, in the reader's language. */
	private record FeatureWords(String feature) implements MessageCatalogue.Localized {

		@Override
		public String in(Locale language) {
			return FeatureCatalogue.describe(this.feature, language);
		}

	}

	/**
	 * A code in words ({@code prefix + code} in the catalogue); a code the catalogue does
	 * not know as it is, "none" when there is none.
	 */
	private static Object word(String prefix, String code) {
		if (code == null || code.isBlank()) {
			return Phrase.of("notification.none");
		}
		return MessageCatalogue.contains(prefix + code) ? Phrase.of(prefix + code) : code;
	}

	static String text(Map<String, Object> data, String field) {
		Object value = data.get(field);
		return (value != null) ? String.valueOf(value) : null;
	}

	private static Instant instant(Map<String, Object> data, String field) {
		String text = text(data, field);
		try {
			return (text != null) ? Instant.parse(text) : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static Money money(Map<String, Object> data, String field) {
		if (data.get(field) instanceof Map<?, ?> money && money.get("amount") != null
				&& money.get("currency") != null) {
			return Money.of(String.valueOf(money.get("amount")), String.valueOf(money.get("currency")));
		}
		return null;
	}

}
