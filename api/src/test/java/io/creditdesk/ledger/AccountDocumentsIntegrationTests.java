package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.client.MongoCollection;
import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.common.Money;
import io.creditdesk.customer.CreditLimit;
import io.creditdesk.customer.CustomerStatus;
import io.creditdesk.customer.RiskFlag;
import io.creditdesk.customer.RiskFlagType;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts are read without the template's converter ({@link AccountDocuments}): on
 * documents written by the converter and stored, the same account as the converter reads;
 * on a value of another shape, nothing, so that the converter reads it.
 */
@CreditDeskIntegrationTest
class AccountDocumentsIntegrationTests {

	private static final Instant T = Instant.parse("2026-11-30T10:15:30.123Z");

	@Autowired
	private MongoTemplate mongo;

	@Test
	void readsEveryAccountAsTheConverterDoes() {
		CreditAccount full = new CreditAccount("C-" + UUID.randomUUID(), "EUR", CustomerStatus.ON_HOLD,
				List.of(new RiskFlag(RiskFlagType.BUREAU, "score drop", "bureau", T, "system"),
						new RiskFlag(RiskFlagType.FRAUD, null, null, T.plusSeconds(5), null)),
				new CreditLimit(Money.of("250000.5", "EUR"), LocalDate.of(2027, 3, 31), LocalDate.of(2026, 12, 31),
						"manager", T, "R-1"),
				"PARENT-1", "SMB", "GOLD", "RETAIL", new ExposureCounters(new BigDecimal("1234.56"),
						new BigDecimal("0.10"), new BigDecimal("77"), new BigDecimal("-0.000001")),
				Money.of("1000000", "EUR"),
				new CreditAccount.GroupExposure(new BigDecimal("4321.00"),
						Map.of("M-1", new CreditAccount.MemberExposure("USD", new BigDecimal("12.50"))), 3L),
				List.of(new PendingChange("orders:O-1", "tok-1",
						new Deltas(new BigDecimal("10.00"), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO), false,
						T, 7L),
						new PendingChange("invoices:I-1", "tok-2",
								new Deltas(BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("-5"), new BigDecimal("5")),
								true, T.plusMillis(1), null)));
		CreditAccount minimal = new CreditAccount("C-" + UUID.randomUUID(), null, CustomerStatus.ACTIVE, null, null,
				null, null, null, null, null, null, null, null);
		CreditAccount yen = new CreditAccount(new ObjectId().toHexString(), "JPY", CustomerStatus.ACTIVE, List.of(),
				new CreditLimit(Money.of("5000000", "JPY"), null, null, null, null), null, "ENT", null, null,
				ExposureCounters.ZERO, null, null, List.of());
		for (CreditAccount account : List.of(full, minimal, yen)) {
			Document stored = storeAndRead(account);
			CreditAccount converted = this.mongo.getConverter().read(CreditAccount.class, stored);
			assertThat(AccountDocuments.read(stored)).as(account.id()).isNotNull().isEqualTo(converted);
			assertThat(converted).isEqualTo(account);
		}
	}

	@Test
	void leavesValuesOfOtherShapesToTheConverter() {
		Document counterAsInteger = new Document("_id", "C-int").append("status", "ACTIVE")
			.append("exposure", new Document("openOrders", 5));
		Document versionAsDouble = new Document("_id", "C-double").append("status", "ACTIVE")
			.append("pendingChanges",
					List.of(new Document("key", "orders:O").append("token", "t")
						.append("applied", false)
						.append("version", 2.0)));
		Document notANumber = new Document("_id", "C-nan").append("status", "ACTIVE")
			.append("exposure", new Document("openOrders", Decimal128.NaN));
		Document unknownStatus = new Document("_id", "C-x").append("status", "SOMETHING_ELSE");
		for (Document document : List.of(counterAsInteger, versionAsDouble, notANumber, unknownStatus)) {
			assertThat(AccountDocuments.read(document)).as(document.toJson()).isNull();
		}
		assertThat(this.mongo.getConverter().read(CreditAccount.class, counterAsInteger).exposure().openOrders())
			.isEqualByComparingTo("5");
	}

	private Document storeAndRead(CreditAccount account) {
		Document written = new Document();
		this.mongo.getConverter().write(account, written);
		MongoCollection<Document> collection = this.mongo.getCollection("account_documents_tests");
		collection.insertOne(written);
		return collection.find(new Document("_id", written.get("_id"))).first();
	}

}
