package io.creditdesk.customer;

import java.time.Instant;

/** A raised risk flag: why, from where, when and by whom. */
public record RiskFlag(RiskFlagType type, String reason, String source, Instant raisedAt, String raisedBy) {
}
