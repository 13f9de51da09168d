package io.creditdesk.limitrequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.creditdesk.bureau.BureauCompanyStatus;
import io.creditdesk.common.Money;
import io.creditdesk.customer.CustomerStatus;
import io.creditdesk.customer.RiskFlagType;
import io.creditdesk.limitrequest.AnalysisSnapshot.PaymentRecord;
import io.creditdesk.limitrequest.AnalysisSnapshot.Verification;
import io.creditdesk.limitrequest.PreAnalysisTests.Snapshot;
import io.creditdesk.scoring.model.RiskGrade;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every sentence of the pre-analysis (each check's {@code detail}, each verdict's
 * {@code explanation}) rendered in English and in German from its catalogue key and
 * figures: one row per sentence, with the English expected word for word and figures in
 * each language's notation; and the table covers every {@code check.} and
 * {@code verdict.} key of the catalogue.
 */
class PreAnalysisMessagesTests {

	private static final Locale GERMAN = Locale.GERMAN;

	private static final PreAnalysis DEFAULT = new PreAnalysis(PreAnalysisPolicy.DEFAULT);

	static Stream<Arguments> sentences() {
		PreAnalysisPolicy d = PreAnalysisPolicy.DEFAULT;
		PreAnalysis routeAll = new PreAnalysis(new PreAnalysisPolicy(null, d.straightThroughGrades(), d.maxOverdue(),
				d.maxOverdueDays(), d.warnLimitToRevenue(), d.maxLimitToRevenue(), d.warnAverageDaysBeyondTerms(),
				d.maxAverageDaysBeyondTerms(), d.warnOnTimeRate(), d.minOnTimeRate(), d.verificationRequired(),
				d.warnFromGrade(), d.failFromGrade(), d.blockingChecks(), d.bureauReportMaxAgeMonths(),
				d.bureauReportRequired()));
		PreAnalysis overdueCap = new PreAnalysis(d.withMaxOverdue(Money.of("1000", "EUR")));
		PreAnalysis needsReport = new PreAnalysis(new PreAnalysisPolicy(d.straightThroughMax(),
				d.straightThroughGrades(), d.maxOverdue(), d.maxOverdueDays(), d.warnLimitToRevenue(),
				d.maxLimitToRevenue(), d.warnAverageDaysBeyondTerms(), d.maxAverageDaysBeyondTerms(),
				d.warnOnTimeRate(), d.minOnTimeRate(), true, d.warnFromGrade(), d.failFromGrade(), d.blockingChecks(),
				d.bureauReportMaxAgeMonths(), true));
		UnaryOperator<Snapshot> firstLimit = (s) -> s.type(RequestType.NEW_CUSTOMER).current(null);
		return Stream.of(
				// customer status
				check("check.CUSTOMER_STATUS.ACTIVE", DEFAULT, (s) -> s, CheckCode.CUSTOMER_STATUS,
						"The customer is active."),
				check("check.CUSTOMER_STATUS.PENDING_VERIFICATION", DEFAULT,
						(s) -> s.status(CustomerStatus.PENDING_VERIFICATION), CheckCode.CUSTOMER_STATUS,
						"The customer awaits verification and its first limit."),
				check("check.CUSTOMER_STATUS.ON_HOLD", DEFAULT, (s) -> s.status(CustomerStatus.ON_HOLD),
						CheckCode.CUSTOMER_STATUS, "The customer is on hold."),
				check("check.CUSTOMER_STATUS.SUSPENDED", DEFAULT, (s) -> s.status(CustomerStatus.SUSPENDED),
						CheckCode.CUSTOMER_STATUS, "The customer is suspended."),
				check("check.CUSTOMER_STATUS.CLOSED", DEFAULT, (s) -> s.status(CustomerStatus.CLOSED),
						CheckCode.CUSTOMER_STATUS, "The customer is closed."),
				// risk flags
				check("check.RISK_FLAGS.fraud", DEFAULT, (s) -> s.flags(RiskFlagType.FRAUD), CheckCode.RISK_FLAGS,
						"A fraud flag is raised."),
				check("check.RISK_FLAGS.bureau", DEFAULT, (s) -> s.flags(RiskFlagType.BUREAU), CheckCode.RISK_FLAGS,
						"A bureau flag is raised."),
				check("check.RISK_FLAGS.none", DEFAULT, (s) -> s, CheckCode.RISK_FLAGS, "No risk flag is raised."),
				// hard cap
				check("check.HARD_CAP.none", DEFAULT, (s) -> s.hardCap(null), CheckCode.HARD_CAP,
						"No policy level sets a hard cap."),
				check("check.HARD_CAP.above", DEFAULT, (s) -> s.hardCap("5000"), CheckCode.HARD_CAP,
						"The requested 8,000.00 EUR is above the hard cap of 5,000.00 EUR.", "8.000,00 EUR"),
				check("check.HARD_CAP.within", DEFAULT, (s) -> s, CheckCode.HARD_CAP,
						"Within the hard cap of 100,000.00 EUR.", "100.000,00 EUR"),
				// a hard cap set in another currency: as set, the rate and converted
				check("check.HARD_CAP.aboveConverted", DEFAULT, (s) -> s.hardCapIn("5000", "USD", "4600", "0.92"),
						CheckCode.HARD_CAP,
						"The requested 8,000.00 EUR is above the hard cap of 5,000.00 USD, which is 4,600.00 EUR at today's rate of 0.92.",
						"5.000,00 USD", "4.600,00 EUR", "0,92"),
				check("check.HARD_CAP.withinConverted", DEFAULT, (s) -> s.hardCapIn("100000", "USD", "92000", "0.92"),
						CheckCode.HARD_CAP,
						"Within the hard cap of 100,000.00 USD, which is 92,000.00 EUR at today's rate of 0.92.",
						"100.000,00 USD", "92.000,00 EUR", "0,92"),
				// overdue
				check("check.OVERDUE.none", DEFAULT, (s) -> s, CheckCode.OVERDUE, "Nothing is overdue."),
				check("check.OVERDUE.amount", overdueCap, (s) -> s.overdue("1500", 3), CheckCode.OVERDUE,
						"1,500.00 EUR is overdue, more than the policy's 1,000.00 EUR.", "1.500,00 EUR"),
				check("check.OVERDUE.age", DEFAULT, (s) -> s.overdue("500", 45), CheckCode.OVERDUE,
						"The oldest overdue invoice is 45 days late, more than the policy's 30 days.", "45 Tage"),
				check("check.OVERDUE.within", DEFAULT, (s) -> s.overdue("1234.5", 3), CheckCode.OVERDUE,
						"1,234.50 EUR is overdue, within the policy.", "1.234,50 EUR"),
				// limit to revenue
				check("check.LIMIT_TO_REVENUE.unknown", DEFAULT, (s) -> s.revenue(null), CheckCode.LIMIT_TO_REVENUE,
						"No annual revenue is known, so the limit cannot be set against it."),
				check("check.LIMIT_TO_REVENUE.none", DEFAULT, (s) -> s.revenue("0"), CheckCode.LIMIT_TO_REVENUE,
						"An annual revenue of 0.00 EUR was stated: no limit is within a share of it.", "0,00 EUR"),
				check("check.LIMIT_TO_REVENUE.fail", DEFAULT, (s) -> s.requested("60000"), CheckCode.LIMIT_TO_REVENUE,
						"The limit would be 30 % of annual revenue, above the policy's 25 %.", "30 %"),
				check("check.LIMIT_TO_REVENUE.warn", DEFAULT, (s) -> s.requested("25000"), CheckCode.LIMIT_TO_REVENUE,
						"The limit would be 12.5 % of annual revenue, above 10 %.", "12,5 %"),
				check("check.LIMIT_TO_REVENUE.pass", DEFAULT, (s) -> s, CheckCode.LIMIT_TO_REVENUE,
						"The limit would be 4 % of annual revenue.", "4 %"),
				// internal history
				check("check.INTERNAL_HISTORY.none", DEFAULT, (s) -> s.history(null), CheckCode.INTERNAL_HISTORY,
						"No settled invoice yet."),
				check("check.INTERNAL_HISTORY.fail", DEFAULT,
						(s) -> s.history(new PaymentRecord(1200, dec("0.4"), dec("31.5"), 60)),
						CheckCode.INTERNAL_HISTORY,
						"1,200 invoices settled, 40 % on time, 31.5 days beyond terms on average: below the policy's 50 % on time or above 30 days late.",
						"1.200", "31,5"),
				check("check.INTERNAL_HISTORY.warn", DEFAULT,
						(s) -> s.history(new PaymentRecord(24, dec("0.75"), dec("2"), 9)), CheckCode.INTERNAL_HISTORY,
						"24 invoices settled, 75 % on time, 2 days beyond terms on average."),
				check("check.INTERNAL_HISTORY.pass", DEFAULT, (s) -> s, CheckCode.INTERNAL_HISTORY,
						"24 invoices settled, 95 % on time, 2 days beyond terms on average."),
				// verification
				check("check.BUREAU_VERIFICATION.required", DEFAULT,
						(s) -> firstLimit.apply(s).verification(Verification.NONE), CheckCode.BUREAU_VERIFICATION,
						"No bureau report or manual verification: a first limit cannot be approved without one."),
				check("check.BUREAU_VERIFICATION.none", DEFAULT, (s) -> s.verification(Verification.NONE),
						CheckCode.BUREAU_VERIFICATION, "No bureau report or manual verification."),
				check("check.BUREAU_VERIFICATION.reportRequired", needsReport,
						(s) -> firstLimit.apply(s).verification(Verification.manual()), CheckCode.BUREAU_VERIFICATION,
						"Verified manually, but the policy requires a bureau report before a first limit."),
				check("check.BUREAU_VERIFICATION.manual", DEFAULT, (s) -> s.verification(Verification.manual()),
						CheckCode.BUREAU_VERIFICATION, "Verified manually by an analyst."),
				check("check.BUREAU_VERIFICATION.notActive", DEFAULT,
						(s) -> s.verification(Verification.bureau(BureauCompanyStatus.INSOLVENT, "E", null)),
						CheckCode.BUREAU_VERIFICATION, "The bureau reports the company as INSOLVENT.", "INSOLVENT"),
				check("check.BUREAU_VERIFICATION.statusUnknown", DEFAULT,
						(s) -> s.verification(Verification.bureau(BureauCompanyStatus.UNKNOWN, "A", null)),
						CheckCode.BUREAU_VERIFICATION,
						"The bureau's status of the company is not one this service knows."),
				check("check.BUREAU_VERIFICATION.aboveRecommendation", DEFAULT,
						(s) -> s.verification(
								Verification.bureau(BureauCompanyStatus.ACTIVE, "A", Money.of("7500", "EUR"))),
						CheckCode.BUREAU_VERIFICATION,
						"The requested 8,000.00 EUR is above the bureau's recommended 7,500.00 EUR.", "7.500,00 EUR"),
				check("check.BUREAU_VERIFICATION.notRated", DEFAULT,
						(s) -> s.verification(Verification.bureau(BureauCompanyStatus.ACTIVE, null, null)),
						CheckCode.BUREAU_VERIFICATION, "The bureau does not rate the company."),
				check("check.BUREAU_VERIFICATION.active", DEFAULT, (s) -> s, CheckCode.BUREAU_VERIFICATION,
						"The bureau reports the company active, rated A."),
				// score and grade
				check("check.SCORE_AND_GRADE.none", DEFAULT, (s) -> s.grade(null, null), CheckCode.SCORE_AND_GRADE,
						"No score yet."),
				check("check.SCORE_AND_GRADE.fail", DEFAULT, (s) -> s.grade(RiskGrade.E, "0.4"),
						CheckCode.SCORE_AND_GRADE, "Grade E: the policy fails grades from E."),
				check("check.SCORE_AND_GRADE.warn", DEFAULT, (s) -> s.grade(RiskGrade.D, "0.1"),
						CheckCode.SCORE_AND_GRADE, "Grade D: the policy watches grades from D."),
				check("check.SCORE_AND_GRADE.pass", DEFAULT, (s) -> s, CheckCode.SCORE_AND_GRADE, "Grade A."),
				// verdicts
				verdict("verdict.REFUSED", DEFAULT, (s) -> s.flags(RiskFlagType.FRAUD).hardCap("5000"),
						"Refused by pre-analysis: FRAUD_FLAG, OVER_HARD_CAP."),
				verdict("verdict.STRAIGHT_THROUGH", DEFAULT, (s) -> s,
						"Approved straight through: every check passed, 8,000.00 EUR is within the policy's 10,000.00 EUR and grade A qualifies.",
						"10.000,00 EUR"),
				verdict("verdict.ROUTED.checks", DEFAULT, (s) -> s.status(CustomerStatus.ON_HOLD).grade(null, null),
						"Routed to approvers: not every check passed (CUSTOMER_STATUS, SCORE_AND_GRADE)."),
				verdict("verdict.ROUTED.nothing", routeAll, (s) -> s,
						"Routed to approvers: the policy approves nothing straight through."),
				verdict("verdict.ROUTED.amount", DEFAULT, (s) -> s.requested("12000")
					.verification(Verification.bureau(BureauCompanyStatus.ACTIVE, "A", Money.of("20000", "EUR"))),
						"Routed to approvers: 12,000.00 EUR is above the straight-through amount of 10,000.00 EUR.",
						"12.000,00 EUR"),
				verdict("verdict.ROUTED.grade", DEFAULT, (s) -> s.grade(RiskGrade.C, "0.05"),
						"Routed to approvers: grade C is not one approved straight through."));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("sentences")
	void rendersInEnglishAndGerman(String key, Sentence sentence, String english, String[] german) throws IOException {
		assertThat(sentence.key()).isEqualTo(key);
		assertThat(sentence.render(Locale.ENGLISH)).isEqualTo(english);
		assertThat(sentence.english()).isEqualTo(english);
		// A German sentence of its own, not the English one with German figures.
		assertThat(catalogue("/messages_de.properties").getProperty(key)).as("German of " + key).isNotBlank();
		String deutsch = sentence.render(GERMAN);
		assertThat(deutsch).as("German of " + key).isNotEqualTo(english).doesNotStartWith(key).doesNotContain("{");
		for (String figure : german) {
			assertThat(deutsch).as("German of " + key).contains(figure);
		}
	}

	@Test
	void everyCheckAndVerdictSentenceOfTheCatalogueIsInTheTable() throws IOException {
		Set<String> keys = catalogue("/messages.properties").stringPropertyNames()
			.stream()
			.filter((key) -> key.startsWith("check.") || key.startsWith("verdict."))
			.collect(Collectors.toSet());
		assertThat(sentences().map((row) -> (String) row.get()[0]).toList()).doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(keys);
	}

	private static Properties catalogue(String resource) throws IOException {
		Properties catalogue = new Properties();
		try (InputStream in = PreAnalysisMessagesTests.class.getResourceAsStream(resource)) {
			catalogue.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return catalogue;
	}

	private static Arguments check(String key, PreAnalysis analysis, UnaryOperator<Snapshot> change, CheckCode code,
			String english, String... german) {
		Sentence detail = analysis.analyse(change.apply(new Snapshot()).build()).check(code).detail();
		return Arguments.of(key, detail, english, german);
	}

	private static Arguments verdict(String key, PreAnalysis analysis, UnaryOperator<Snapshot> change, String english,
			String... german) {
		Sentence explanation = analysis.analyse(change.apply(new Snapshot()).build()).explanation();
		return Arguments.of(key, explanation, english, german);
	}

	private static BigDecimal dec(String value) {
		return new BigDecimal(value);
	}

}
