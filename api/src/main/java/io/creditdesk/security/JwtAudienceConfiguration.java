package io.creditdesk.security;

import java.util.Collection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;

/**
 * JWT mode accepts only tokens meant for this service: their {@code aud} claim must name
 * {@code creditdesk.security.jwt.audience}. Spring Boot adds this validator to the JWT
 * decoder it configures (from the issuer URI, JWK set URI or public key), next to the
 * issuer's and the expiry's. Without an audience the service does not start
 * ({@link JwtProperties#requiredAudience()}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "creditdesk.security.mode", havingValue = "jwt")
class JwtAudienceConfiguration {

	private static final Logger log = LoggerFactory.getLogger(JwtAudienceConfiguration.class);

	@Bean
	OAuth2TokenValidator<Jwt> jwtAudienceValidator(JwtProperties properties) {
		String audience = properties.requiredAudience();
		log.info("JWT sign-in: tokens must be issued for audience '{}'", audience);
		return new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
				claim -> JwtProperties.names(claim, audience));
	}

}
