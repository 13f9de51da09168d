package io.creditdesk.risk.training;

import java.util.LinkedHashMap;
import java.util.Map;

import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.risk.registry.ModelNames;
import io.creditdesk.risk.registry.ModelRegistry;
import io.creditdesk.scoring.ledger.LabelRule;
import io.creditdesk.scoring.training.TrainerKind;

/**
 * What to train on and how: the label rule (horizon and serious delinquency, per
 * DOMAIN.md: seriously late or defaulted within the horizon), how many monthly as-of
 * dates, how many of the latest are held out, the trainer and seed. Checked once, when
 * the request comes in; the job reads it back from its input.
 *
 * @param name the name the candidate is registered under
 * @param trainer logistic or xgboost
 * @param horizonMonths the outcome window, 1 to 24 months
 * @param seriousDaysLate days past due that count as serious delinquency, 1 to 365
 * @param asOfMonths monthly as-of dates, the latest whose outcome window is over, 2 to 36
 * @param holdoutMonths the latest as-of months held out for the metrics, at least 1 and
 * fewer than {@code asOfMonths}
 * @param seed the random seed
 */
public record TrainingRequest(String name, TrainerKind trainer, int horizonMonths, int seriousDaysLate, int asOfMonths,
		int holdoutMonths, long seed) {

	/** Defaults: credit-risk, XGBoost, 3 months, 60 days, 12 as-of months, 2 held out. */
	public static TrainingRequest of(String name, String trainer, Integer horizonMonths, Integer seriousDaysLate,
			Integer asOfMonths, Integer holdoutMonths, Integer seed) {
		int horizon = within("horizonMonths", horizonMonths, 3, 1, 24);
		int serious = within("seriousDaysLate", seriousDaysLate, 60, 1, 365);
		int months = within("asOfMonths", asOfMonths, 12, 2, 36);
		int holdout = within("holdoutMonths", holdoutMonths, 2, 1, months - 1);
		ModelNames.refuseControlCharacters(name);
		TrainerKind kind = (trainer == null) ? TrainerKind.XGBOOST : TrainerKind.valueOf(trainer);
		return new TrainingRequest((name == null || name.isBlank()) ? ModelRegistry.BUILD_MODEL_NAME : name.trim(),
				kind, horizon, serious, months, holdout, (seed == null) ? 42L : seed);
	}

	private static int within(String field, Integer value, int fallback, int min, int max) {
		int v = (value == null) ? fallback : value;
		if (v < min || v > max) {
			throw CreditDeskException.refuse(CommonErrorCode.OUT_OF_RANGE, field, min, max, v);
		}
		return v;
	}

	public LabelRule rule() {
		return new LabelRule(this.horizonMonths, this.seriousDaysLate);
	}

	/** As a job's input. */
	public Map<String, Object> toInput() {
		Map<String, Object> input = new LinkedHashMap<>();
		input.put("name", this.name);
		input.put("trainer", this.trainer.name());
		input.put("horizonMonths", this.horizonMonths);
		input.put("seriousDaysLate", this.seriousDaysLate);
		input.put("asOfMonths", this.asOfMonths);
		input.put("holdoutMonths", this.holdoutMonths);
		input.put("seed", this.seed);
		return input;
	}

	/** From a job's input. */
	public static TrainingRequest fromInput(Map<String, Object> input) {
		return new TrainingRequest((String) input.get("name"), TrainerKind.valueOf((String) input.get("trainer")),
				number(input, "horizonMonths"), number(input, "seriousDaysLate"), number(input, "asOfMonths"),
				number(input, "holdoutMonths"), ((Number) input.get("seed")).longValue());
	}

	private static int number(Map<String, Object> input, String key) {
		return ((Number) input.get(key)).intValue();
	}

}
