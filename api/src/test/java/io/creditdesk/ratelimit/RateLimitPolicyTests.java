package io.creditdesk.ratelimit;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.creditdesk.ratelimit.RateLimitProperties.Limit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitPolicyTests {

	private static final Limit PEOPLE = new Limit(20_000, 2_000);

	private static final Limit MACHINES = new Limit(100_000, 50_000);

	private static final Limit FINANCE = new Limit(40_000, 4_000);

	private static final RateLimitPolicy DEFAULTS = new RateLimitProperties(true, PEOPLE, null).policy();

	private static final RateLimitPolicy CONFIGURED = new RateLimitProperties(true, PEOPLE, Map.of("cfo", FINANCE))
		.policy();

	static Stream<Arguments> limits() {
		return Stream.of(Arguments.of(DEFAULTS, List.of(), PEOPLE), Arguments.of(DEFAULTS, List.of("SALES"), PEOPLE),
				Arguments.of(DEFAULTS, List.of("ADMIN"), PEOPLE),
				Arguments.of(DEFAULTS, List.of("INTEGRATION"), MACHINES),
				Arguments.of(DEFAULTS, List.of("SALES", "INTEGRATION"), MACHINES),
				// Configured roles are added to the defaults (role names in any case),
				// the most generous wins.
				Arguments.of(CONFIGURED, List.of("CFO"), FINANCE),
				Arguments.of(CONFIGURED, List.of("CFO", "SALES"), FINANCE),
				Arguments.of(CONFIGURED, List.of("CFO", "INTEGRATION"), MACHINES),
				Arguments.of(CONFIGURED, List.of("SALES"), PEOPLE));
	}

	@ParameterizedTest(name = "{1} -> {2}")
	@MethodSource
	void limits(RateLimitPolicy policy, List<String> roles, Limit limit) {
		assertThat(policy.limitFor(roles)).isEqualTo(limit);
	}

}
