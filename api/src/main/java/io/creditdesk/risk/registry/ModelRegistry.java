package io.creditdesk.risk.registry;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditOutbox;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.audit.Changes;
import io.creditdesk.common.Actor;
import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.Connection;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.FourEyes;
import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.common.UserError;
import io.creditdesk.infrastructure.JobLock;
import io.creditdesk.infrastructure.MongoIndexes;
import io.creditdesk.job.Job;
import io.creditdesk.job.Jobs;
import io.creditdesk.scoring.intake.IntakeResult;
import io.creditdesk.scoring.intake.ModelIntake;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Registers model versions and changes their roles. Registration runs every file through
 * {@link ModelIntake} (allow-list before deserializing), stores the bytes in GridFS,
 * verifies them, then inserts the ready version with its audit record. Role changes are
 * {@link RegistryTransitions} applied to the one {@link RegistryState} document by a
 * compare-and-set on its generation, with the audit record in the same write; promoting a
 * champion (or rolling back) queues a {@code rescorePortfolio} job.
 */
@Service
public class ModelRegistry {

	private static final Logger log = LoggerFactory.getLogger(ModelRegistry.class);

	/** The name the build's champion is registered under. */
	public static final String BUILD_MODEL_NAME = "credit-risk";

	/** The job kind a promotion queues. */
	public static final String RESCORE_JOB = "rescorePortfolio";

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	private static final int ATTEMPTS = 20;

	private final MongoTemplate mongo;

	private final ModelFiles files;

	private final AuditLog audit;

	private final JobLock lock;

	private final Jobs jobs;

	private final Clock clock;

	private final JsonMapper json;

	private final ApplicationEventPublisher events;

	ModelRegistry(MongoTemplate mongo, ModelFiles files, AuditLog audit, JobLock lock, Jobs jobs, Clock clock,
			JsonMapper json, ApplicationEventPublisher events, MongoIndexes indexes) {
		this.events = events;
		this.mongo = mongo;
		this.files = files;
		this.audit = audit;
		this.lock = lock;
		this.jobs = jobs;
		this.clock = clock;
		this.json = json;
		indexes.declare(RegisteredModel.class,
				new Index().on("name", Sort.Direction.ASC)
					.on("version", Sort.Direction.ASC)
					.unique()
					.named("name_version"),
				new Index().on("sha256", Sort.Direction.ASC).named("sha256"));
		audit.register(RegisteredModel.class);
		audit.register(RegistryState.class);
	}

	/**
	 * What an approval or rollback did: the promotion (none for a rollback), the model
	 * that got the role, and the re-score job a champion change queued (else null).
	 */
	public record PromotionResult(Promotion promotion, RegisteredModel model, Job rescore) {
	}

	/**
	 * An upload's answer: the version registered, or the version of {@code name} the same
	 * file (same SHA-256) already is ({@code existing}).
	 */
	public record Upload(RegisteredModel model, boolean existing) {
	}

	/**
	 * Registers an uploaded model file as a CANDIDATE of {@code name}, once: the same
	 * file uploaded again under the same name (a publish retried after its answer was
	 * lost, the same command run twice) answers the version it already is, with whatever
	 * role it has now, and registers nothing. Two versions of one name never hold the
	 * same bytes (but two uploads landing at the very same moment may still both
	 * register).
	 * @throws ModelRefusedException when the intake refuses the file
	 * @throws CreditDeskException when the name is missing or malformed, or a text of the
	 * card holds raw HTML ({@link CardMarkup})
	 */
	public Upload upload(String name, byte[] model, byte[] card, String registeredBy) {
		if (name != null && NAME.matcher(name).matches() && model.length > 0) {
			RegisteredModel same = this.mongo.findOne(Query.query(
					Criteria.where("name").is(name).and("sha256").is(ModelIntake.sha256(model)).and("ready").is(true))
				.with(Sort.by(Sort.Direction.ASC, "version")), RegisteredModel.class);
			if (same != null) {
				log.info("Model {} version {} uploaded again by {} (same SHA-256 {}): answered, nothing registered",
						name, same.version(), registeredBy, same.sha256());
				return new Upload(same, true);
			}
		}
		return new Upload(register(name, model, card, registeredBy, "upload"), false);
	}

	/**
	 * Registers a model file as a CANDIDATE of {@code name}. Callers check the caller's
	 * role (the upload endpoint, the training job, the first start).
	 * @throws ModelRefusedException when the intake refuses the file
	 * @throws CreditDeskException when the name is missing or malformed, or a text of the
	 * card holds raw HTML ({@link CardMarkup})
	 */
	public RegisteredModel register(String name, byte[] model, byte[] card, String registeredBy, String source) {
		if (name == null || name.isBlank()) {
			throw CreditDeskException.refuse(CommonErrorCode.REQUIRED.variant("modelName"), "name");
		}
		if (!NAME.matcher(name).matches()) {
			throw CreditDeskException.refuse(CommonErrorCode.INVALID_CODE.variant("modelName"), "name",
					new MessageCatalogue.Quoted(name));
		}
		IntakeResult result = ModelIntake.check(model, card, null, ModelIntake.DEFAULT_MAX_BYTES);
		if (result instanceof IntakeResult.Refused refused) {
			throw new ModelRefusedException(refused);
		}
		IntakeResult.Accepted accepted = (IntakeResult.Accepted) result;
		CardMarkup.check(accepted.card());
		int version = nextVersion(name);
		String fileId = this.files.store(name + "-" + version + ".tribuo", model, accepted.sha256());
		RegisteredModel registered = new RegisteredModel(new ObjectId().toHexString(), name, version, accepted.sha256(),
				accepted.sizeBytes(), fileId, true, accepted.modelType(), accepted.trainerClass(),
				accepted.featureDefinition(), accepted.features(), accepted.dataSha256(), metrics(accepted.card()),
				accepted.card().isEmpty() ? null : this.json.writeValueAsString(accepted.card()), source, List.of(),
				registeredBy, this.clock.instant());
		AuditRecord entry = this.audit.entry("MODEL_REGISTERED", "MODEL", registered.id(), null, source,
				new Changes().set("name", name)
					.set("version", version)
					.set("sha256", accepted.sha256())
					.set("registeredBy", registeredBy));
		Document document = new Document();
		this.mongo.getConverter().write(registered, document);
		this.mongo.insert(AuditOutbox.attach(document, entry), this.mongo.getCollectionName(RegisteredModel.class));
		this.audit.settle(RegisteredModel.class, registered.id(), entry);
		log.info("Model {} version {} registered ({}, {} bytes, SHA-256 {}) by {}", name, version, source,
				accepted.sizeBytes(), accepted.sha256(), registeredBy);
		return registered;
	}

	private int nextVersion(String name) {
		Document counter = this.mongo.getCollection("model_versions")
			.findOneAndUpdate(new Document("_id", name), new Document("$inc", new Document("last", 1)),
					new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
		return counter.getInteger("last");
	}

	private static Map<String, Double> metrics(Map<String, Object> card) {
		Map<String, Double> metrics = new LinkedHashMap<>();
		if (card.get("metrics") instanceof Map<?, ?> values) {
			values.forEach((key, value) -> {
				if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
					metrics.put(String.valueOf(key), number.doubleValue());
				}
			});
		}
		return metrics;
	}

	/**
	 * Makes sure the registry has a champion: at the first start of the first instance,
	 * registers {@code model} (the build's champion) and makes it champion. Instances
	 * starting together take a lease for it; the others wait for the result.
	 */
	void ensureChampion(byte[] model, byte[] card, Duration wait) {
		if (findState().isPresent()) {
			return;
		}
		this.lock.runExclusively("model-registry-first-champion", Duration.ofMinutes(2), () -> {
			if (findState().isPresent()) {
				return;
			}
			String sha = ModelIntake.sha256(model);
			RegisteredModel first = this.mongo.findOne(
					Query.query(Criteria.where("sha256").is(sha).and("source").is("build")), RegisteredModel.class);
			if (first == null) {
				first = register(BUILD_MODEL_NAME, model, card, Actor.SYSTEM.name(), "build");
			}
			AuditRecord entry = this.audit.entry("MODEL_PROMOTED", "MODEL", first.id(), null,
					"the build's champion, registered at the first start", new Changes().set("status", "CHAMPION"));
			Document state = new Document();
			this.mongo.getConverter().write(RegistryState.first(first.id()), state);
			try {
				this.mongo.insert(AuditOutbox.attach(state, entry), this.mongo.getCollectionName(RegistryState.class));
				this.audit.settle(RegistryState.class, RegistryState.ID, entry);
				log.info("Model registry started with the build's champion {} version {}", first.name(),
						first.version());
			}
			catch (DuplicateKeyException ex) {
				// Another instance got there first (its lease expired while it worked).
			}
		});
		Instant deadline = this.clock.instant().plus(wait);
		while (findState().isEmpty()) {
			if (!this.clock.instant().isBefore(deadline)) {
				throw new IllegalStateException("the model registry has no champion after " + wait
						+ ": another instance holds the first-start lease and did not finish");
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while waiting for the registry's first champion", ex);
			}
		}
	}

	Optional<RegistryState> findState() {
		return Optional.ofNullable(this.mongo.findById(RegistryState.ID, RegistryState.class));
	}

	/** The registry's roles. */
	public RegistryState state() {
		return findState().orElseThrow(() -> new IllegalStateException("the model registry has no champion yet"));
	}

	/** The generation of the roles, read alone (what every instance polls). */
	long generation() {
		Query query = Query.query(Criteria.where("_id").is(RegistryState.ID));
		query.fields().include("generation");
		Document document = this.mongo.findOne(query, Document.class,
				this.mongo.getCollectionName(RegistryState.class));
		return document == null ? 0 : ((Number) document.get("generation")).longValue();
	}

	public Optional<RegisteredModel> find(String id) {
		if (id == null) {
			return Optional.empty();
		}
		return Optional.ofNullable(this.mongo.findOne(Query.query(Criteria.where("_id").is(id).and("ready").is(true)),
				RegisteredModel.class));
	}

	/** The newest ready version of {@code name}. */
	public Optional<RegisteredModel> latest(String name) {
		return Optional.ofNullable(this.mongo.findOne(Query.query(Criteria.where("name").is(name).and("ready").is(true))
			.with(Sort.by(Sort.Direction.DESC, "version")), RegisteredModel.class));
	}

	public ModelStatus statusOf(RegisteredModel model) {
		return state().statusOf(model.id());
	}

	/** The bytes of a version, verified against its SHA-256. */
	public byte[] file(RegisteredModel model) {
		byte[] bytes = this.files.read(model.fileId());
		String sha = ModelIntake.sha256(bytes);
		if (!sha.equals(model.sha256())) {
			throw new IllegalStateException("the stored file of model " + model.name() + " version " + model.version()
					+ " has the SHA-256 " + sha + ", not " + model.sha256() + ": it was changed in the store");
		}
		return bytes;
	}

	/**
	 * A version loaded from the store: its bytes verified against its SHA-256 and run
	 * through the intake again (allow-list before deserializing), with its card.
	 */
	public IntakeResult.Accepted load(RegisteredModel model) {
		byte[] bytes = file(model);
		byte[] card = model.cardJson() == null ? null : model.cardJson().getBytes(StandardCharsets.UTF_8);
		IntakeResult result = ModelIntake.check(bytes, card, model.sha256(), ModelIntake.DEFAULT_MAX_BYTES);
		if (result instanceof IntakeResult.Refused refused) {
			throw new IllegalStateException("model " + model.name() + " version " + model.version()
					+ " no longer passes the intake: " + refused.message());
		}
		return (IntakeResult.Accepted) result;
	}

	/** Versions newest first, optionally of one name and status. */
	@PreAuthorize(ModelRoles.READ)
	public Connection<RegisteredModel> list(String name, ModelStatus status, Integer first, String after) {
		int size = Connection.pageSize(first);
		Criteria criteria = Criteria.where("ready").is(true);
		if (name != null) {
			criteria = criteria.and("name").is(name);
		}
		if (status != null) {
			RegistryState state = state();
			List<String> ids = state.idsIn(status);
			criteria = (ids == null) ? criteria.and("_id").nin(state.nonCandidates()) : criteria.and("_id").in(ids);
		}
		String afterId = Connection.decode(after);
		if (afterId != null) {
			criteria = criteria.and("_id").lt(afterId);
		}
		Query query = Query.query(criteria).with(Sort.by(Sort.Direction.DESC, "_id")).limit(size + 1);
		return Connection.of(this.mongo.find(query, RegisteredModel.class), size, RegisteredModel::id, null);
	}

	@PreAuthorize(ModelRoles.READ)
	public Optional<RegisteredModel> get(String id) {
		return find(id);
	}

	@PreAuthorize(ModelRoles.READ)
	public List<Promotion> promotions(PromotionStatus status) {
		return state().promotions()
			.stream()
			.filter(p -> status == null || p.status() == status)
			.sorted((a, b) -> b.proposedAt().compareTo(a.proposedAt()))
			.toList();
	}

	/** Proposes a promotion, which another person approves. */
	@PreAuthorize(ModelRoles.DEVELOP)
	public Promotion propose(String modelId, PromotionTarget target, String justification) {
		if (target == null) {
			throw CreditDeskException.refuse(CommonErrorCode.REQUIRED.variant("target"), "target");
		}
		RegisteredModel model = find(modelId).orElseThrow(() -> notFound(modelId));
		String promotionId = new ObjectId().toHexString();
		String proposer = Actor.current().name();
		RegistryState after = change(
				state -> RegistryTransitions.propose(state, promotionId, model.id(), target, justification, proposer,
						this.clock.instant()),
				state -> this.audit.entry("MODEL_PROMOTION_PROPOSED", "MODEL", model.id(), null, justification,
						new Changes().set("promotion", promotionId).set("target", target)));
		return promotion(after, promotionId);
	}

	/**
	 * Approves a pending promotion (four eyes); a new champion queues a re-score of the
	 * portfolio.
	 */
	@PreAuthorize(ModelRoles.APPROVE)
	public PromotionResult approve(String promotionId) {
		if (promotionId == null || promotionId.isBlank()) {
			throw CreditDeskException.refuse(CommonErrorCode.REQUIRED.variant("promotionId"), "promotionId");
		}
		Actor actor = Actor.current();
		FourEyes.requirePerson(actor, "promotionId");
		String approver = actor.name();
		RegistryState after = change(
				state -> RegistryTransitions.approve(state, promotionId, approver, this.clock.instant()), state -> {
					Promotion p = promotion(state, promotionId);
					return this.audit.entry("MODEL_PROMOTED", "MODEL", p.modelId(), null, p.justification(),
							new Changes().diff("status", state.statusOf(p.modelId()), p.target())
								.set("promotion", promotionId)
								.set("proposedBy", p.proposedBy())
								.set("approvedBy", approver));
				});
		Promotion promotion = promotion(after, promotionId);
		Job rescore = promotion.target() == PromotionTarget.CHAMPION ? rescoreAfterChange(after) : null;
		return new PromotionResult(promotion, find(promotion.modelId()).orElseThrow(), rescore);
	}

	/** Restores the previous champion and queues a re-score. */
	@PreAuthorize(ModelRoles.APPROVE)
	public PromotionResult rollback(String justification) {
		RegistryState after = change(state -> RegistryTransitions.rollback(state, justification),
				state -> this.audit.entry("MODEL_ROLLED_BACK", "MODEL", state.championId(), null, justification,
						new Changes().diff("champion", state.championId(),
								state.retired().isEmpty() ? null : state.retired().get(state.retired().size() - 1))));
		return new PromotionResult(null, find(after.championId()).orElseThrow(), rescoreAfterChange(after));
	}

	private Job rescoreAfterChange(RegistryState after) {
		Map<String, Object> input = new LinkedHashMap<>();
		input.put("reason", "champion changed");
		input.put("generation", after.generation());
		return this.jobs.submit(RESCORE_JOB, input);
	}

	/**
	 * Applies {@code transition} to the current state with one conditional update on its
	 * generation, the audit record in the same write; re-reads and retries when another
	 * change came first.
	 */
	private RegistryState change(UnaryOperator<RegistryState> transition, Function<RegistryState, AuditRecord> record) {
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			RegistryState before = state();
			RegistryState after = transition.apply(before);
			AuditRecord entry = record.apply(before);
			Update update = new Update().set("generation", after.generation())
				.set("championId", after.championId())
				.set("challengerId", after.challengerId())
				.set("retired", after.retired())
				.set("rolledBack", after.rolledBack())
				.set("promotions", after.promotions());
			Query same = Query
				.query(Criteria.where("_id").is(RegistryState.ID).and("generation").is(before.generation()));
			if (this.mongo.updateFirst(same, AuditOutbox.push(update, entry), RegistryState.class)
				.getModifiedCount() == 1) {
				this.audit.settle(RegistryState.class, RegistryState.ID, entry);
				this.events.publishEvent(new ModelRolesChanged(after.generation()));
				return after;
			}
		}
		throw CreditDeskException.refuse(ModelErrorCode.REGISTRY_BUSY, null);
	}

	private static Promotion promotion(RegistryState state, String id) {
		return state.promotions().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
	}

	private static CreditDeskException notFound(String modelId) {
		return CreditDeskException.refuse(ModelErrorCode.MODEL_NOT_FOUND, "modelId",
				new MessageCatalogue.Quoted(modelId));
	}

	/** The model card of a version as a map (empty when it came without one). */
	@SuppressWarnings("unchecked")
	public Map<String, Object> card(RegisteredModel model) {
		return model.cardJson() == null ? Map.of() : this.json.readValue(model.cardJson(), Map.class);
	}

}
