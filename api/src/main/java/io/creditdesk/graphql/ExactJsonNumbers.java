package io.creditdesk.graphql;

import tools.jackson.databind.DeserializationFeature;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * JSON numbers with a fraction or an exponent are read as {@link java.math.BigDecimal},
 * never as a binary double: GraphQL variables ({@code "amount": 1234567890123.45}) reach
 * the {@code Decimal} scalar exactly, and {@code 1e400}, which a double turns into
 * infinity, reaches it as the value it is and is refused as {@code AMOUNT_OUT_OF_RANGE}
 * by the bound every amount is held to. Applies to the service's one {@code JsonMapper},
 * so the HTTP and WebSocket transports read numbers alike.
 */
@Configuration(proxyBeanMethods = false)
class ExactJsonNumbers {

	@Bean
	JsonMapperBuilderCustomizer bigDecimalForFloats() {
		return builder -> builder.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
	}

}
