package io.creditdesk.dynamiclimit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.common.Money;
import io.creditdesk.dynamiclimit.ReplayOutcome.Month;
import io.creditdesk.dynamiclimit.ReplayOutcome.Track;

/**
 * A simulation's exports: the months as CSV (one row a month and a total row, plain
 * decimals, amounts with the currency's decimals, machine-readable column names) and a
 * short HTML report with inline SVG plots of limit, utilization and expected loss over
 * time, actual against simulated; no script, no style sheet or font from elsewhere. Every
 * sentence comes from the message catalogue in the reader's language. Spring-free.
 */
final class SimulationReport {

	/** The catalogue key of the decision rule's sentence. */
	static final String DECISION_RULE = "simulation.decisionRule";

	static final String CSV_HEADER = "month,currency,scored_customers,limit_actual,limit_simulated,"
			+ "exposure_actual,exposure_simulated,utilization_actual,utilization_simulated,"
			+ "expected_loss_actual,expected_loss_simulated,realized_loss_actual,realized_loss_simulated,"
			+ "approved_orders_actual,approved_orders_simulated,approved_amount_actual,approved_amount_simulated,"
			+ "held_orders_actual,held_orders_simulated,held_amount_actual,held_amount_simulated,"
			+ "increases,decreases,routed_requests,actual_changes";

	private static final int WIDTH = 640;

	private static final int HEIGHT = 220;

	private static final int PAD = 56;

	private SimulationReport() {
	}

	/** The CSV: the header, a row per month, then the totals ({@code month} = total). */
	static String csv(ReplayOutcome outcome) {
		StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
		for (Month m : outcome.months()) {
			row(csv, m.month().toString(), outcome.currency(), m.scoredCustomers(), m.actual(), m.simulated(),
					m.increases(), m.decreases(), m.routedRequests(), m.actualChanges());
		}
		ReplayOutcome.Totals t = outcome.totals();
		row(csv, "total", outcome.currency(), outcome.customers(), t.actual(), t.simulated(), t.increases(),
				t.decreases(), t.routedRequests(), t.actualChanges());
		return csv.toString();
	}

	private static void row(StringBuilder csv, String month, String currency, int customers, Track actual,
			Track simulated, int increases, int decreases, int routed, int changes) {
		Function<BigDecimal, String> money = amount -> new Money(amount, currency).amount().toPlainString();
		List<Object> cells = List.of(month, currency, customers, money.apply(actual.limit()),
				money.apply(simulated.limit()), money.apply(actual.exposure()), money.apply(simulated.exposure()),
				plain(actual.utilization()), plain(simulated.utilization()), money.apply(actual.expectedLoss()),
				money.apply(simulated.expectedLoss()), money.apply(actual.realizedLoss()),
				money.apply(simulated.realizedLoss()), actual.approvedOrders(), simulated.approvedOrders(),
				money.apply(actual.approvedAmount()), money.apply(simulated.approvedAmount()), actual.heldOrders(),
				simulated.heldOrders(), money.apply(actual.heldAmount()), money.apply(simulated.heldAmount()),
				increases, decreases, routed, changes);
		for (int i = 0; i < cells.size(); i++) {
			csv.append((i == 0) ? "" : ",").append(cells.get(i));
		}
		csv.append('\n');
	}

	private static String plain(BigDecimal value) {
		return (value == null) ? "" : value.toPlainString();
	}

	/** The HTML report in {@code language}. */
	static String html(LimitPolicySimulation simulation, ReplayOutcome outcome, Locale language) {
		Function<String, String> t = key -> escape(MessageCatalogue.render(language, key, List.of()));
		String segment = (simulation.segment() != null) ? simulation.segment()
				: MessageCatalogue.render(language, "simulation.report.allSegments", List.of());
		StringBuilder html = new StringBuilder(8192);
		html.append("<!DOCTYPE html>\n<html lang=\"")
			.append(language.getLanguage().isEmpty() ? "en" : language.getLanguage())
			.append("\"><head><meta charset=\"utf-8\"><title>")
			.append(escape(MessageCatalogue.render(language, "simulation.report.title", List.of(simulation.id()))))
			.append("</title><style>body{font-family:sans-serif;margin:2em;max-width:60em}"
					+ "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:right}"
					+ "th:first-child,td:first-child{text-align:left}</style></head><body>\n<h1>")
			.append(escape(MessageCatalogue.render(language, "simulation.report.title", List.of(simulation.id()))))
			.append("</h1>\n<p>")
			.append(escape(MessageCatalogue.render(language, "simulation.report.summary",
					List.of(outcome.customers(), simulation.from(), simulation.to(), segment, outcome.currency(),
							simulation.model()))))
			.append("</p>\n<p>")
			.append(t.apply(DECISION_RULE))
			.append("</p>\n<p>")
			.append(escape(MessageCatalogue.render(language, "simulation.report.totals",
					List.of(outcome.totals().increases(), outcome.totals().decreases(),
							outcome.totals().routedRequests(), outcome.totals().actualChanges()))))
			.append("</p>\n");
		List<String> months = outcome.months().stream().map(m -> m.month().toString()).toList();
		html.append(plot(t.apply("simulation.report.limit"), months, outcome, Track::limit, t));
		html.append(plot(t.apply("simulation.report.utilization"), months, outcome,
				track -> (track.utilization() != null) ? track.utilization() : BigDecimal.ZERO, t));
		html.append(plot(t.apply("simulation.report.expectedLoss"), months, outcome, Track::expectedLoss, t));
		html.append("<table>\n<tr><th>")
			.append(t.apply("simulation.report.month"))
			.append("</th><th>")
			.append(t.apply("simulation.report.limit"))
			.append(" (")
			.append(t.apply("simulation.report.actual"))
			.append(")</th><th>")
			.append(t.apply("simulation.report.limit"))
			.append(" (")
			.append(t.apply("simulation.report.simulated"))
			.append(")</th><th>")
			.append(t.apply("simulation.report.held"))
			.append(" (")
			.append(t.apply("simulation.report.actual"))
			.append(")</th><th>")
			.append(t.apply("simulation.report.held"))
			.append(" (")
			.append(t.apply("simulation.report.simulated"))
			.append(")</th><th>")
			.append(t.apply("simulation.report.realizedLoss"))
			.append(" (")
			.append(t.apply("simulation.report.actual"))
			.append(")</th><th>")
			.append(t.apply("simulation.report.realizedLoss"))
			.append(" (")
			.append(t.apply("simulation.report.simulated"))
			.append(")</th></tr>\n");
		for (Month m : outcome.months()) {
			html.append("<tr><td>")
				.append(m.month())
				.append("</td><td>")
				.append(amount(language, m.actual().limit(), outcome.currency()))
				.append("</td><td>")
				.append(amount(language, m.simulated().limit(), outcome.currency()))
				.append("</td><td>")
				.append(m.actual().heldOrders())
				.append("</td><td>")
				.append(m.simulated().heldOrders())
				.append("</td><td>")
				.append(amount(language, m.actual().realizedLoss(), outcome.currency()))
				.append("</td><td>")
				.append(amount(language, m.simulated().realizedLoss(), outcome.currency()))
				.append("</td></tr>\n");
		}
		html.append("</table>\n</body></html>\n");
		return html.toString();
	}

	private static String amount(Locale language, BigDecimal amount, String currency) {
		return escape(MessageCatalogue.figure(language, new Money(amount, currency)));
	}

	/**
	 * One line chart: the actual figures dashed grey, the simulated ones solid blue, the
	 * y axis from 0 to the largest value.
	 */
	private static String plot(String title, List<String> months, ReplayOutcome outcome, Function<Track, BigDecimal> of,
			Function<String, String> t) {
		List<BigDecimal> actual = new ArrayList<>();
		List<BigDecimal> simulated = new ArrayList<>();
		for (Month m : outcome.months()) {
			actual.add(of.apply(m.actual()));
			simulated.add(of.apply(m.simulated()));
		}
		BigDecimal max = BigDecimal.ZERO;
		for (BigDecimal v : actual) {
			max = max.max(v);
		}
		for (BigDecimal v : simulated) {
			max = max.max(v);
		}
		StringBuilder svg = new StringBuilder("<h2>").append(title).append("</h2>\n");
		svg.append("<svg width=\"")
			.append(WIDTH)
			.append("\" height=\"")
			.append(HEIGHT)
			.append("\" role=\"img\" aria-label=\"")
			.append(title)
			.append("\">\n");
		int bottom = HEIGHT - PAD / 2;
		int top = PAD / 3;
		svg.append(line(PAD, bottom, WIDTH - PAD / 2, bottom)).append(line(PAD, top, PAD, bottom));
		svg.append(text(PAD - 4, bottom, "end", "0"))
			.append(text(PAD - 4, top + 10, "end", max.stripTrailingZeros().toPlainString()));
		if (!months.isEmpty()) {
			svg.append(text(PAD, HEIGHT - 4, "start", months.get(0)))
				.append(text(WIDTH - PAD / 2, HEIGHT - 4, "end", months.get(months.size() - 1)));
		}
		svg.append(polyline(actual, max, top, bottom, "#888", " stroke-dasharray=\"6 4\""));
		svg.append(polyline(simulated, max, top, bottom, "#1f5fbf", ""));
		svg.append(text(WIDTH - PAD / 2, top + 10, "end", t.apply("simulation.report.simulated")).replace("<text ",
				"<text fill=\"#1f5fbf\" "));
		svg.append(text(WIDTH - PAD / 2, top + 26, "end", t.apply("simulation.report.actual")).replace("<text ",
				"<text fill=\"#888\" "));
		return svg.append("</svg>\n").toString();
	}

	private static String polyline(List<BigDecimal> values, BigDecimal max, int top, int bottom, String colour,
			String dash) {
		StringBuilder points = new StringBuilder();
		int n = values.size();
		double span = WIDTH - PAD / 2.0 - PAD;
		for (int i = 0; i < n; i++) {
			double x = (n == 1) ? PAD + span / 2 : PAD + span * i / (n - 1);
			double share = (max.signum() == 0) ? 0 : values.get(i).divide(max, 6, RoundingMode.HALF_EVEN).doubleValue();
			double y = bottom - share * (bottom - top);
			points.append((i == 0) ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
		}
		return "<polyline fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"2\"" + dash + " points=\"" + points
				+ "\"/>\n";
	}

	private static String line(int x1, int y1, int x2, int y2) {
		return "<line x1=\"" + x1 + "\" y1=\"" + y1 + "\" x2=\"" + x2 + "\" y2=\"" + y2 + "\" stroke=\"#000\"/>\n";
	}

	private static String text(int x, int y, String anchor, String content) {
		return "<text x=\"" + x + "\" y=\"" + y + "\" font-size=\"11\" text-anchor=\"" + anchor + "\">" + content
				+ "</text>\n";
	}

	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
