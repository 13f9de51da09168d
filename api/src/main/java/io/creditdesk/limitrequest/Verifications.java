package io.creditdesk.limitrequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditOutbox;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.audit.Changes;
import io.creditdesk.bureau.BureauReport;
import io.creditdesk.bureau.CompanyMatch;
import io.creditdesk.bureau.CreditBureau;
import io.creditdesk.common.Actor;
import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.Money;
import io.creditdesk.common.Validation;
import io.creditdesk.customer.Customer;
import io.creditdesk.fx.FxRateService;
import io.creditdesk.limitrequest.AnalysisSnapshot.Verification;
import io.creditdesk.limitrequest.CustomerVerification.ManualVerification;
import org.bson.Document;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Verification data of customers: manual verifications recorded by analysts, and bureau
 * reports fetched through the {@link CreditBureau} port when one is configured, stored
 * per customer and reused while younger than the policy age. Each change is one
 * conditional update of the customer's verification document with its audit record.
 */
@Component
class Verifications {

	private static final String COLLECTION = "customer_verifications";

	private final MongoTemplate mongo;

	private final ObjectProvider<CreditBureau> bureau;

	private final AuditLog audit;

	private final FxRateService fx;

	private final Clock clock;

	private final PreAnalysisPolicies policies;

	Verifications(MongoTemplate mongo, ObjectProvider<CreditBureau> bureau, AuditLog audit, FxRateService fx,
			Clock clock, PreAnalysisPolicies policies) {
		this.mongo = mongo;
		this.bureau = bureau;
		this.audit = audit;
		this.fx = fx;
		this.clock = clock;
		this.policies = policies;
		audit.register(CustomerVerification.class);
	}

	Optional<CustomerVerification> find(String customerId) {
		return Optional.ofNullable(this.mongo.findById(customerId, CustomerVerification.class, COLLECTION));
	}

	/**
	 * What the pre-analysis sees: a bureau report when there is one, else a manual
	 * verification, else none.
	 */
	Verification of(Customer customer) {
		Optional<CustomerVerification> stored = find(customer.id());
		if (stored.isPresent() && stored.get().bureauReport() != null) {
			BureauReport report = stored.get().bureauReport();
			return Verification.bureau(report.status(), report.rating(),
					inCreditCurrency(report.recommendedLimit(), customer.creditCurrency()));
		}
		if (stored.isPresent() && stored.get().manual() != null) {
			return Verification.manual();
		}
		return Verification.NONE;
	}

	private Money inCreditCurrency(Money amount, String currency) {
		if (amount == null) {
			return null;
		}
		try {
			return this.fx.convertStored(amount, currency, null, "recommendedLimit").converted();
		}
		catch (CreditDeskException ex) {
			// Without a rate the recommendation cannot be compared: treated as none.
			return null;
		}
	}

	CustomerVerification recordManual(Customer customer, String rawEvidence, String rawReference) {
		Validation v = new Validation();
		String evidence = v.freeText("evidence", rawEvidence, 2000);
		String reference = v.required("reference", rawReference, 200);
		v.throwIfInvalid();
		ManualVerification manual = new ManualVerification(Actor.current().name(), this.clock.instant(), evidence,
				reference);
		AuditRecord entry = this.audit.entry("VERIFICATION_RECORDED", "CUSTOMER", customer.id(), customer.id(),
				evidence, new Changes().set("verification.reference", reference).set("verification.by", manual.by()));
		return write(customer.id(), new Update().set("manual", toDocument(manual)), entry);
	}

	/**
	 * The customer's bureau report: the stored one while younger than the policy age,
	 * else (or when forced) a new one bought from the bureau, matched by tax ID.
	 */
	CustomerVerification fetchReport(Customer customer, boolean force) {
		CreditBureau connector = this.bureau.getIfAvailable();
		if (connector == null) {
			throw CreditDeskException.refuse(RequestErrorCode.BUREAU_NOT_CONFIGURED, "customerId");
		}
		Optional<CustomerVerification> stored = find(customer.id());
		Instant now = this.clock.instant();
		if (!force && stored.isPresent() && stored.get().bureauReport() != null) {
			Instant fetchedAt = stored.get().bureauReport().fetchedAt();
			int maxAgeMonths = this.policies.forSegment(customer.segment()).thresholds().bureauReportMaxAgeMonths();
			if (fetchedAt != null && fetchedAt.isAfter(now.minus(maxAge(now, maxAgeMonths)))) {
				return stored.get();
			}
		}
		CompanyMatch match = connector.matchByTaxId(customer.countryCode(), customer.taxId());
		BureauReport report = connector.report(match.companyId());
		AuditRecord entry = this.audit.entry("BUREAU_REPORT_FETCHED", "CUSTOMER", customer.id(), customer.id(),
				force ? "Forced refresh" : "No report younger than the policy age",
				new Changes().set("bureauReport.companyId", report.companyId())
					.set("bureauReport.status", report.status())
					.set("bureauReport.rating", report.rating())
					.set("bureauReport.recommendedLimit", report.recommendedLimit()));
		Document document = new Document();
		this.mongo.getConverter().write(report, document);
		return write(customer.id(), new Update().set("bureauReport", document), entry);
	}

	private static Duration maxAge(Instant now, int months) {
		LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
		return Duration.between(today.minusMonths(months).atStartOfDay(), today.atStartOfDay());
	}

	private Document toDocument(ManualVerification manual) {
		Document document = new Document();
		this.mongo.getConverter().write(manual, document);
		return document;
	}

	private CustomerVerification write(String customerId, Update update, AuditRecord entry) {
		for (int attempt = 0; attempt < 3; attempt++) {
			try {
				CustomerVerification stored = this.mongo.findAndModify(
						Query.query(Criteria.where("_id").is(customerId)),
						AuditOutbox.push(update, entry).inc("version", 1),
						FindAndModifyOptions.options().upsert(true).returnNew(true), CustomerVerification.class,
						COLLECTION);
				this.audit.settle(CustomerVerification.class, customerId, entry);
				return stored;
			}
			catch (DuplicateKeyException ex) {
				// Two first writes raced on the upsert: the second is an update now.
			}
		}
		throw CreditDeskException.refuse(CommonErrorCode.CONCURRENT_MODIFICATION.variant("verification"), "customerId");
	}

}
