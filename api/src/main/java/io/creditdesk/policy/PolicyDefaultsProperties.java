package io.creditdesk.policy;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The system defaults: the last level of resolution, used where no stored policy sets a
 * value.
 */
@ConfigurationProperties("creditdesk.policy.defaults")
public record PolicyDefaultsProperties(@DefaultValue("30") int netDays, @DefaultValue("0") int graceDays,
		@DefaultValue( {
				"0.80", "0.95" }) List<Double> alertThresholds,
		@DefaultValue("12") int reviewIntervalMonths){

	PolicySettings toSettings() {
		return new PolicySettings(null, null, new PaymentTerms(this.netDays, null, null, false), this.graceDays,
				List.copyOf(this.alertThresholds), null, null, null, null, this.reviewIntervalMonths);
	}

}
