package io.creditdesk.scoring.report;

import io.creditdesk.scoring.evaluation.Metrics;
import org.junit.jupiter.api.Test;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTests {

	@Test
	void calibrationPlotPutsPointsWhereItsTicksSay() throws Exception {
		List<Metrics.CalibrationBin> bins = List.of(new Metrics.CalibrationBin(1, 10, 0, 0.2, 0.1, 0.2),
				new Metrics.CalibrationBin(2, 10, 0.2, 0.4, 0.4, 0.4));
		String svg = HtmlReport.calibrationSvg(bins);
		wellFormed(svg);
		// The axes run 0..0.4: the point (0.4, 0.4) sits in the top-right corner,
		// labelled 0.40.
		assertThat(svg).contains("<circle cx=\"320.0\" cy=\"40.0\"").contains(">0.40</text>");
		// (0.1, 0.2) -> a quarter across, half-way up.
		assertThat(svg).contains("<circle cx=\"110.0\" cy=\"180.0\"");
	}

	@Test
	void rocPlotIsWellFormedAndShowsTheAuc() throws Exception {
		double[] p = { 0.9, 0.8, 0.3, 0.1 };
		boolean[] y = { true, false, true, false };
		String svg = HtmlReport.rocSvg(Metrics.rocCurve(p, y), Metrics.rocAuc(p, y));
		wellFormed(svg);
		assertThat(svg).contains("AUC 0.7500").contains("M40.0,320.0");
	}

	private static void wellFormed(String svg) throws Exception {
		DocumentBuilderFactory.newInstance()
			.newDocumentBuilder()
			.parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
	}

}
