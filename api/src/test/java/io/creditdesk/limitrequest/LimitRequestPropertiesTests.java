package io.creditdesk.limitrequest;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The claim lease of {@code creditdesk.limit-requests.*} as Spring binds it: a minute
 * unless set, any positive duration when set, and a start refused for none at all.
 */
class LimitRequestPropertiesTests {

	@Test
	void theClaimLeaseIsAMinuteUnlessSet() {
		assertThat(bind(Map.of()).claimLease()).isEqualTo(Duration.ofMinutes(1));
		assertThat(bind(Map.of("creditdesk.limit-requests.claim-lease", "10s")).claimLease())
			.isEqualTo(Duration.ofSeconds(10));
		assertThat(bind(Map.of("creditdesk.limit-requests.claim-lease", "PT5M")).claimLease())
			.isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void aClaimLeaseOfNoTimeIsRefused() {
		for (String lease : new String[] { "0s", "-1s" }) {
			assertThatThrownBy(() -> bind(Map.of("creditdesk.limit-requests.claim-lease", lease)))
				.isInstanceOf(BindException.class)
				.rootCause()
				.hasMessageContaining("creditdesk.limit-requests.claim-lease must be a positive duration");
		}
	}

	private static LimitRequestProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("creditdesk.limit-requests",
				LimitRequestProperties.class);
	}

}
