package io.creditdesk.ledger;

import java.time.Clock;
import java.time.Instant;

import io.creditdesk.common.Money;
import io.creditdesk.customer.CustomerCreditChanged;
import io.creditdesk.security.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import org.springframework.context.event.EventListener;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/**
 * Live available credit for sales portals: after every exposure, limit, status or flag change the
 * customer's current figures are read from the store and pushed to its subscribers. A new
 * subscriber first gets the current figures. Within one instance the feed follows this
 * instance's changes; across instances it is fed from the credit events on Kafka.
 */
@Controller
class AvailableCreditFeed {

	private static final Logger log = LoggerFactory.getLogger(AvailableCreditFeed.class);

	private final CreditAccountService accounts;

	private final Clock clock;

	private final Sinks.Many<AvailableCredit> sink = Sinks.many().multicast().directBestEffort();

	AvailableCreditFeed(CreditAccountService accounts, Clock clock) {
		this.accounts = accounts;
		this.clock = clock;
	}

	/** The figures pushed to subscribers. */
	record AvailableCredit(String customerId, Money availableCredit, Money limit, Money netExposure, double utilization,
			String cause, Instant at) {
	}

	@SubscriptionMapping
	@PreAuthorize(Roles.READ_CUSTOMERS)
	Flux<AvailableCredit> availableCreditChanged(@Argument String customerId) {
		AvailableCredit current = read(customerId, "SUBSCRIBED");
		return Flux.concat(Flux.just(current), this.sink.asFlux().filter(update -> update.customerId().equals(customerId)));
	}

	@EventListener
	void onExposureChanged(ExposureChanged event) {
		publish(event.customerId(), event.cause());
	}

	@EventListener
	void onCustomerCreditChanged(CustomerCreditChanged event) {
		publish(event.customerId(), event.action());
	}

	private void publish(String customerId, String cause) {
		if (this.sink.currentSubscriberCount() == 0) {
			return;
		}
		try {
			this.sink.tryEmitNext(read(customerId, cause));
		}
		catch (RuntimeException ex) {
			log.warn("Could not publish available credit of customer {}: {}", customerId, ex.getMessage());
		}
	}

	private AvailableCredit read(String customerId, String cause) {
		CreditAccountService.Exposure exposure = this.accounts.exposure(customerId);
		return new AvailableCredit(customerId, exposure.availableCredit(), exposure.limit(), exposure.net(),
				exposure.utilization(), cause, this.clock.instant());
	}

}
