package io.creditdesk.graphiql;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether the GraphiQL page is served: {@code creditdesk.graphiql.enabled} when set,
 * otherwise on in demo mode and off in JWT mode (where nobody can sign in on the page
 * itself).
 */
class GraphiQlEnabled implements Condition {

	static final String PROPERTY = "creditdesk.graphiql.enabled";

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return enabled(context.getEnvironment());
	}

	static boolean enabled(Environment environment) {
		String value = environment.getProperty(PROPERTY);
		if (value != null && !value.isBlank()) {
			return Boolean.parseBoolean(value.trim());
		}
		return !jwt(environment);
	}

	static boolean jwt(Environment environment) {
		return "jwt".equalsIgnoreCase(environment.getProperty("creditdesk.security.mode", "demo").trim());
	}

}
