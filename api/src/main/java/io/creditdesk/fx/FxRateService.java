package io.creditdesk.fx;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditOutbox;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.audit.Changes;
import io.creditdesk.common.Actor;
import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.DecimalInput;
import io.creditdesk.common.Money;
import io.creditdesk.common.MoneyBounds;
import io.creditdesk.common.Validation;
import io.creditdesk.infrastructure.MongoIndexes;
import io.creditdesk.security.Roles;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Stores rates and converts amounts; a pair is stored either way round (the later of the
 * pair and its inverse counts), and a pair with neither is converted through the cross
 * currency ({@code creditdesk.fx.cross-currency}, EUR by default; empty for none).
 */
@Service
public class FxRateService {

	private final MongoTemplate mongo;

	private final AuditLog audit;

	private final Clock clock;

	/** The currency cross rates go through; null for none. */
	private final String crossCurrency;

	FxRateService(MongoTemplate mongo, AuditLog audit, Clock clock, MongoIndexes indexes,
			@Value("${creditdesk.fx.cross-currency:EUR}") String crossCurrency) {
		this.mongo = mongo;
		this.audit = audit;
		this.clock = clock;
		this.crossCurrency = crossCurrency(crossCurrency);
		indexes.declare(FxRate.class,
				new Index().on("base", Sort.Direction.ASC)
					.on("quote", Sort.Direction.ASC)
					.on("validOn", Sort.Direction.DESC)
					.named("pair_date"));
		audit.register(FxRate.class);
	}

	/** Input of {@code setFxRate}. */
	public record SetFxRateInput(String base, String quote, DecimalInput rate, LocalDate validOn, String reason) {
	}

	@PreAuthorize(Roles.FINANCE)
	public FxRate set(SetFxRateInput input) {
		Validation v = new Validation();
		String base = v.currency("base", input.base());
		String quote = v.currency("quote", input.quote());
		BigDecimal rate = v.fxRate("rate", input.rate());
		if (rate != null && rate.signum() <= 0) {
			v.reject(FxErrorCode.INVALID_RATE, "rate", rate);
		}
		if (base != null && base.equals(quote)) {
			v.reject(FxErrorCode.SAME_CURRENCY, "quote");
		}
		v.throwIfInvalid();
		LocalDate validOn = (input.validOn() != null) ? input.validOn() : today();
		String id = FxRate.idOf(base, quote, validOn);
		FxRate previous = this.mongo.findById(id, FxRate.class);
		AuditRecord entry = this.audit.entry("FX_RATE_SET", "FX_RATE", id, null, input.reason(),
				new Changes().diff("rate", (previous != null) ? previous.rate() : null, rate));
		// An upsert of the fields rather than a replace, which would drop an audit record
		// of an earlier change still waiting in the document.
		Update set = new Update().set("base", base)
			.set("quote", quote)
			.set("validOn", validOn)
			.set("rate", rate)
			.set("setBy", Actor.current().name())
			.set("setAt", this.clock.instant());
		FxRate stored = this.mongo.findAndModify(Query.query(Criteria.where("_id").is(id)),
				AuditOutbox.push(set, entry), FindAndModifyOptions.options().upsert(true).returnNew(true),
				FxRate.class);
		this.audit.settle(FxRate.class, id, entry);
		return stored;
	}

	public List<FxRate> list(String base, String quote) {
		Criteria criteria = new Criteria();
		if (base != null) {
			criteria = criteria.and("base").is(base.trim().toUpperCase());
		}
		if (quote != null) {
			criteria = criteria.and("quote").is(quote.trim().toUpperCase());
		}
		return this.mongo.find(Query.query(criteria)
			.with(Sort.by("base", "quote").and(Sort.by(Sort.Direction.DESC, "validOn")))
			.limit(500), FxRate.class);
	}

	/**
	 * Converts an amount entering the ledger (an order, an invoice) into {@code target}
	 * with the latest rate on or before {@code on}, rounded half-even to the target
	 * currency's minor units. The converted amount is held to the bound of every amount
	 * input: an amount within it can still be beyond it once converted at a rate far
	 * above 1.
	 * @throws CreditDeskException {@code FX_RATE_MISSING} when no rate is known,
	 * {@code AMOUNT_OUT_OF_RANGE} when the converted amount is beyond {@link MoneyBounds}
	 */
	public Conversion convert(Money amount, String target, LocalDate on, String field) {
		Conversion conversion = convertStored(amount, target, on, field);
		if (MoneyBounds.exceeds(conversion.converted().amount())) {
			throw CreditDeskException.refuse(CommonErrorCode.AMOUNT_OUT_OF_RANGE.variant("converted"), field, amount,
					target, conversion.rate(), conversion.converted(), MoneyBounds.beyond(),
					MoneyBounds.MAX_INTEGER_DIGITS);
		}
		return conversion;
	}

	/**
	 * Converts a figure already held (a hard cap, a security, a group's exposure) like
	 * {@link #convert}, without the input bound: a bound amount converted at a bound rate
	 * is at most about 10^25, which Decimal128 still holds exactly, and a cap held in a
	 * currency of small units must not make every order of the customer fail.
	 */
	public Conversion convertStored(Money amount, String target, LocalDate on, String field) {
		if (amount.currency().equals(target)) {
			return new Conversion(amount, amount, BigDecimal.ONE, null);
		}
		LocalDate date = (on != null) ? on : today();
		Rate rate = rate(amount.currency(), target, date).or(() -> cross(amount.currency(), target, date))
			.orElseThrow(() -> HARD_CAP.equals(field)
					? CreditDeskException.refuse(FxErrorCode.FX_RATE_MISSING.variant("cap"), field, amount.currency(),
							target, date)
					: CreditDeskException.refuse(FxErrorCode.FX_RATE_MISSING, field, amount.currency(), target, date));
		int digits = Currency.getInstance(target).getDefaultFractionDigits();
		BigDecimal converted = amount.amount().multiply(rate.rate()).setScale(digits, RoundingMode.HALF_EVEN);
		return new Conversion(amount, new Money(converted, target), rate.rate(), rate.validOn());
	}

	/**
	 * The field of a hard cap converted for a comparison: its missing rate is told as the
	 * cap's, not as a document's.
	 */
	private static final String HARD_CAP = "hardCap";

	/** A rate from one currency into another and the day it is of. */
	private record Rate(BigDecimal rate, LocalDate validOn) {
	}

	/**
	 * The latest rate of the pair on or before {@code on}, stored either way round: the
	 * pair as stored, or the inverse of the pair stored the other way, whichever is of
	 * the later day (the pair as stored on the same day). A rate set today the other way
	 * round than an old one is the rate of today.
	 */
	private Optional<Rate> rate(String from, String to, LocalDate on) {
		Optional<FxRate> direct = latest(from, to, on);
		Optional<FxRate> inverse = latest(to, from, on);
		if (direct.isPresent() && (inverse.isEmpty() || !inverse.get().validOn().isAfter(direct.get().validOn()))) {
			return Optional.of(new Rate(direct.get().rate(), direct.get().validOn()));
		}
		return inverse
			.map(found -> new Rate(BigDecimal.ONE.divide(found.rate(), MathContext.DECIMAL64), found.validOn()));
	}

	/**
	 * The cross rate through the cross currency (as reference rates are published against
	 * one currency, EUR for the ECB's): {@code from} into it times it into {@code to},
	 * dated the older of the two; empty when either is missing, when one of the pair is
	 * the cross currency itself (its direct rate was missing), or when there is no cross
	 * currency.
	 */
	private Optional<Rate> cross(String from, String to, LocalDate on) {
		if (this.crossCurrency == null || this.crossCurrency.equals(from) || this.crossCurrency.equals(to)) {
			return Optional.empty();
		}
		return rate(from, this.crossCurrency, on)
			.flatMap(first -> rate(this.crossCurrency, to, on)
				.map(second -> new Rate(first.rate().multiply(second.rate(), MathContext.DECIMAL64),
						first.validOn().isBefore(second.validOn()) ? first.validOn() : second.validOn())))
			.filter(cross -> cross.rate().compareTo(CROSS_MAX) <= 0 && cross.rate().compareTo(CROSS_MIN) >= 0);
	}

	/**
	 * A cross rate is held to what a stored rate or its inverse can be (at most 10^10, at
	 * least 10^-10), so that converted figures stay within what the store holds exactly.
	 */
	private static final BigDecimal CROSS_MAX = BigDecimal.TEN.pow(10);

	private static final BigDecimal CROSS_MIN = BigDecimal.ONE.movePointLeft(10);

	private static String crossCurrency(String configured) {
		if (configured == null || configured.isBlank()) {
			return null;
		}
		String code = configured.trim().toUpperCase(Locale.ROOT);
		try {
			Currency.getInstance(code);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(
					"creditdesk.fx.cross-currency must be an ISO 4217 currency code (or empty for none), got '"
							+ configured + "'");
		}
		return code;
	}

	private Optional<FxRate> latest(String base, String quote, LocalDate on) {
		Query query = Query.query(Criteria.where("base").is(base).and("quote").is(quote).and("validOn").lte(on))
			.with(Sort.by(Sort.Direction.DESC, "validOn"))
			.limit(1);
		return Optional.ofNullable(this.mongo.findOne(query, FxRate.class));
	}

	private LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

}
