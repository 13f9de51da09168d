package io.creditdesk.graphql;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

@Configuration(proxyBeanMethods = false)
class GraphQlConfiguration {

	@Bean
	RuntimeWiringConfigurer creditDeskScalars() {
		return wiring -> wiring.scalar(Scalars.DECIMAL).scalar(Scalars.DATE).scalar(Scalars.DATE_TIME);
	}

}
