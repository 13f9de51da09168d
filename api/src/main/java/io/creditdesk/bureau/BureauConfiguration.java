package io.creditdesk.bureau;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The credit bureau connector, when {@code creditdesk.bureau.base-url} names one. */
@Configuration(proxyBeanMethods = false)
class BureauConfiguration {

	@Bean
	@ConditionalOnProperty(prefix = "creditdesk.bureau", name = "base-url")
	CreditBureau creditBureau(BureauProperties settings, JsonMapper json, Clock clock) {
		return new HttpCreditBureau(settings, json, clock);
	}

}
