package io.creditdesk.scoring.report;

import io.creditdesk.scoring.evaluation.Evaluation;
import io.creditdesk.scoring.evaluation.Metrics;
import io.creditdesk.scoring.evaluation.ModelComparison;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML evaluation report (inline SVG plots, no external resources):
 * headline metrics, ROC curve, calibration plot, grade table, calibration table and
 * per-segment results.
 */
public final class HtmlReport {

	private static final int W = 360;

	private static final int H = 360;

	private static final int PAD = 40;

	private HtmlReport() {
	}

	public static void write(Path file, String title, Map<String, Object> card, Evaluation e, double[] p, boolean[] y)
			throws IOException {
		Files.writeString(file, render(title, card, e, p, y));
	}

	public static String render(String title, Map<String, Object> card, Evaluation e, double[] p, boolean[] y) {
		StringBuilder h = new StringBuilder();
		h.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
			.append(esc(title))
			.append("</title>")
			.append("<style>body{font-family:sans-serif;max-width:980px;margin:2em auto;color:#222}"
					+ "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;"
					+ "text-align:right}th{background:#f3f3f3}.plots{display:flex;gap:2em;flex-wrap:wrap}"
					+ "svg{border:1px solid #ddd;background:#fff}</style></head><body>");
		h.append("<h1>").append(esc(title)).append("</h1>");
		h.append("<p>")
			.append(esc(String.valueOf(card.get("evaluationMethod"))))
			.append(". Data: <code>")
			.append(esc(String.valueOf(((ModelCard.DataSource) card.get("data")).file())))
			.append("</code>. Trainer: <code>")
			.append(esc(String.valueOf(card.get("trainer"))))
			.append("</code></p>");
		h.append(
				"<table><tr><th>rows</th><th>defaults</th><th>ROC-AUC</th><th>PR-AUC</th><th>Brier</th><th>log-loss</th>"
						+ "<th>KS</th><th>top-decile lift</th></tr><tr>");
		h.append(td(e.rows()))
			.append(td(e.positives()))
			.append(td(e.auc()))
			.append(td(e.prAuc()))
			.append(td(e.brier()))
			.append(td(e.logLoss()))
			.append(td(e.ks()))
			.append(td(e.topDecileLift()))
			.append("</tr></table>");
		var c = e.confusion();
		h.append(
				String.format(Locale.ROOT,
						"<p>Confusion at threshold %.2f: TP %d, FP %d, TN %d, FN %d "
								+ "(precision %.3f, recall %.3f).</p>",
						c.threshold(), c.truePositives(), c.falsePositives(), c.trueNegatives(), c.falseNegatives(),
						c.precision(), c.recall()));
		h.append("<div class=\"plots\"><div><h2>ROC curve</h2>")
			.append(rocSvg(Metrics.rocCurve(p, y), e.auc()))
			.append("</div><div><h2>Calibration</h2>")
			.append(calibrationSvg(e.calibration()))
			.append("</div></div>");
		h.append("<h2>Risk grades</h2><table><tr><th>grade</th><th>PD band</th><th>customers</th><th>share</th>"
				+ "<th>mean predicted</th><th>observed default rate</th></tr>");
		for (var g : e.grades()) {
			h.append("<tr><td>")
				.append(g.grade())
				.append("</td>")
				.append(String.format(Locale.ROOT, "<td>%.0f%% - %.0f%%</td>", 100 * g.lower(), 100 * g.upper()))
				.append(td(g.count()))
				.append("<td>")
				.append(ModelCard.pct(g.share()))
				.append("</td><td>")
				.append(ModelCard.pct(g.meanPredicted()))
				.append("</td><td>")
				.append(ModelCard.pct(g.observedRate()))
				.append("</td></tr>");
		}
		h.append("</table><h2>Calibration table (deciles)</h2><table><tr><th>decile</th><th>customers</th>"
				+ "<th>predicted range</th><th>mean predicted</th><th>observed</th></tr>");
		for (var b : e.calibration()) {
			h.append("<tr>")
				.append(td(b.bin()))
				.append(td(b.count()))
				.append(String.format(Locale.ROOT, "<td>%.3f - %.3f</td>", b.minPredicted(), b.maxPredicted()))
				.append("<td>")
				.append(ModelCard.pct(b.meanPredicted()))
				.append("</td><td>")
				.append(ModelCard.pct(b.observedRate()))
				.append("</td></tr>");
		}
		h.append("</table>");
		if (!e.segments().isEmpty()) {
			h.append("<h2>Per segment</h2><table><tr><th>segment</th><th>customers</th><th>defaults</th><th>AUC</th>"
					+ "<th>Brier</th><th>observed</th><th>mean predicted</th></tr>");
			e.segments()
				.forEach((name, s) -> h.append("<tr><td>")
					.append(esc(name))
					.append("</td>")
					.append(td(s.rows()))
					.append(td(s.positives()))
					.append(td(s.auc()))
					.append(td(s.brier()))
					.append("<td>")
					.append(ModelCard.pct(s.observedRate()))
					.append("</td><td>")
					.append(ModelCard.pct(s.meanPredicted()))
					.append("</td></tr>"));
			h.append("</table>");
		}
		h.append(
				"<h2>Model card</h2><p>See the <code>.card.md</code> and <code>.card.json</code> files next to the model. ")
			.append(esc(String.valueOf(card.get("licence"))))
			.append("</p></body></html>\n");
		return h.toString();
	}

	/**
	 * The champion-challenger report: headline figures side by side, calibration and bad
	 * rate per grade, the grade agreement matrix and the stability figures (the same as
	 * {@code scoring-cli compare} prints).
	 * @param window what the labelled window is, in words
	 */
	public static String renderComparison(String title, String champion, String challenger, String window,
			ModelComparison c) {
		StringBuilder h = new StringBuilder();
		h.append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
			.append(esc(title))
			.append("</title><style>body{font-family:sans-serif;max-width:980px;margin:2em auto;color:#222}"
					+ "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;"
					+ "text-align:right}th{background:#f3f3f3}</style></head><body>");
		h.append("<h1>").append(esc(title)).append("</h1>");
		h.append("<p>")
			.append(esc(window))
			.append(": ")
			.append(c.rows())
			.append(" customers, ")
			.append(c.positives())
			.append(" defaults.</p>");
		h.append("<table><tr><th></th><th>")
			.append(esc(champion))
			.append(" (champion)</th><th>")
			.append(esc(challenger))
			.append(" (challenger)</th></tr>");
		h.append("<tr><th>ROC-AUC</th>")
			.append(td(c.champion().auc()))
			.append(td(c.challenger().auc()))
			.append("</tr>");
		h.append("<tr><th>KS</th>").append(td(c.champion().ks())).append(td(c.challenger().ks())).append("</tr>");
		h.append("<tr><th>Brier</th>")
			.append(td(c.champion().brier()))
			.append(td(c.challenger().brier()))
			.append("</tr>");
		h.append("<tr><th>PSI against its training baseline</th>")
			.append(td(c.champion().psi()))
			.append(td(c.challenger().psi()))
			.append("</tr></table>");
		h.append("<h2>Calibration and bad rate per grade</h2><table><tr><th>grade</th>"
				+ "<th>champion: customers</th><th>predicted</th><th>observed</th>"
				+ "<th>challenger: customers</th><th>predicted</th><th>observed</th></tr>");
		for (int g = 0; g < c.champion().grades().size(); g++) {
			var x = c.champion().grades().get(g);
			var y = c.challenger().grades().get(g);
			h.append("<tr><td>")
				.append(esc(x.grade()))
				.append("</td>")
				.append(td(x.count()))
				.append(td(x.meanPredicted()))
				.append(td(x.observedRate()))
				.append(td(y.count()))
				.append(td(y.meanPredicted()))
				.append(td(y.observedRate()))
				.append("</tr>");
		}
		h.append("</table><h2>Grade agreement</h2><p>Same grade for ")
			.append(String.format(Locale.ROOT, "%.1f %%", 100 * c.gradeAgreement()))
			.append(" of customers. Rows: the champion's grade; columns: the challenger's.</p><table><tr><th></th>");
		List<String> grades = c.agreement().stream().map(a -> a.challenger().name()).distinct().toList();
		grades.forEach(g -> h.append("<th>").append(g).append("</th>"));
		h.append("</tr>");
		for (String row : grades) {
			h.append("<tr><th>").append(row).append("</th>");
			c.agreement()
				.stream()
				.filter(a -> a.champion().name().equals(row))
				.forEach(a -> h.append(td(a.customers())));
			h.append("</tr>");
		}
		h.append("</table><p>PSI of the challenger's scores in the champion's deciles on this window: ")
			.append(String.format(Locale.ROOT, "%.4f", c.psiChallengerVsChampion()))
			.append(" (below 0.10 stable, 0.10-0.25 moderate, above 0.25 significant).</p></body></html>");
		return h.toString();
	}

	static String rocSvg(List<double[]> points, double auc) {
		StringBuilder s = axes("false-positive rate", "true-positive rate", 1.0);
		s.append(line(0, 0, 1, 1, "#bbb", "4 4"));
		StringBuilder path = new StringBuilder();
		// thin the curve to at most ~400 points: enough for the eye, small file
		int step = Math.max(1, points.size() / 400);
		for (int i = 0; i < points.size(); i += step) {
			path.append(i == 0 ? "M" : "L").append(x(points.get(i)[0])).append(',').append(y(points.get(i)[1]));
		}
		double[] last = points.get(points.size() - 1);
		path.append('L').append(x(last[0])).append(',').append(y(last[1]));
		s.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#1f5fbf\" stroke-width=\"2\"/>");
		s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"13\">AUC %.4f</text>", PAD + 180,
				H - PAD - 20, auc));
		return s.append("</svg>").toString();
	}

	static String calibrationSvg(List<Metrics.CalibrationBin> bins) {
		double max = 0.05;
		for (var b : bins) {
			max = Math.max(max, Math.max(b.meanPredicted(), b.observedRate()));
		}
		double scale = Math.min(1.0, Math.ceil(max * 10) / 10.0);
		StringBuilder s = axes("mean predicted probability", "observed default rate", scale);
		s.append(line(0, 0, 1, 1, "#bbb", "4 4"));
		StringBuilder path = new StringBuilder();
		for (int i = 0; i < bins.size(); i++) {
			var b = bins.get(i);
			double px = b.meanPredicted() / scale;
			double py = b.observedRate() / scale;
			path.append(i == 0 ? "M" : "L").append(x(px)).append(',').append(y(py));
			s.append(
					String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"4\" fill=\"#c0392b\"/>", x(px), y(py)));
		}
		s.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#c0392b\" stroke-width=\"1.5\"/>");
		return s.append("</svg>").toString();
	}

	/** Axes from 0 to {@code scale} on both sides, with five labelled ticks. */
	private static StringBuilder axes(String xLabel, String yLabel, double scale) {
		StringBuilder s = new StringBuilder();
		s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">", W,
				H));
		s.append(line(0, 0, 1, 0, "#333", null)).append(line(0, 0, 0, 1, "#333", null));
		for (int t = 0; t <= 4; t++) {
			double v = t / 4.0;
			s.append(String.format(Locale.ROOT,
					"<text x=\"%s\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%.2f</text>", x(v), H - PAD + 14,
					v * scale));
			s.append(String.format(Locale.ROOT,
					"<text x=\"%d\" y=\"%s\" font-size=\"10\" text-anchor=\"end\">%.2f</text>", PAD - 4, y(v),
					v * scale));
		}
		s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%s</text>",
				W / 2, H - 6, esc(xLabel)));
		s.append(String.format(Locale.ROOT, "<text x=\"12\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\" "
				+ "transform=\"rotate(-90 12 %d)\">%s</text>", H / 2, H / 2, esc(yLabel)));
		return s;
	}

	private static String line(double x1, double y1, double x2, double y2, String color, String dash) {
		return String.format(Locale.ROOT, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\"%s/>", x(x1),
				y(y1), x(x2), y(y2), color, dash == null ? "" : " stroke-dasharray=\"" + dash + "\"");
	}

	private static String x(double v) {
		return String.format(Locale.ROOT, "%.1f", PAD + v * (W - 2 * PAD));
	}

	private static String y(double v) {
		return String.format(Locale.ROOT, "%.1f", H - PAD - v * (H - 2 * PAD));
	}

	private static String td(double v) {
		return String.format(Locale.ROOT, "<td>%.4f</td>", v);
	}

	private static String td(long v) {
		return "<td>" + v + "</td>";
	}

	static String esc(String s) {
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
