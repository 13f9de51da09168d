/**
 * API keys for machine clients (ERPs, web shops, the sales portal's back end), in demo
 * and production mode: created and revoked by administrators through GraphQL, each with
 * the roles it acts with fixed at creation and an optional expiry, its secret shown once
 * and stored only as a SHA-256, sent as {@code X-API-Key} or
 * {@code Authorization: Bearer cdk_...}. Keys live in MongoDB; an instance re-reads a key
 * after two seconds, so a revocation applies everywhere within that time (and at once on
 * the instance that made it). A key acts for a machine: it holds no approver's role
 * ({@code CREDIT_MANAGER}, {@code CFO}) and takes no four-eyes decision, whatever its
 * roles ({@link io.creditdesk.common.FourEyes}).
 */
package io.creditdesk.apikey;
