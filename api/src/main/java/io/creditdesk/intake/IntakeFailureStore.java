package io.creditdesk.intake;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditOutbox;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.Connection;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.fx.FxRateService;
import io.creditdesk.infrastructure.MongoIndexes;
import org.bson.types.Decimal128;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Reads and writes failed intake records. Recording a failure is idempotent on the
 * record's id: the first failure inserts, later ones (redeliveries, resends) update the
 * open record or only count the occurrence on a closed one, so one order never has two
 * records.
 */
@Repository
class IntakeFailureStore {

	private static final Logger log = LoggerFactory.getLogger(IntakeFailureStore.class);

	private final MongoTemplate mongo;

	private final FxRateService fx;

	private final String worklistCurrency;

	IntakeFailureStore(MongoTemplate mongo, MongoIndexes indexes, FxRateService fx, AuditLog audit,
			@Value("${creditdesk.intake.worklist-currency:EUR}") String worklistCurrency) {
		this.mongo = mongo;
		this.fx = fx;
		this.worklistCurrency = worklistCurrency.trim().toUpperCase(Locale.ROOT);
		indexes.declare(IntakeFailure.class,
				new Index().on("status", Sort.Direction.ASC)
					.on("sortAmount", Sort.Direction.DESC)
					.on("_id", Sort.Direction.ASC)
					.named("status_value"),
				new Index().on("channel", Sort.Direction.ASC)
					.on("status", Sort.Direction.ASC)
					.on("sortAmount", Sort.Direction.DESC)
					.on("_id", Sort.Direction.ASC)
					.named("channel_status_value"));
		audit.register(IntakeFailure.class);
	}

	/**
	 * Inserts the failure, or folds it into the existing record with the same id. The
	 * order value is kept only when the store can hold it exactly; if the record still
	 * cannot be written for a reason other than the store being unavailable, it is
	 * written again without anything parsed from the payload (raw bytes, reason as text),
	 * which any store can hold.
	 * @throws RuntimeException when the store is unavailable (a transient failure) or
	 * refuses even that
	 */
	IntakeFailure record(IntakeFailure failure) {
		IntakeFailure storable = (failure.orderValue() != null && !exact(failure.orderValue().amount()))
				? failure.withoutOrderValue() : failure;
		try {
			return write(ranked(storable));
		}
		catch (RuntimeException ex) {
			if (TransientFailurePolicy.standard().isTransient(ex) || storable.orderValue() == null) {
				throw ex;
			}
			log.warn("Failed intake record {} could not be kept with its order value ({}); keeping it without",
					failure.id(), ex.toString());
			return write(storable.withoutOrderValue());
		}
	}

	private IntakeFailure write(IntakeFailure failure) {
		try {
			return this.mongo.insert(failure);
		}
		catch (DuplicateKeyException exists) {
			Update latest = new Update().set("topic", failure.topic())
				.set("partition", failure.partition())
				.set("offset", failure.offset())
				.set("key", failure.key())
				.set("rawPayload", failure.rawPayload())
				.unset("payload")
				.set("reasonCode", failure.reasonCode())
				.set("reasonField", failure.reasonField())
				.set("reasonMessage", failure.reasonMessage())
				.set("exceptionClass", failure.exceptionClass())
				.set("attempts", failure.attempts())
				.set("lastFailedAt", failure.lastFailedAt())
				.inc("occurrences", 1);
			if (failure.orderValue() != null) {
				latest.set("orderValue", failure.orderValue()).set("sortAmount", failure.sortAmount());
			}
			if (failure.customerId() != null) {
				latest.set("customerId", failure.customerId());
			}
			IntakeFailure open = this.mongo.findAndModify(
					Query.query(Criteria.where("_id").is(failure.id()).and("status").is(IntakeFailureStatus.OPEN)),
					latest, FindAndModifyOptions.options().returnNew(true), IntakeFailure.class);
			if (open != null) {
				return open;
			}
			// Already replayed or discarded: a late duplicate only counts, it does not
			// reopen the record.
			return this.mongo.findAndModify(Query.query(Criteria.where("_id").is(failure.id())),
					new Update().inc("occurrences", 1).set("lastFailedAt", failure.lastFailedAt()),
					FindAndModifyOptions.options().returnNew(true), IntakeFailure.class);
		}
	}

	/**
	 * Whether the amount is one a Decimal128 holds exactly (34 significant digits,
	 * bounded exponent).
	 */
	static boolean exact(BigDecimal amount) {
		try {
			new Decimal128(amount);
			return true;
		}
		catch (NumberFormatException tooPrecise) {
			return false;
		}
	}

	/**
	 * Sets the worklist's sort key: the order value converted into the worklist currency
	 * at the latest known rate, so that orders in different currencies rank by what they
	 * are worth; the nominal amount when no rate is known.
	 */
	private IntakeFailure ranked(IntakeFailure failure) {
		if (failure.orderValue() == null || failure.orderValue().currency().equals(this.worklistCurrency)) {
			return failure;
		}
		try {
			BigDecimal converted = this.fx.convert(failure.orderValue(), this.worklistCurrency, null, "orderValue")
				.converted()
				.amount();
			return exact(converted) ? failure.withSortAmount(converted) : failure;
		}
		catch (CreditDeskException noRate) {
			return failure;
		}
	}

	Optional<IntakeFailure> findById(String id) {
		return Optional.ofNullable(this.mongo.findById(id, IntakeFailure.class));
	}

	/**
	 * Closes an open record with the audit record of its closing; empty when it is not
	 * open (any more).
	 */
	Optional<IntakeFailure> close(String id, IntakeFailureStatus status, Instant at, String by, String reason,
			String correctedPayload, IntakeFailure.Decision decision, AuditRecord closing) {
		Update update = new Update().set("status", status)
			.set("resolvedAt", at)
			.set("resolvedBy", by)
			.set("resolutionReason", reason)
			.set("correctedPayload", correctedPayload)
			.set("decision", decision);
		return Optional.ofNullable(this.mongo.findAndModify(
				Query.query(Criteria.where("_id").is(id).and("status").is(IntakeFailureStatus.OPEN)),
				AuditOutbox.push(update, closing), FindAndModifyOptions.options().returnNew(true),
				IntakeFailure.class));
	}

	/**
	 * Highest order value first (unknown values last), then by id; the cursor is
	 * {@code amount|id}.
	 */
	Connection<IntakeFailure> page(IntakeChannel channel, IntakeFailureStatus status, int first, String after) {
		List<Criteria> all = new ArrayList<>();
		if (channel != null) {
			all.add(Criteria.where("channel").is(channel));
		}
		if (status != null) {
			all.add(Criteria.where("status").is(status));
		}
		Criteria filter = all.isEmpty() ? new Criteria() : new Criteria().andOperator(all);
		long total = this.mongo.count(Query.query(filter), IntakeFailure.class);
		Criteria criteria = filter;
		if (after != null) {
			int bar = after.indexOf('|');
			// A sort value is one Decimal128 holds exactly (34 digits): a forged cursor
			// of 10 MB, or a
			// number no Decimal128 holds, is refused before the store sees it.
			BigDecimal amount = null;
			if (bar > 0 && bar <= 64) {
				try {
					amount = new BigDecimal(after.substring(0, bar));
				}
				catch (NumberFormatException ex) {
					amount = null;
				}
			}
			if (amount == null || !exact(amount)) {
				throw CreditDeskException.refuse(CommonErrorCode.INVALID_CURSOR.variant("notIssued"), "after");
			}
			String id = after.substring(bar + 1);
			Criteria afterCursor = new Criteria().orOperator(Criteria.where("sortAmount").lt(amount),
					new Criteria().andOperator(Criteria.where("sortAmount").is(amount), Criteria.where("_id").gt(id)));
			criteria = new Criteria().andOperator(filter, afterCursor);
		}
		Query query = Query.query(criteria)
			.with(Sort.by(Sort.Order.desc("sortAmount"), Sort.Order.asc("_id")))
			.limit(first + 1);
		return Connection.of(this.mongo.find(query, IntakeFailure.class), first,
				f -> f.sortAmount().toPlainString() + "|" + f.id(), (int) total);
	}

}
