package io.creditdesk.risk.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.creditdesk.common.Connection;
import io.creditdesk.common.UserError;
import io.creditdesk.graphql.Payloads;
import io.creditdesk.job.Job;
import io.creditdesk.job.Jobs;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

@Controller
class ModelController {

	private final ModelRegistry registry;

	private final Jobs jobs;

	ModelController(ModelRegistry registry, Jobs jobs) {
		this.registry = registry;
		this.jobs = jobs;
	}

	@QueryMapping
	Connection<RegisteredModel> models(@Argument String name, @Argument ModelStatus status, @Argument Integer first,
			@Argument String after) {
		return this.registry.list(name, status, first, after);
	}

	@QueryMapping
	RegisteredModel model(@Argument String id) {
		return this.registry.get(id).orElse(null);
	}

	@QueryMapping
	List<Promotion> modelPromotions(@Argument PromotionStatus status) {
		return this.registry.promotions(status);
	}

	@BatchMapping(typeName = "RegisteredModel", field = "status")
	Map<RegisteredModel, ModelStatus> status(List<RegisteredModel> models) {
		RegistryState state = this.registry.state();
		Map<RegisteredModel, ModelStatus> statuses = new LinkedHashMap<>();
		models.forEach(model -> statuses.put(model, state.statusOf(model.id())));
		return statuses;
	}

	@SchemaMapping(typeName = "RegisteredModel", field = "metrics")
	Map<String, Double> metrics(RegisteredModel model) {
		return model.metrics().isEmpty() ? null : model.metrics();
	}

	@SchemaMapping(typeName = "RegisteredModel", field = "card")
	String card(RegisteredModel model) {
		return model.cardJson();
	}

	@SchemaMapping(typeName = "RegisteredModel", field = "cardMarkdown")
	String cardMarkdown(RegisteredModel model) {
		return model.cardJson() == null ? null : CardMarkdown.render(model, this.registry.card(model));
	}

	@SchemaMapping(typeName = "ModelPromotion", field = "model")
	RegisteredModel promotedModel(Promotion promotion) {
		return this.registry.find(promotion.modelId()).orElse(null);
	}

	@MutationMapping
	ProposeModelPromotionPayload proposeModelPromotion(@Argument ProposeModelPromotionInput input) {
		return Payloads.run(() -> this.registry.propose(input.modelId(), input.target(), input.justification()),
				ProposeModelPromotionPayload::new);
	}

	@MutationMapping
	ApproveModelPromotionPayload approveModelPromotion(@Argument ApproveModelPromotionInput input) {
		return Payloads.run(() -> this.registry.approve(input.promotionId()), (result, errors) -> (result == null)
				? new ApproveModelPromotionPayload(null, null, null, errors)
				: new ApproveModelPromotionPayload(result.promotion(), result.model(), result.rescore(), errors));
	}

	@MutationMapping
	RollbackModelPayload rollbackModel(@Argument RollbackModelInput input) {
		return Payloads.run(() -> this.registry.rollback(input.justification()),
				(result, errors) -> (result == null) ? new RollbackModelPayload(null, null, errors)
						: new RollbackModelPayload(result.model(), result.rescore(), errors));
	}

	@MutationMapping
	@PreAuthorize(ModelRoles.RESCORE)
	RescorePortfolioPayload rescorePortfolio(@Argument RescorePortfolioInput input) {
		return Payloads.run(() -> {
			Map<String, Object> job = new LinkedHashMap<>();
			if (input.segment() != null) {
				job.put("segment", Segments.check("segment", input.segment()));
			}
			job.put("reason", "requested");
			return this.jobs.submit(ModelRegistry.RESCORE_JOB, job);
		}, RescorePortfolioPayload::new);
	}

	record ProposeModelPromotionInput(String modelId, PromotionTarget target, String justification) {
	}

	record ProposeModelPromotionPayload(Promotion promotion, List<UserError> userErrors) {
	}

	record ApproveModelPromotionInput(String promotionId) {
	}

	record ApproveModelPromotionPayload(Promotion promotion, RegisteredModel model, Job job,
			List<UserError> userErrors) {
	}

	record RollbackModelInput(String justification) {
	}

	record RollbackModelPayload(RegisteredModel model, Job job, List<UserError> userErrors) {
	}

	record RescorePortfolioInput(String segment) {
	}

	record RescorePortfolioPayload(Job job, List<UserError> userErrors) {
	}

}
