package io.creditdesk.risk.history;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.creditdesk.common.Money;
import io.creditdesk.scoring.ledger.ApplicationKind;
import org.bson.BsonReader;
import org.bson.BsonType;
import org.bson.BsonWriter;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;

/**
 * Decodes customer and invoice documents of the store straight into
 * {@link StoredCustomer} and {@link StoredInvoice}: each field read by name from the
 * driver's reader, fields the histories do not use skipped unread, with Spring Data's own
 * conversions (a string or ObjectId id as its hex string, Decimal128 as
 * {@link BigDecimal}, money at its currency's scale as {@link Money} keeps it, BSON dates
 * as UTC instants and days). Reading a large portfolio this way skips building a
 * {@code Document} and mapping it to the ledger's entities for every invoice. Read only:
 * these documents are written by the customer and ledger services, never here.
 */
final class StoredDocumentCodecs {

	private StoredDocumentCodecs() {
	}

	/** Customer documents as {@link StoredCustomer}. */
	static final class CustomerCodec implements Codec<StoredCustomer> {

		@Override
		public StoredCustomer decode(BsonReader reader, DecoderContext context) {
			String id = null;
			String segment = null;
			String currency = null;
			Instant createdAt = null;
			BigDecimal limit = null;
			Instant approvedAt = null;
			List<StoredCustomer.LimitSet> history = new ArrayList<>();
			reader.readStartDocument();
			while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
				switch (reader.readName()) {
					case "_id" -> id = id(reader);
					case "segment" -> segment = string(reader);
					case "creditCurrency" -> currency = string(reader);
					case "createdAt" -> createdAt = instant(reader);
					case "creditLimit" -> {
						if (reader.getCurrentBsonType() == BsonType.NULL) {
							reader.readNull();
							continue;
						}
						reader.readStartDocument();
						while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
							switch (reader.readName()) {
								case "amount" -> limit = money(reader);
								case "approvedAt" -> approvedAt = instant(reader);
								default -> reader.skipValue();
							}
						}
						reader.readEndDocument();
					}
					case "limitHistory" -> {
						if (reader.getCurrentBsonType() == BsonType.NULL) {
							reader.readNull();
							continue;
						}
						reader.readStartArray();
						while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
							history.add(limitSet(reader));
						}
						reader.readEndArray();
					}
					default -> reader.skipValue();
				}
			}
			reader.readEndDocument();
			return new StoredCustomer(id, segment, currency, createdAt, limit, approvedAt, List.copyOf(history));
		}

		private static StoredCustomer.LimitSet limitSet(BsonReader reader) {
			LocalDate effective = null;
			BigDecimal amount = null;
			Instant booked = null;
			reader.readStartDocument();
			while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
				switch (reader.readName()) {
					case "effectiveDate" -> effective = date(reader);
					case "amount" -> amount = money(reader);
					case "bookedAt" -> booked = instant(reader);
					default -> reader.skipValue();
				}
			}
			reader.readEndDocument();
			return new StoredCustomer.LimitSet(effective, amount, booked);
		}

		@Override
		public void encode(BsonWriter writer, StoredCustomer value, EncoderContext context) {
			throw new UnsupportedOperationException("customers are written by the customer service, never here");
		}

		@Override
		public Class<StoredCustomer> getEncoderClass() {
			return StoredCustomer.class;
		}

	}

	/** Invoice documents as {@link StoredInvoice}. */
	static final class InvoiceCodec implements Codec<StoredInvoice> {

		@Override
		public StoredInvoice decode(BsonReader reader, DecoderContext context) {
			String id = null;
			String customerId = null;
			LocalDate invoiceDate = null;
			LocalDate dueDate = null;
			BigDecimal creditAmount = null;
			Instant issuedAt = null;
			List<StoredInvoice.Applied> applied = new ArrayList<>(2);
			reader.readStartDocument();
			while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
				switch (reader.readName()) {
					case "_id" -> id = id(reader);
					case "customerId" -> customerId = string(reader);
					case "invoiceDate" -> invoiceDate = date(reader);
					case "dueDate" -> dueDate = date(reader);
					case "creditAmount" -> creditAmount = money(reader);
					case "issuedAt" -> issuedAt = instant(reader);
					case "applications" -> {
						if (reader.getCurrentBsonType() == BsonType.NULL) {
							reader.readNull();
							continue;
						}
						reader.readStartArray();
						while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
							applied.add(applied(reader));
						}
						reader.readEndArray();
					}
					default -> reader.skipValue();
				}
			}
			reader.readEndDocument();
			return new StoredInvoice(id, customerId, invoiceDate, dueDate, creditAmount, issuedAt, applied);
		}

		private static StoredInvoice.Applied applied(BsonReader reader) {
			ApplicationKind kind = null;
			LocalDate date = null;
			BigDecimal amount = null;
			Instant at = null;
			reader.readStartDocument();
			while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
				switch (reader.readName()) {
					case "type" -> {
						String type = string(reader);
						kind = (type != null) ? ApplicationKind.valueOf(type) : null;
					}
					case "date" -> date = date(reader);
					case "creditAmount" -> amount = decimal(reader);
					case "at" -> at = instant(reader);
					default -> reader.skipValue();
				}
			}
			reader.readEndDocument();
			return new StoredInvoice.Applied(kind, date, amount, at);
		}

		@Override
		public void encode(BsonWriter writer, StoredInvoice value, EncoderContext context) {
			throw new UnsupportedOperationException("invoices are written by the ledger, never here");
		}

		@Override
		public Class<StoredInvoice> getEncoderClass() {
			return StoredInvoice.class;
		}

	}

	/** An id as Spring Data maps it to a {@code String} id: an ObjectId as hex. */
	private static String id(BsonReader reader) {
		return switch (reader.getCurrentBsonType()) {
			case OBJECT_ID -> reader.readObjectId().toHexString();
			case STRING -> reader.readString();
			case NULL -> {
				reader.readNull();
				yield null;
			}
			default -> throw new IllegalArgumentException("an id of type " + reader.getCurrentBsonType());
		};
	}

	private static String string(BsonReader reader) {
		if (reader.getCurrentBsonType() == BsonType.NULL) {
			reader.readNull();
			return null;
		}
		return reader.readString();
	}

	private static Instant instant(BsonReader reader) {
		if (reader.getCurrentBsonType() == BsonType.NULL) {
			reader.readNull();
			return null;
		}
		return Instant.ofEpochMilli(reader.readDateTime());
	}

	private static LocalDate date(BsonReader reader) {
		Instant instant = instant(reader);
		return (instant != null) ? LocalDate.ofInstant(instant, ZoneOffset.UTC) : null;
	}

	/** An amount as the service stores money: Decimal128 (a string from older writes). */
	private static BigDecimal decimal(BsonReader reader) {
		return switch (reader.getCurrentBsonType()) {
			case DECIMAL128 -> reader.readDecimal128().bigDecimalValue();
			case STRING -> new BigDecimal(reader.readString());
			case NULL -> {
				reader.readNull();
				yield null;
			}
			default -> throw new IllegalArgumentException("an amount of type " + reader.getCurrentBsonType());
		};
	}

	/**
	 * The amount of a {@link Money} document, at its currency's scale as {@link Money}
	 * brings it; null when the document or its amount is missing.
	 */
	private static BigDecimal money(BsonReader reader) {
		if (reader.getCurrentBsonType() == BsonType.NULL) {
			reader.readNull();
			return null;
		}
		BigDecimal amount = null;
		String currency = null;
		reader.readStartDocument();
		while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
			switch (reader.readName()) {
				case "amount" -> amount = decimal(reader);
				case "currency" -> currency = string(reader);
				default -> reader.skipValue();
			}
		}
		reader.readEndDocument();
		return (amount != null && currency != null) ? new Money(amount, currency).amount() : amount;
	}

}
