package io.creditdesk.notification;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.UserError;
import io.creditdesk.common.Validation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rotation rule as tables: how long the previous secret stays valid (default, bounds,
 * refusals with their sentences in English and German), whether it signs at a given time
 * and whether it has expired, to be removed.
 */
class WebhookSecretRotationTests {

	private static final Instant ROTATED = Instant.parse("2026-12-05T10:00:00Z");

	@ParameterizedTest(name = "{0} hours -> valid {1} h, expires {2}")
	@CsvSource(nullValues = "null",
			value = { "null, 24, 2026-12-06T10:00:00Z", "0, 0, null", "1, 1, 2026-12-05T11:00:00Z",
					"24, 24, 2026-12-06T10:00:00Z", "167, 167, 2026-12-12T09:00:00Z",
					"168, 168, 2026-12-12T10:00:00Z" })
	void theGracePeriodIsTheHoursGivenOrADayAndZeroKeepsNothing(Integer given, int hours, Instant expiresAt) {
		Validation v = new Validation();
		assertThat(WebhookSecretRotation.validHours(v, "previousSecretValidForHours", given)).isEqualTo(hours);
		v.throwIfInvalid();
		assertThat(WebhookSecretRotation.previousExpiresAt(ROTATED, hours)).isEqualTo(expiresAt);
	}

	@ParameterizedTest(name = "{0} hours refused")
	@CsvSource({ "-1", "-24", "169", "720", "2147483647", "-2147483648" })
	void hoursOutsideZeroToAWeekAreRefusedWithTheField(int given) {
		Validation v = new Validation();
		WebhookSecretRotation.validHours(v, "previousSecretValidForHours", given);
		assertThatThrownBy(v::throwIfInvalid).isInstanceOfSatisfying(CreditDeskException.class, refused -> {
			assertThat(refused.errors()).singleElement().satisfies(error -> {
				assertThat(error.code()).isEqualTo(CommonErrorCode.OUT_OF_RANGE);
				assertThat(error.field()).isEqualTo("previousSecretValidForHours");
			});
		});
	}

	@Test
	void theRefusalReadsInEnglishAndGerman() {
		Validation v = new Validation();
		WebhookSecretRotation.validHours(v, "previousSecretValidForHours", 200);
		UserError error = assertRefused(v);
		assertThat(error.message(Locale.ENGLISH))
			.isEqualTo("The previous secret stays valid for 0 to 168 hours (0: it stops at once), got 200.");
		assertThat(error.message(Locale.GERMAN))
			.isEqualTo("Das bisherige Geheimnis bleibt 0 bis 168 Stunden gültig (0: es endet sofort), erhalten: 200.");
	}

	@ParameterizedTest(name = "rotated {0}, now {1} -> the same moment {2}")
	@CsvSource(nullValues = "null", value = { "null, 2026-12-05T10:00:00Z, false",
			"2026-12-05T10:00:00Z, 2026-12-05T10:00:00Z, true", "2026-12-05T10:00:00Z, 2026-12-05T10:00:00.036Z, true",
			"2026-12-05T10:00:00Z, 2026-12-05T10:00:09.999Z, true", "2026-12-05T10:00:00Z, 2026-12-05T10:00:10Z, false",
			"2026-12-05T10:00:00Z, 2026-12-05T11:00:00Z, false", "2026-12-05T10:00:05Z, 2026-12-05T10:00:00Z, true",
			"2026-12-05T10:00:10Z, 2026-12-05T10:00:00Z, false" })
	void aRotationWithinTenSecondsOfTheLastIsTheSameMoment(Instant rotatedAt, Instant now, boolean sameMoment) {
		WebhookSubscription subscription = WebhookSubscription.created("s-1", "https://erp.example.com/hooks",
				List.of("RiskFlagRaised"), null, "v1:k:c", "admin", ROTATED.minusSeconds(3600));
		if (rotatedAt != null) {
			subscription = subscription.rotated("v1:k:c2", "v1:k:c", rotatedAt.plusSeconds(3600), rotatedAt);
		}
		assertThat(WebhookSecretRotation.rotatedAtTheSameMoment(subscription, now)).isEqualTo(sameMoment);
	}

	@ParameterizedTest(name = "previous {0}, expires {1}, at {2} -> signs {3}")
	@CsvSource(nullValues = "null",
			value = { "v1:k:p, 2026-12-06T10:00:00Z, 2026-12-05T10:00:00Z, true",
					"v1:k:p, 2026-12-06T10:00:00Z, 2026-12-06T09:59:59.999Z, true",
					"v1:k:p, 2026-12-06T10:00:00Z, 2026-12-06T10:00:00Z, false",
					"v1:k:p, 2026-12-06T10:00:00Z, 2026-12-07T10:00:00Z, false",
					"null, 2026-12-06T10:00:00Z, 2026-12-05T10:00:00Z, false",
					"v1:k:p, null, 2026-12-05T10:00:00Z, false", "null, null, 2026-12-05T10:00:00Z, false" })
	void thePreviousSecretSignsUntilItsExpiryOnly(String previous, Instant expiresAt, Instant now, boolean signs) {
		WebhookSubscription subscription = WebhookSubscription
			.created("s-1", "https://erp.example.com/hooks", List.of("RiskFlagRaised"), null, "v1:k:c", "admin",
					ROTATED.minusSeconds(3600))
			.rotated("v1:k:c2", previous, expiresAt, ROTATED);
		assertThat(WebhookSecretRotation.previousSigns(subscription, now)).isEqualTo(signs);
	}

	@ParameterizedTest(name = "previous {0}, expires {1}, at {2} -> expired {3}")
	@CsvSource(nullValues = "null",
			value = { "v1:k:p, 2026-12-06T10:00:00Z, 2026-12-05T10:00:00Z, false",
					"v1:k:p, 2026-12-06T10:00:00Z, 2026-12-06T09:59:59.999Z, false",
					"v1:k:p, 2026-12-06T10:00:00Z, 2026-12-06T10:00:00Z, true",
					"v1:k:p, 2026-12-06T10:00:00Z, 2026-12-07T10:00:00Z, true",
					"null, 2026-12-06T10:00:00Z, 2026-12-07T10:00:00Z, false",
					"v1:k:p, null, 2026-12-07T10:00:00Z, false", "null, null, 2026-12-07T10:00:00Z, false" })
	void aPreviousSecretIsToBeRemovedFromTheInstantItStopsSigning(String previous, Instant expiresAt, Instant now,
			boolean expired) {
		WebhookSubscription subscription = WebhookSubscription
			.created("s-1", "https://erp.example.com/hooks", List.of("RiskFlagRaised"), null, "v1:k:c", "admin",
					ROTATED.minusSeconds(3600))
			.rotated("v1:k:c2", previous, expiresAt, ROTATED);
		assertThat(WebhookSecretRotation.previousExpired(subscription, now)).isEqualTo(expired);
		if (expired) {
			assertThat(WebhookSecretRotation.previousSigns(subscription, now)).isFalse();
		}
	}

	private static UserError assertRefused(Validation v) {
		try {
			v.throwIfInvalid();
		}
		catch (CreditDeskException refused) {
			return refused.errors().get(0);
		}
		throw new AssertionError("not refused");
	}

}
