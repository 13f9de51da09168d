package io.creditdesk.notification;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.creditdesk.audit.Changes;
import io.creditdesk.common.Actor;
import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.Connection;
import io.creditdesk.common.UserError;
import io.creditdesk.common.Validation;
import io.creditdesk.notification.NotificationInputs.EmailPreferenceInput;
import io.creditdesk.notification.NotificationInputs.MarkNotificationsReadInput;
import io.creditdesk.notification.NotificationInputs.UpdateNotificationPreferencesInput;
import io.creditdesk.notification.NotificationProperties.User;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/** A person's own inbox and notification preferences. */
@Service
class NotificationService {

	static final int MAX_IDS = 200;

	private static final Set<String> LANGUAGES = Set.of("en", "de");

	private final Inbox inbox;

	private final PreferencesStore preferences;

	private final UserDirectory users;

	private final Mailer mailer;

	private final Clock clock;

	NotificationService(Inbox inbox, PreferencesStore preferences, UserDirectory users, Mailer mailer, Clock clock) {
		this.inbox = inbox;
		this.preferences = preferences;
		this.users = users;
		this.mailer = mailer;
		this.clock = clock;
	}

	/** The preferences of a person, every type with its mode. */
	record PreferencesView(String language, String emailAddress, boolean emailEnabled,
			List<EmailPreferenceView> email) {
	}

	record EmailPreferenceView(NotificationType type, EmailMode mode) {
	}

	@PreAuthorize(NotificationRoles.OWN)
	Connection<InboxEntry> mine(Boolean unreadOnly, Integer first, String after) {
		return this.inbox.page(Actor.current().name(), Boolean.TRUE.equals(unreadOnly), Connection.pageSize(first),
				after);
	}

	/** Marks the caller's notifications among {@code ids} read; returns those marked. */
	@PreAuthorize(NotificationRoles.OWN)
	List<InboxEntry> markRead(MarkNotificationsReadInput input) {
		Validation v = new Validation();
		List<String> ids = (input.ids() != null) ? input.ids() : List.of();
		if (ids.isEmpty()) {
			v.reject(CommonErrorCode.REQUIRED, "ids");
		}
		else if (ids.size() > MAX_IDS) {
			v.reject(CommonErrorCode.OUT_OF_RANGE.variant("ids"), "ids", MAX_IDS, ids.size());
		}
		v.throwIfInvalid();
		List<String> marked = this.inbox.markRead(Actor.current().name(), new LinkedHashSet<>(ids),
				this.clock.instant());
		return marked.isEmpty() ? List.of() : this.inbox.find(marked);
	}

	@PreAuthorize(NotificationRoles.OWN)
	PreferencesView myPreferences() {
		return view(this.preferences.of(Actor.current().name()));
	}

	@PreAuthorize(NotificationRoles.OWN)
	PreferencesView update(UpdateNotificationPreferencesInput input) {
		String me = Actor.current().name();
		NotificationPreferences current = this.preferences.of(me);
		Validation v = new Validation();
		String language = current.language();
		if (input.language() != null) {
			String tag = input.language().trim().toLowerCase(Locale.ROOT);
			if (tag.isEmpty()) {
				language = null;
			}
			else if (!LANGUAGES.contains(tag)) {
				v.reject(NotificationErrorCode.UNSUPPORTED_LANGUAGE, "language", UserError.quoted(input.language()));
			}
			else {
				language = tag;
			}
		}
		Map<String, EmailMode> email = new HashMap<>(current.email());
		List<EmailPreferenceInput> given = (input.email() != null) ? input.email() : List.of();
		for (int i = 0; i < given.size(); i++) {
			EmailPreferenceInput choice = given.get(i);
			if (choice == null || choice.type() == null || choice.mode() == null) {
				v.reject(CommonErrorCode.REQUIRED, "email[" + i + "]");
				continue;
			}
			email.put(choice.type().name(), choice.mode());
		}
		v.throwIfInvalid();
		NotificationPreferences updated = new NotificationPreferences(me, email, language, this.clock.instant());
		Changes changes = new Changes().diff("language", current.language(), language)
			.diff("email", new TreeMap<>(current.email()).toString(), new TreeMap<>(email).toString());
		return view(changes.isEmpty() ? current : this.preferences.save(updated, changes));
	}

	private PreferencesView view(NotificationPreferences chosen) {
		List<EmailPreferenceView> email = new ArrayList<>();
		for (NotificationType type : NotificationType.values()) {
			email.add(new EmailPreferenceView(type, chosen.mode(type)));
		}
		String address = this.users.find(chosen.username()).map(User::email).orElse(null);
		String language = (chosen.language() != null) ? chosen.language()
				: this.users.language(chosen.username()).toLanguageTag();
		return new PreferencesView(language, address, this.mailer.enabled() && address != null, email);
	}

}
