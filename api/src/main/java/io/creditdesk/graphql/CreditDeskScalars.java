package io.creditdesk.graphql;

import graphql.schema.idl.RuntimeWiring;

import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.stereotype.Component;

/** Registers the custom scalars (a component, so GraphQL slice tests pick it up too). */
@Component
class CreditDeskScalars implements RuntimeWiringConfigurer {

	@Override
	public void configure(RuntimeWiring.Builder wiring) {
		wiring.scalar(Scalars.DECIMAL).scalar(Scalars.DATE).scalar(Scalars.DATE_TIME);
	}

}
