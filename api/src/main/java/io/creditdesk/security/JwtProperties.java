package io.creditdesk.security;

import java.util.Collection;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Bearer JWTs in JWT mode (README, "Security").
 *
 * @param audience the audience a token must be meant for (one of the values of its
 * {@code aud} claim): an identity provider mints tokens for many applications, and a
 * token for another one must not sign in here. Required in JWT mode: without it the
 * service does not start.
 * @param principalClaim the claim that names the caller, as recorded in audit trails,
 * compared by the four-eyes rules and used for its rate limit bucket. {@code sub} (the
 * default) is unique and stable per identity provider; {@code preferred_username} and the
 * like are display names, often editable and not unique: name one only where the identity
 * provider guarantees both. A token without the claim is refused.
 */
@ConfigurationProperties("creditdesk.security.jwt")
public record JwtProperties(String audience, @DefaultValue("sub") String principalClaim) {

	static final String AUDIENCE = "creditdesk.security.jwt.audience";

	/** The required audience, or a refusal to start that names the setting. */
	String requiredAudience() {
		if (this.audience == null || this.audience.isBlank()) {
			throw new InvalidConfigurationPropertyValueException(AUDIENCE, "",
					"JWT mode needs the audience tokens for this service carry (their 'aud' claim), else a token "
							+ "the same identity provider issued for any other application would be accepted. Set "
							+ AUDIENCE + " (OAUTH2_AUDIENCE with the prod profile) to this service's client id or "
							+ "audience at your identity provider");
		}
		return this.audience.trim();
	}

	/** Whether an {@code aud} claim's values name {@code audience}. */
	static boolean names(Collection<String> claim, String audience) {
		return claim != null && claim.contains(audience);
	}

}
