package io.creditdesk.limitrequest;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TurnaroundTests {

	private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

	@Test
	void medianAndP90AreNearestRankPerSegmentAndBandWithALineOverAll() {
		List<CreditLimitRequest> decided = new ArrayList<>();
		// SMB, band 0: 1 to 10 hours, the 10-hour one late.
		for (int hours = 1; hours <= 10; hours++) {
			decided.add(request("SMB", 0, hours, hours < 10));
		}
		// ENTERPRISE, band 2: 48 hours, within SLA.
		decided.add(request("ENTERPRISE", 2, 48, true));
		List<Turnaround> figures = Turnaround.of(decided);
		assertThat(figures).hasSize(3);
		Turnaround smb = figures.stream().filter((t) -> "SMB".equals(t.segment())).findFirst().orElseThrow();
		assertThat(smb.decided()).isEqualTo(10);
		assertThat(smb.medianHours()).isEqualByComparingTo("5");
		assertThat(smb.p90Hours()).isEqualByComparingTo("9");
		assertThat(smb.withinSlaShare()).isEqualByComparingTo("0.9");
		Turnaround all = figures.get(figures.size() - 1);
		assertThat(all.segment()).isNull();
		assertThat(all.band()).isNull();
		assertThat(all.decided()).isEqualTo(11);
		assertThat(all.medianHours()).isEqualByComparingTo("6");
		assertThat(all.p90Hours()).isEqualByComparingTo("10");
		assertThat(all.withinSlaShare()).isEqualByComparingTo(new BigDecimal("0.9091"));
	}

	@Test
	void requestsNotDecidedByApproversDoNotCount() {
		CreditLimitRequest autoApproved = withSla(request("SMB", 0, 1, true), null);
		assertThat(Turnaround.of(List.of(autoApproved))).isEmpty();
	}

	private static CreditLimitRequest request(String segment, int band, int hours, boolean withinSla) {
		RequestDraft d = RequestDraft.empty();
		d.id = segment + band + hours;
		d.segment = segment;
		d.createdAt = T0;
		d.decidedAt = T0.plus(Duration.ofHours(hours));
		d.withinSla = withinSla;
		d.routing = new CreditLimitRequest.Routing("SHIPPED", 0, band, null, null, BusinessDuration.hours(4));
		return d.build();
	}

	private static CreditLimitRequest withSla(CreditLimitRequest r, Boolean withinSla) {
		RequestDraft d = RequestDraft.of(r);
		d.withinSla = withinSla;
		return d.build();
	}

}
