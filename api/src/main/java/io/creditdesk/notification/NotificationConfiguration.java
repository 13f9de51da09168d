package io.creditdesk.notification;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SSRF guard of the webhooks, with the DNS of the system. */
@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

	@Bean
	WebhookTargets webhookTargets(WebhookProperties properties) {
		return new WebhookTargets(WebhookTargets.Resolver.SYSTEM, properties.allowPrivateTargets());
	}

}
