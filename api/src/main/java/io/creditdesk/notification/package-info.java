/**
 * Notifications: who hears of an alert or a decision, and how (issue 17). For webhooks to
 * other systems (ERP, chat bridges) this holds the two rules every delivery goes through:
 * {@link io.creditdesk.notification.WebhookTargets} admits only http(s) URLs whose host
 * resolves to public addresses (no loopback, private, link-local or cloud metadata
 * address unless configuration allows it: a webhook URL is chosen by a user, and without
 * the check it would let that user make the service call its own network, server-side
 * request forgery), and {@link io.creditdesk.notification.WebhookSignature} signs each
 * payload the Standard Webhooks way ({@code webhook-id}, {@code webhook-timestamp},
 * {@code webhook-signature}: HMAC-SHA256), so a receiver verifies it with any Standard
 * Webhooks library. Both are plain Java.
 */
package io.creditdesk.notification;
