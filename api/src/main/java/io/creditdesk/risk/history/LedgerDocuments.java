package io.creditdesk.risk.history;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import io.creditdesk.customer.Customer;
import io.creditdesk.ledger.Invoice;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.bson.conversions.Bson;
import org.bson.codecs.configuration.CodecRegistries;
import org.bson.types.ObjectId;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the customer and invoice documents payment histories are derived from, decoded
 * straight into {@link StoredCustomer} and {@link StoredInvoice} by
 * {@link StoredDocumentCodecs} and projected to the fields they use: re-scoring reads
 * every invoice of the portfolio, and mapping each to the ledger's {@link Invoice} entity
 * cost more than reading it. The queries are those of the customer and ledger services'
 * own readers (customers by id, a page at a time; invoices by customer and invoice date),
 * and {@code StoredDocumentsIntegrationTests} holds the facts built from these documents
 * equal to those built from the mapped entities. Read only.
 */
@Component
class LedgerDocuments {

	private static final Bson CUSTOMER_FIELDS = Projections.include("_id", "segment", "creditCurrency", "createdAt",
			"creditLimit", "limitHistory");

	private static final Bson INVOICE_FIELDS = Projections.include("_id", "customerId", "invoiceDate", "dueDate",
			"creditAmount", "issuedAt", "applications");

	private static final Bson BY_CUSTOMER_AND_DATE = Sorts.ascending("customerId", "invoiceDate");

	private final MongoTemplate mongo;

	private final String customers;

	private final String invoices;

	LedgerDocuments(MongoTemplate mongo) {
		this.mongo = mongo;
		this.customers = mongo.getCollectionName(Customer.class);
		this.invoices = mongo.getCollectionName(Invoice.class);
	}

	/**
	 * Hands every customer (of {@code segment}, when given) to {@code consumer} in pages
	 * of {@code batchSize}, by ascending id.
	 */
	void forEachPage(Optional<String> segment, int batchSize, Consumer<List<StoredCustomer>> consumer) {
		String after = null;
		while (true) {
			List<Bson> criteria = new ArrayList<>(2);
			if (after != null) {
				criteria.add(Filters.gt("_id", storedId(after)));
			}
			segment.ifPresent(s -> criteria.add(Filters.eq("segment", s)));
			Bson filter = criteria.isEmpty() ? Filters.empty() : Filters.and(criteria);
			List<StoredCustomer> page = this.mongo.execute(this.customers,
					collection -> customers(collection).find(filter)
						.projection(CUSTOMER_FIELDS)
						.sort(Sorts.ascending("_id"))
						.limit(batchSize)
						.into(new ArrayList<>(batchSize)));
			if (page.isEmpty()) {
				return;
			}
			consumer.accept(page);
			if (page.size() < batchSize) {
				return;
			}
			after = page.get(page.size() - 1).id();
		}
	}

	/** The customers of these ids that exist, by id. */
	List<StoredCustomer> customers(Collection<String> ids) {
		List<Object> stored = new ArrayList<>(ids.size() * 2);
		for (String id : ids) {
			// Spring Data stores a String id that is a valid ObjectId as one: ask for
			// both forms, as a mapped query of either would.
			stored.add(id);
			if (ObjectId.isValid(id)) {
				stored.add(new ObjectId(id));
			}
		}
		return this.mongo.execute(this.customers,
				collection -> customers(collection).find(Filters.in("_id", stored))
					.projection(CUSTOMER_FIELDS)
					.sort(Sorts.ascending("_id"))
					.into(new ArrayList<>()));
	}

	/**
	 * Every invoice of these customers, by customer and invoice date; the ids also as a
	 * range ahead of the list, as the ledger's own reader asks.
	 */
	List<StoredInvoice> invoicesOf(Collection<String> customerIds) {
		if (customerIds.isEmpty()) {
			return List.of();
		}
		Bson filter = Filters.and(Filters.gte("customerId", Collections.min(customerIds)),
				Filters.lte("customerId", Collections.max(customerIds)), Filters.in("customerId", customerIds));
		return invoices(filter);
	}

	/**
	 * Every invoice whose customer id lies between {@code lowest} and {@code highest}
	 * (both included, compared as strings), by customer and invoice date.
	 */
	List<StoredInvoice> invoicesOfRange(String lowest, String highest) {
		return invoices(Filters.and(Filters.gte("customerId", lowest), Filters.lte("customerId", highest)));
	}

	private List<StoredInvoice> invoices(Bson filter) {
		return this.mongo.execute(this.invoices,
				collection -> invoices(collection).find(filter)
					.projection(INVOICE_FIELDS)
					.sort(BY_CUSTOMER_AND_DATE)
					.into(new ArrayList<>()));
	}

	private static Object storedId(String id) {
		return ObjectId.isValid(id) ? new ObjectId(id) : id;
	}

	private static MongoCollection<StoredCustomer> customers(MongoCollection<?> collection) {
		return collection.withCodecRegistry(CodecRegistries.fromRegistries(
				CodecRegistries.fromCodecs(new StoredDocumentCodecs.CustomerCodec()), collection.getCodecRegistry()))
			.withDocumentClass(StoredCustomer.class);
	}

	private static MongoCollection<StoredInvoice> invoices(MongoCollection<?> collection) {
		return collection
			.withCodecRegistry(CodecRegistries.fromRegistries(
					CodecRegistries.fromCodecs(new StoredDocumentCodecs.InvoiceCodec()), collection.getCodecRegistry()))
			.withDocumentClass(StoredInvoice.class);
	}

}
