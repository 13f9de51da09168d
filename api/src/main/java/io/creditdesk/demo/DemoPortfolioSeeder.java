package io.creditdesk.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import com.mongodb.client.model.ReplaceOptions;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.DecimalInput;
import io.creditdesk.common.MoneyInput;
import io.creditdesk.customer.Customer;
import io.creditdesk.customer.CustomerInputs.CreateCustomerInput;
import io.creditdesk.customer.CustomerInputs.RaiseRiskFlagInput;
import io.creditdesk.customer.CustomerInputs.SetCreditLimitInput;
import io.creditdesk.customer.CustomerInputs.SetCustomerStatusInput;
import io.creditdesk.customer.CustomerService;
import io.creditdesk.customer.CustomerStatus;
import io.creditdesk.customer.RiskFlagType;
import io.creditdesk.events.CreditEventConsumers;
import io.creditdesk.fx.FxRateService;
import io.creditdesk.fx.FxRateService.SetFxRateInput;
import io.creditdesk.policy.CreditPolicyService;
import io.creditdesk.policy.PolicyLevel;
import io.creditdesk.policy.UpsertCreditPolicyInput;
import io.creditdesk.policy.UpsertCreditPolicyInput.PaymentTermsInput;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Seeds the demo portfolio once. Deterministic (fixed seed) and idempotent: customers are
 * keyed by external reference {@code DEMO-0001...}, so a second instance, or a restart
 * after an interrupted run, skips what exists and completes the rest. The credit event
 * consumers of this instance (alerts, notifications) are held while it writes
 * ({@link CreditEventConsumers}): they then react to the portfolio as it stands, not to
 * each step of its history.
 */
@Component
@ConditionalOnProperty(name = "creditdesk.demo.enabled", havingValue = "true")
class DemoPortfolioSeeder implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoPortfolioSeeder.class);

	private static final String MARKER = "demo-portfolio-v1";

	private static final String FX_BASE = "EUR";

	/**
	 * Plausible rates into EUR for the demo's other currencies (see
	 * {@link DemoCompany#currencies()}).
	 */
	static final Map<String, String> DEMO_RATES_TO_EUR = Map.of("GBP", "1.17", "USD", "0.92");

	private final CustomerService customers;

	private final CreditPolicyService policies;

	private final MongoTemplate mongo;

	private final DemoActivity activity;

	private final FxRateService fx;

	private final Supplier<LocalDate> fxValidFrom;

	private final Supplier<LocalDate> today;

	private final int size;

	private final CreditEventConsumers consumers;

	DemoPortfolioSeeder(CustomerService customers, CreditPolicyService policies, MongoTemplate mongo,
			DemoActivity activity, FxRateService fx, Clock clock, Environment env, CreditEventConsumers consumers) {
		this.consumers = consumers;
		this.customers = customers;
		this.policies = policies;
		this.mongo = mongo;
		this.activity = activity;
		this.fx = fx;
		this.today = () -> LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
		this.fxValidFrom = () -> this.today.get().minusYears(10).withDayOfYear(1);
		this.size = env.getProperty("creditdesk.demo.customers", Integer.class, 240);
	}

	@Override
	public void run(ApplicationArguments args) {
		var auth = new UsernamePasswordAuthenticationToken("demo-seeder", null,
				AuthorityUtils.createAuthorityList("ROLE_ADMIN", "ROLE_CFO"));
		SecurityContextHolder.getContext().setAuthentication(auth);
		try {
			// Before the marker: a portfolio seeded by an earlier version gets its rates
			// too.
			seedFxRates();
			if (this.mongo.getCollection("seed_markers").find(new Document("_id", MARKER)).first() != null) {
				log.info("Demo portfolio already seeded; skipping");
				return;
			}
			long started = System.nanoTime();
			// The alerts and notifications read the credit events once the portfolio is
			// in: its history is the past, not news (an invoice issued long overdue would
			// raise an alert, mailed, a moment before its payment resolves it).
			int created = this.consumers.heldDuring(this::seedPortfolio);
			log.info("Demo portfolio ready: {} customers ({} new) in {} ms", this.size, created,
					(System.nanoTime() - started) / 1_000_000);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	/** Policies, customers and their ledger history, then the marker; how many new. */
	private int seedPortfolio() {
		seedPolicies();
		int created = seedCustomers();
		log.info("Seeding demo portfolio: orders, shipments, invoices and payments");
		int documents = this.activity.seed(this.size);
		log.info("Seeding demo portfolio: {} ledger documents", documents);
		this.mongo.getCollection("seed_markers")
			.replaceOne(new Document("_id", MARKER), new Document("_id", MARKER).append("customers", this.size),
					new ReplaceOptions().upsert(true));
		return created;
	}

	/**
	 * A rate into EUR for every other currency the demo uses, valid from well before the
	 * oldest demo document, so every conversion (order entry, KPIs in EUR) finds one. Set
	 * only where the pair has no rate at all, so rates someone set are kept.
	 */
	private void seedFxRates() {
		for (String currency : DemoCompany.currencies()) {
			if (currency.equals(FX_BASE) || !this.fx.list(currency, FX_BASE).isEmpty()
					|| !this.fx.list(FX_BASE, currency).isEmpty()) {
				continue;
			}
			String rate = DEMO_RATES_TO_EUR.get(currency);
			if (rate == null) {
				throw new IllegalStateException("The demo uses " + currency + " but has no demo rate into " + FX_BASE);
			}
			this.fx.set(new SetFxRateInput(currency, FX_BASE, new DecimalInput(rate), this.fxValidFrom.get(),
					"Demo portfolio"));
			log.info("Seeding demo portfolio: FX rate {}/{} {}", currency, FX_BASE, rate);
		}
	}

	private void seedPolicies() {
		log.info("Seeding demo portfolio: credit policies");
		policy(PolicyLevel.GLOBAL, null, null, null, terms(30, null, null, false), 5, null, 12);
		policy(PolicyLevel.SEGMENT, "ENTERPRISE", "250000", "2000000", terms(45, null, null, false), null, null, 12);
		policy(PolicyLevel.SEGMENT, "MID_MARKET", "75000", "500000", null, null, null, 12);
		policy(PolicyLevel.SEGMENT, "SMB", "15000", "100000", null, null, "25000", 6);
		policy(PolicyLevel.TIER, "PLATINUM", null, null, terms(45, "2", 10, false), 10, null, null);
		policy(PolicyLevel.TIER, "GOLD", null, null, terms(30, "1.5", 10, false), null, null, null);
		policy(PolicyLevel.TIER, "BRONZE", null, "50000", terms(30, null, null, false), 0, "20000", 3);
		policy(PolicyLevel.INDUSTRY, "CONSTRUCTION", null, null, terms(60, null, null, true), 10, null, 6);
		policy(PolicyLevel.INDUSTRY, "RETAIL", null, null, terms(30, null, null, true), null, null, null);
		policy(PolicyLevel.INDUSTRY, "FOOD_BEVERAGE", null, null, terms(14, null, null, false), 3, null, null);
	}

	private void policy(PolicyLevel level, String code, String defaultLimit, String hardCap, PaymentTermsInput terms,
			Integer graceDays, String maxOrder, Integer reviewMonths) {
		if (this.policies.get(level, code) != null) {
			return;
		}
		this.policies.upsert(new UpsertCreditPolicyInput(level, code, eur(defaultLimit), eur(hardCap), terms, graceDays,
				(level == PolicyLevel.GLOBAL) ? List.of(0.8, 0.95) : null, null, null,
				(level == PolicyLevel.INDUSTRY && "CONSTRUCTION".equals(code)) ? 60 : null, eur(maxOrder), reviewMonths,
				"Demo portfolio", null));
	}

	private static MoneyInput eur(String amount) {
		return (amount != null) ? new MoneyInput(new DecimalInput(amount), "EUR") : null;
	}

	private static PaymentTermsInput terms(int net, String discount, Integer discountDays, boolean eom) {
		return new PaymentTermsInput(net, (discount != null) ? new DecimalInput(discount) : null, discountDays, eom);
	}

	private int seedCustomers() {
		Random random = new Random(20261122L);
		List<String> groupParents = new ArrayList<>();
		int created = 0;
		for (int i = 1; i <= this.size; i++) {
			DemoCompany company = DemoCompany.next(random, i);
			String externalRef = String.format("DEMO-%04d", i);
			Customer existing = this.customers.getByExternalRef(externalRef).orElse(null);
			boolean joinsGroup = !groupParents.isEmpty() && random.nextInt(10) == 0;
			String parentId = joinsGroup ? groupParents.get(random.nextInt(groupParents.size())) : null;
			Customer customer = existing;
			if (customer == null) {
				customer = this.customers.create(new CreateCustomerInput(externalRef, company.name(), company.taxId(),
						company.country(), company.segment(), company.tier(), company.industry(), company.currency(),
						parentId, customerSince(i)));
				created++;
				decide(customer, company, random);
			}
			else {
				random.nextInt(100); // keep the sequence identical on a resumed run
				random.nextInt(100);
				random.nextInt(100);
			}
			if ("ENTERPRISE".equals(company.segment()) && groupParents.size() < 12) {
				groupParents.add(customer.id());
			}
			if (i % 40 == 0 || i == this.size) {
				log.info("Seeding demo portfolio: {}/{} customers", i, this.size);
			}
		}
		return created;
	}

	/**
	 * Customers for 2 to 7 years (from the index, so the random sequence stays as it
	 * was): older than the demo's ledger history, which goes back
	 * {@link DemoActivity#HISTORY_MONTHS} months.
	 */
	private LocalDate customerSince(int index) {
		return this.today.get().minusMonths(DemoActivity.HISTORY_MONTHS + 10 + (index * 7L) % 60).withDayOfMonth(1);
	}

	/**
	 * Limits, holds and flags in realistic shares: most active, some pending, a few
	 * restricted.
	 */
	private void decide(Customer customer, DemoCompany company, Random random) {
		int pending = random.nextInt(100);
		int restriction = random.nextInt(100);
		int factor = 50 + random.nextInt(101);
		if (pending < 8) {
			return;
		}
		if (!"EUR".equals(company.currency())) {
			// Caps of the stored policies are in EUR; give foreign-currency accounts
			// their own cap.
			BigDecimal cap = new BigDecimal(
					Map.of("ENTERPRISE", 1_500_000, "MID_MARKET", 400_000, "SMB", 80_000).get(company.segment()));
			this.policies.upsert(new UpsertCreditPolicyInput(PolicyLevel.CUSTOMER, customer.id(), null,
					new MoneyInput(new DecimalInput(cap.toPlainString()), company.currency()), null, null, null, null,
					null, null, null, null, "Cap in the account's own currency", null));
		}
		BigDecimal base = new BigDecimal(
				Map.of("ENTERPRISE", 250_000, "MID_MARKET", 75_000, "SMB", 15_000).get(company.segment()));
		BigDecimal limit = base.multiply(BigDecimal.valueOf(factor))
			.divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP)
			.divide(BigDecimal.valueOf(1000), 0, RoundingMode.HALF_UP)
			.multiply(BigDecimal.valueOf(1000));
		if ("BRONZE".equals(company.tier())) {
			limit = limit.min(BigDecimal.valueOf(50_000));
		}
		try {
			this.customers.setCreditLimit(new SetCreditLimitInput(customer.id(),
					new DecimalInput(limit.toPlainString()), null, null, "Initial limit from onboarding review", null));
		}
		catch (CreditDeskException ex) {
			log.warn("Demo customer {}: limit refused: {}", customer.externalRef(), ex.getMessage());
			return;
		}
		if (restriction < 4) {
			this.customers.setStatus(new SetCustomerStatusInput(customer.id(), CustomerStatus.ON_HOLD,
					"Overdue balance under review", null));
		}
		else if (restriction < 6) {
			this.customers.setStatus(new SetCustomerStatusInput(customer.id(), CustomerStatus.SUSPENDED,
					"Repeated broken payment promises", null));
		}
		else if (restriction < 9) {
			this.customers.raiseFlag(new RaiseRiskFlagInput(customer.id(), RiskFlagType.BUREAU,
					"Payment default reported to the bureau", "Creditreform"));
		}
		else if (restriction < 10) {
			this.customers.raiseFlag(new RaiseRiskFlagInput(customer.id(), RiskFlagType.FRAUD,
					"Delivery address matches a known fraud pattern", "internal-review"));
		}
	}

}
