/**
 * Live scores: every customer scored by the champion from its point-in-time history
 * (batched predictions), stored with a score history, refreshed shortly after its ledger
 * changes and daily over the whole portfolio (one instance at a time), re-scored when the
 * active models change, with the challenger's scores kept beside in shadow; and the
 * GraphQL fields that read them. Implements {@link io.creditdesk.risk.CustomerScores} and
 * {@link io.creditdesk.risk.PortfolioScoring}. The order credit check never calls it.
 */
package io.creditdesk.risk.scores;
