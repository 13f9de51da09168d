package io.creditdesk.fx;

import java.util.List;

import io.creditdesk.common.UserError;
import io.creditdesk.fx.FxRateService.SetFxRateInput;
import io.creditdesk.graphql.Payloads;
import io.creditdesk.security.Roles;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

@Controller
class FxRateController {

	private final FxRateService rates;

	FxRateController(FxRateService rates) {
		this.rates = rates;
	}

	@QueryMapping
	@PreAuthorize(Roles.READ_CUSTOMERS)
	List<FxRate> fxRates(@Argument String base, @Argument String quote) {
		return this.rates.list(base, quote);
	}

	@MutationMapping
	SetFxRatePayload setFxRate(@Argument SetFxRateInput input) {
		return Payloads.run(() -> this.rates.set(input), SetFxRatePayload::new);
	}

	record SetFxRatePayload(FxRate rate, List<UserError> userErrors) {
	}

}
