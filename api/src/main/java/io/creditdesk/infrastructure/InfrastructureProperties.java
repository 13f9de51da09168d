package io.creditdesk.infrastructure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param connectTimeout how long a store may take to answer before it counts as
 * unreachable
 * @param readTimeout how long one MongoDB operation may wait for its answer before it
 * fails (so that a lost answer fails the operation, to be retried, instead of blocking
 * its thread for ever)
 */
@ConfigurationProperties("creditdesk.infrastructure")
public record InfrastructureProperties(@DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("60s") Duration readTimeout) {
}
