package io.creditdesk.risk.scores;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.creditdesk.common.Connection;
import com.mongodb.bulk.BulkWriteError;
import io.creditdesk.infrastructure.MongoIndexes;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Scores in MongoDB: each customer's current champion score and, beside it, the shadow
 * challenger's ({@link CurrentScores}, one document per customer), and the champion's
 * score history ({@link ScorePoint}, one point per customer, as-of date and model: a
 * re-score of the same day with the same model replaces its point, so the series has one
 * point a day per model). A batch is written with two unordered bulk writes; every write
 * is an idempotent upsert, so a batch that fails half-way is simply scored again. A
 * customer's current scores are replaced only by scores of the same or later models made
 * on facts read no earlier ({@link #save}).
 */
@Repository
class ScoreStore {

	private static final int DUPLICATE_KEY = 11000;

	private final MongoTemplate mongo;

	ScoreStore(MongoTemplate mongo, MongoIndexes indexes) {
		this.mongo = mongo;
		indexes.declare(ScorePoint.class,
				new Index().on("customerId", Sort.Direction.ASC)
					.on("_id", Sort.Direction.DESC)
					.named("customer_newest"));
	}

	/** A customer's current scores. */
	@Document("customer_scores")
	record CurrentScores(@Id String customerId, StoredScore champion, StoredScore challenger, long generation) {
	}

	/** One point of a customer's score history. */
	@Document("score_history")
	record ScorePoint(@Id String id, String customerId, StoredScore score) {

		static String id(String customerId, StoredScore score) {
			return customerId + "|" + score.asOf() + "|" + score.modelName() + "@" + score.modelVersion();
		}

	}

	/** What one customer's scoring produced. */
	record Scored(String customerId, StoredScore champion, StoredScore challenger) {
	}

	/**
	 * Stores a batch of scores made by the models of {@code generation}: a customer's
	 * current scores are replaced unless what is stored was made by later models, or by
	 * the same models on facts read later ({@link StoredScore#scoredAt}, stamped before
	 * its facts were read): a portfolio run that read a customer's ledger before a
	 * payment never overwrites the score the payment's refresh stored after it.
	 * @return how many customers' current scores were replaced
	 */
	int save(List<Scored> batch, long generation) {
		if (batch.isEmpty()) {
			return 0;
		}
		BulkOperations current = this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, CurrentScores.class);
		BulkOperations history = this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, ScorePoint.class);
		for (Scored s : batch) {
			Update update = new Update().set("champion", s.champion()).set("generation", generation);
			if (s.challenger() != null) {
				update.set("challenger", s.challenger());
			}
			else {
				update.unset("challenger");
			}
			current.upsert(Query.query(Criteria.where("_id").is(s.customerId()).orOperator(older(s, generation))),
					update);
			String id = ScorePoint.id(s.customerId(), s.champion());
			history.replaceOne(Query.query(Criteria.where("_id").is(id)),
					new ScorePoint(id, s.customerId(), s.champion()), FindAndReplaceOptions.options().upsert());
		}
		int replaced = batch.size();
		try {
			current.execute();
		}
		catch (BulkOperationException ex) {
			// A customer whose stored scores are newer: its upsert found no older
			// document
			// and could not insert another with its id. Anything else is a failure.
			for (BulkWriteError error : ex.getErrors()) {
				if (error.getCode() != DUPLICATE_KEY) {
					throw ex;
				}
			}
			replaced -= ex.getErrors().size();
		}
		history.execute();
		return replaced;
	}

	/** What a customer's stored scores may be for {@code scored} to replace them. */
	private static Criteria[] older(Scored scored, long generation) {
		return new Criteria[] { Criteria.where("generation").lt(generation),
				Criteria.where("generation").is(generation).and("champion.scoredAt").lte(scored.champion().scoredAt()),
				Criteria.where("champion.scoredAt").exists(false) };
	}

	Optional<CurrentScores> current(String customerId) {
		return Optional.ofNullable(this.mongo.findById(customerId, CurrentScores.class));
	}

	Map<String, CurrentScores> current(Collection<String> customerIds) {
		Map<String, CurrentScores> out = new HashMap<>();
		for (CurrentScores c : this.mongo.find(Query.query(Criteria.where("_id").in(customerIds)),
				CurrentScores.class)) {
			out.put(c.customerId(), c);
		}
		return out;
	}

	/** The customer's score history, newest first. */
	Connection<ScorePoint> history(String customerId, int first, String after) {
		Query query = Query.query(Criteria.where("customerId").is(customerId));
		if (after != null) {
			query.addCriteria(Criteria.where("_id").lt(after));
		}
		query.with(Sort.by(Sort.Direction.DESC, "_id")).limit(first + 1);
		return Connection.of(this.mongo.find(query, ScorePoint.class), first, ScorePoint::id, null);
	}

	/** The state of the last portfolio run: which models it scored with. */
	@Document("score_runs")
	record PortfolioRun(@Id String id, String models, Instant finishedAt, int customers) {

		static final String ID = "portfolio";

	}

	Optional<PortfolioRun> lastRun() {
		return Optional.ofNullable(this.mongo.findById(PortfolioRun.ID, PortfolioRun.class));
	}

	void runFinished(String models, Instant at, int customers) {
		this.mongo.save(new PortfolioRun(PortfolioRun.ID, models, at, customers));
	}

}
