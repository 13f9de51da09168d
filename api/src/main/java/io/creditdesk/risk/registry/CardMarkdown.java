package io.creditdesk.risk.registry;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A model card for people, from the card's JSON: what the model is, the data and label it
 * was trained on, its metrics and grade table, its intended use and the attributes it
 * never uses. The card as the CLI writes it (or the training job builds it) is the
 * source; nothing is added here.
 */
final class CardMarkdown {

	private CardMarkdown() {
	}

	static String render(RegisteredModel model, Map<String, Object> card) {
		StringBuilder md = new StringBuilder();
		md.append("# Model card: ").append(model.name()).append(" version ").append(model.version()).append("\n\n");
		line(md, "Model", card.get("model"));
		line(md, "Trainer", model.trainer());
		line(md, "Feature definition", model.featureDefinition());
		line(md, "Model file SHA-256", model.sha256());
		line(md, "Registered", model.registeredAt() + " by " + model.registeredBy() + " (" + model.source() + ")");
		if (card.get("data") instanceof Map<?, ?> data) {
			line(md, "Data", data.get("file") + " (" + data.get("format") + ", " + data.get("rows") + " rows, "
					+ data.get("positives") + " positives, SHA-256 " + data.get("sha256") + ")");
			line(md, "Licence", data.get("licence"));
		}
		line(md, "Label", card.get("label"));
		line(md, "Evaluation", card.get("evaluationMethod"));
		if (!model.metrics().isEmpty()) {
			md.append("\n## Metrics\n\n| metric | value |\n|---|---|\n");
			model.metrics()
				.forEach((name, value) -> md.append("| ")
					.append(name)
					.append(" | ")
					.append(String.format(Locale.ROOT, "%.4f", value))
					.append(" |\n"));
		}
		if (card.get("gradeTable") instanceof List<?> grades && !grades.isEmpty()) {
			md.append("\n## Grades\n\n| grade | customers | mean predicted | observed |\n|---|---|---|---|\n");
			for (Object row : grades) {
				if (row instanceof Map<?, ?> g) {
					md.append("| ")
						.append(g.get("grade"))
						.append(" | ")
						.append(g.get("count"))
						.append(" | ")
						.append(percent(g.get("meanPredicted")))
						.append(" | ")
						.append(percent(g.get("observedRate")))
						.append(" |\n");
				}
			}
		}
		md.append("\n## Use\n\n");
		line(md, "Intended use", card.get("intendedUse"));
		line(md, "Protected attributes never used", card.get("protectedAttributesExcluded"));
		line(md, "Features", String.join(", ", model.features()));
		return md.toString();
	}

	private static void line(StringBuilder md, String label, Object value) {
		if (value != null) {
			md.append("- **").append(label).append("**: ").append(value).append('\n');
		}
	}

	private static String percent(Object value) {
		return value instanceof Number n && Double.isFinite(n.doubleValue())
				? String.format(Locale.ROOT, "%.2f %%", 100 * n.doubleValue()) : "-";
	}

}
