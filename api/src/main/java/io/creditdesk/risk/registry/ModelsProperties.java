package io.creditdesk.risk.registry;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the service keeps its models ({@code creditdesk.models.*}).
 *
 * @param pollInterval how often every instance checks the registry for a new champion or
 * challenger (the time within which all instances switch)
 * @param threads XGBoost threads per model (1 avoids spinning OpenMP threads on a busy
 * machine)
 * @param firstChampionWait how long an instance starting beside another waits for that
 * one to register the build's champion
 */
@ConfigurationProperties("creditdesk.models")
public record ModelsProperties(@DefaultValue("2s") Duration pollInterval, @DefaultValue("1") int threads,
		@DefaultValue("60s") Duration firstChampionWait) {

}
