/**
 * Notifications: who hears of a decision, a flag, an alert or a request waiting for them,
 * and how (issue 17). {@link io.creditdesk.notification.NotificationConsumer} handles the
 * credit events read with the notifications' own consumer group (a
 * {@link io.creditdesk.events.CreditEventGroup}, declared in
 * {@link io.creditdesk.notification.NotificationConfiguration});
 * {@link io.creditdesk.notification.CreditEventNotices} turns those people are told of
 * into notices, and the {@link io.creditdesk.notification.RecipientRules} (documented
 * defaults, replaceable per type by configuration) name the recipients: the customer's
 * credit analyst and sales owner, the requester, the approvers of a step's role, role
 * mailboxes from the {@link io.creditdesk.notification.UserDirectory}. Each recipient
 * gets the notice in the in-app inbox and, as they chose, by e-mail at once or in the
 * daily digest ({@link io.creditdesk.notification.EmailDispatcher}, Spring Mail when a
 * mail server is configured, texts from the message catalogue in their language).
 * <p>
 * Other systems subscribe to credit event types by webhook: each event is queued per
 * subscription ({@link io.creditdesk.notification.WebhookFanOut}) and sent by the
 * {@link io.creditdesk.notification.WebhookDispatcher}, claimed by one instance at a
 * time, retried with backoff, logged, and the subscription disabled after repeated
 * failures (and turned back on by an administrator once the receiver works). A
 * subscription's signing secret is rotated without a moment where deliveries fail
 * verification: the previous secret signs beside the new one for a grace period
 * ({@link io.creditdesk.notification.WebhookSecretRotation}) and is removed once it
 * expired ({@link io.creditdesk.notification.WebhookPreviousSecretSweep}). Every delivery
 * goes through the two plain-Java rules of this package:
 * {@link io.creditdesk.notification.WebhookTargets} admits only http(s) URLs whose host
 * resolves to public addresses (no loopback, private, link-local or cloud metadata
 * address unless configuration allows it: a webhook URL is chosen by a user, and without
 * the check it would let that user make the service call its own network, server-side
 * request forgery), and {@link io.creditdesk.notification.WebhookSignature} signs each
 * payload the Standard Webhooks way ({@code webhook-id}, {@code webhook-timestamp},
 * {@code webhook-signature}: HMAC-SHA256), so a receiver verifies it with any Standard
 * Webhooks library. The signing secrets are kept encrypted in the database
 * ({@link io.creditdesk.notification.WebhookSecrets}: AES-256-GCM under a key from
 * configuration, bound to the subscription, with key rotation); secrets stored before
 * that are encrypted at start by the
 * {@link io.creditdesk.notification.WebhookSecretMigration}, and a secret that does not
 * decrypt fails its delivery rather than send it unsigned. Every delivery, in-app, e-mail
 * or webhook, is keyed by the event, the recipient and the channel, so an event read
 * twice is delivered once.
 */
package io.creditdesk.notification;
