package io.creditdesk.risk.training;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.risk.CustomerLedgers;
import io.creditdesk.scoring.ledger.CustomerLedger;
import io.creditdesk.scoring.ledger.HistoryOptions;
import io.creditdesk.scoring.ledger.ImportedMonths;
import io.creditdesk.scoring.ledger.LabelRule;
import io.creditdesk.scoring.ledger.TrainingSet;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Point-in-time training sets from the service's own ledger, built one way for training,
 * the export and the champion-challenger comparison: every customer's facts through
 * {@link CustomerLedgers}, histories and labels through the scoring module's
 * {@link TrainingSet} (no look-ahead: each history knows only what was booked before its
 * as-of date, each label what the ledger knows now).
 */
@Component
public class LedgerTrainingData {

	private final ObjectProvider<CustomerLedgers> ledgers;

	LedgerTrainingData(ObjectProvider<CustomerLedgers> ledgers) {
		this.ledgers = ledgers;
	}

	/**
	 * The latest {@code asOfMonths} first-of-month dates whose outcome window is over at
	 * {@code now}.
	 */
	public static List<LocalDate> asOfDates(Instant now, LabelRule rule, int asOfMonths) {
		YearMonth from = YearMonth.from(now.atZone(ZoneOffset.UTC)).minusMonths(rule.horizonMonths() + asOfMonths + 1L);
		List<LocalDate> all = TrainingSet.monthlyAsOfDates(from, now, rule, HistoryOptions.defaults());
		return all.subList(Math.max(0, all.size() - asOfMonths), all.size());
	}

	/**
	 * Every customer's labelled histories (of one segment, when given) at the latest
	 * {@code asOfMonths} as-of dates.
	 * @throws CreditDeskException {@code LEDGER_UNAVAILABLE} when the build has no ledger
	 * histories
	 */
	public TrainingSet build(Optional<String> segment, LabelRule rule, int asOfMonths, Instant now) {
		CustomerLedgers source = this.ledgers.getIfAvailable();
		if (source == null) {
			throw CreditDeskException.refuse(TrainingErrorCode.LEDGER_UNAVAILABLE.variant("training"), null);
		}
		List<CustomerLedger> all = new ArrayList<>();
		Map<String, ImportedMonths> imported = new HashMap<>();
		source.forEach(segment, facts -> {
			all.add(facts.ledger());
			if (!facts.imported().isEmpty()) {
				imported.put(facts.ledger().customerId(), facts.imported());
			}
		});
		return TrainingSet.build(all, imported, asOfDates(now, rule, asOfMonths), HistoryOptions.defaults(), rule, now);
	}

}
