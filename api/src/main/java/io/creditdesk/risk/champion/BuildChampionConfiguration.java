package io.creditdesk.risk.champion;

import io.creditdesk.risk.ActiveModels;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Scores with the build's champion when nothing else provides the {@link ActiveModels}
 * (the model registry does, where present), so the service scores from its first start
 * either way.
 */
@Configuration(proxyBeanMethods = false)
class BuildChampionConfiguration {

	@Bean
	@ConditionalOnMissingBean(ActiveModels.class)
	ActiveModels buildChampion() {
		return BuildChampion.load();
	}

}
