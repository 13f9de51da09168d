package io.creditdesk.apikey;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param cacheTtl how long an instance uses a key it read from MongoDB before reading it
 * again: a revocation made on another instance applies here within this time (on this
 * instance, at once)
 * @param lastUsedInterval how often, at most, an instance writes a key's
 * {@code lastUsedAt}
 */
@ConfigurationProperties("creditdesk.api-keys")
public record ApiKeyProperties(@DefaultValue("2s") Duration cacheTtl, @DefaultValue("1m") Duration lastUsedInterval) {
}
