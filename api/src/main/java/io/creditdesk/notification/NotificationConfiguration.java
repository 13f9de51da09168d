package io.creditdesk.notification;

import io.creditdesk.events.CreditEventGroup;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The notifications' consumer group on the credit events, and the SSRF guard of the
 * webhooks with the DNS of the system.
 */
@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

	@Bean
	CreditEventGroup notificationsCreditEventGroup(NotificationProperties properties, NotificationConsumer consumer) {
		return new CreditEventGroup("creditdesk-notifications", properties.groupId(), properties.enabled(),
				consumer::handle, consumer::wants);
	}

	@Bean
	WebhookTargets webhookTargets(WebhookProperties properties) {
		return new WebhookTargets(WebhookTargets.Resolver.SYSTEM, properties.allowPrivateTargets());
	}

}
