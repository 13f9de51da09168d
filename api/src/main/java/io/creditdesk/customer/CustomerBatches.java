package io.creditdesk.customer;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.bson.Document;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Reads customers with their credit-limit history a page at a time, in id order, for work
 * over the whole portfolio (payment histories and scores): never the whole portfolio in
 * memory. Read only.
 */
@Component
public class CustomerBatches {

	private final MongoTemplate mongo;

	CustomerBatches(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** A customer and every limit it was approved, oldest first. */
	public record CustomerCredit(Customer customer, List<CreditLimitChange> limitHistory) {
	}

	/**
	 * Hands every customer (of {@code segment}, when given) to {@code consumer} in pages
	 * of {@code batchSize}, by ascending id.
	 */
	public void forEach(Optional<String> segment, int batchSize, Consumer<List<CustomerCredit>> consumer) {
		String after = null;
		while (true) {
			Query page = new Query().with(Sort.by("_id")).limit(batchSize);
			if (after != null) {
				page.addCriteria(Criteria.where("_id").gt(after));
			}
			segment.ifPresent(s -> page.addCriteria(Criteria.where("segment").is(s)));
			List<CustomerCredit> batch = read(page);
			if (batch.isEmpty()) {
				return;
			}
			consumer.accept(batch);
			if (batch.size() < batchSize) {
				return;
			}
			after = batch.get(batch.size() - 1).customer().id();
		}
	}

	/** The customers of these ids that exist. */
	public List<CustomerCredit> of(Collection<String> ids) {
		return read(Query.query(Criteria.where("_id").in(ids)).with(Sort.by("_id")));
	}

	/** The customer whose external reference is {@code externalRef}. */
	public Optional<CustomerCredit> byExternalRef(String externalRef) {
		return read(Query.query(Criteria.where("externalRef").is(externalRef))).stream().findFirst();
	}

	/**
	 * A customer's id, credit currency and first day, what rows naming it need.
	 *
	 * @param id the customer's id
	 * @param creditCurrency the currency of its amounts
	 * @param customerSince the day the business relationship began (for a profile stored
	 * before it was kept, the day it was registered, as {@link Customer} reads it); null
	 * when neither is known
	 */
	public record CustomerKey(String id, String creditCurrency, LocalDate customerSince) {
	}

	/**
	 * The ids and credit currencies of the customers whose external references are among
	 * {@code refs}, by reference (references without a customer are absent); a thousand a
	 * query.
	 */
	public Map<String, CustomerKey> byExternalRefs(Collection<String> refs) {
		Map<String, CustomerKey> ids = new HashMap<>();
		List<String> chunk = new ArrayList<>(1000);
		for (String ref : refs) {
			chunk.add(ref);
			if (chunk.size() == 1000) {
				idsOf(chunk, ids);
				chunk.clear();
			}
		}
		if (!chunk.isEmpty()) {
			idsOf(chunk, ids);
		}
		return ids;
	}

	private void idsOf(List<String> refs, Map<String, CustomerKey> into) {
		Query query = Query.query(Criteria.where("externalRef").in(refs));
		query.fields().include("_id", "externalRef", "creditCurrency", "customerSince", "createdAt");
		for (Document d : this.mongo.find(query, Document.class, "customers")) {
			into.put(d.getString("externalRef"), new CustomerKey(String.valueOf(d.get("_id")),
					d.getString("creditCurrency"), since(d.getDate("customerSince"), d.getDate("createdAt"))));
		}
	}

	/** Dates are stored at UTC midnight by the driver's codecs. */
	private static LocalDate since(Date customerSince, Date createdAt) {
		Date first = (customerSince != null) ? customerSince : createdAt;
		return (first != null) ? LocalDate.ofInstant(first.toInstant(), ZoneOffset.UTC) : null;
	}

	private List<CustomerCredit> read(Query query) {
		List<Document> documents = this.mongo.find(query, Document.class, "customers");
		List<CustomerCredit> out = new ArrayList<>(documents.size());
		for (Document document : documents) {
			Customer customer = this.mongo.getConverter().read(Customer.class, document);
			List<CreditLimitChange> limits = new ArrayList<>();
			for (Document change : document.getList(CreditLimitChange.FIELD, Document.class, List.of())) {
				limits.add(this.mongo.getConverter().read(CreditLimitChange.class, change));
			}
			out.add(new CustomerCredit(customer, List.copyOf(limits)));
		}
		return out;
	}

}
