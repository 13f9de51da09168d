package io.creditdesk.infrastructure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param connectTimeout how long a store may take to answer before it counts as unreachable
 */
@ConfigurationProperties("creditdesk.infrastructure")
public record InfrastructureProperties(@DefaultValue("5s") Duration connectTimeout) {
}
