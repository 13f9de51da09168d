package io.creditdesk.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.creditdesk.infrastructure.KafkaReadiness;
import io.creditdesk.intake.adapter.EdiPurchaseOrderAdapter;
import io.creditdesk.intake.adapter.MarketplaceAdapter;
import io.creditdesk.intake.adapter.SalesRepCsvAdapter;
import io.creditdesk.intake.adapter.WebShopAdapter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The committed sample payloads, an intake processor over a small in-memory customer
 * directory, and the consumers.
 */
final class IntakeSamples {

	/**
	 * The customer the samples name: external reference ERP-10042, German tax id
	 * DE136695976.
	 */
	static final String SAMPLE_REF = "ERP-10042";

	static final String SAMPLE_TAX_ID = "DE136695976";

	private IntakeSamples() {
	}

	static String read(String path) {
		try (InputStream in = IntakeSamples.class.getResourceAsStream("/intake-samples/" + path)) {
			if (in == null) {
				throw new IllegalArgumentException("No sample " + path);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The intake consumers outside a Spring context, wired as the service wires them
	 * ({@link IntakeListenerConfiguration}): the listener container factory and its error
	 * handler over these consumer and producer settings.
	 */
	static IntakeConsumers consumers(IntakeProperties properties, ObjectProvider<OrderGateway> gateway,
			IntakeProcessor processor, IntakeFailureStore failures, Clock clock, ConsumerFactory<?, ?> consumers,
			ProducerFactory<?, ?> producers, ObjectProvider<MeterRegistry> meters, KafkaReadiness kafka) {
		PartitionProgress progress = new PartitionProgress(clock);
		MeterRegistry registry = meters.getIfAvailable();
		IntakeDeadLetters deadLetters = IntakeListenerConfiguration.deadLetters(properties, processor, failures, clock,
				producers, progress, registry);
		return new IntakeConsumers(properties, gateway, processor,
				IntakeListenerConfiguration.listenerContainerFactory(properties, consumers, registry,
						IntakeListenerConfiguration.errorHandler(deadLetters, properties), progress),
				progress, kafka, clock);
	}

	static IntakeProcessor processor(CustomerDirectory customers) {
		JsonMapper json = JsonMapper.builder().build();
		return new IntakeProcessor(Map.of(IntakeChannel.WEBSHOP, new WebShopAdapter(json), IntakeChannel.EDI,
				new EdiPurchaseOrderAdapter(), IntakeChannel.MARKETPLACE, new MarketplaceAdapter(json),
				IntakeChannel.SALESREP, new SalesRepCsvAdapter()), new OrderNormalizer(customers));
	}

	/**
	 * A directory holding the sample customer as {@code cust-1} (EUR). Lookups mimic the
	 * contract of {@link CustomerDirectory}: external references trimmed and compared
	 * ignoring case, tax ids compared in normalized form (the real normalization is
	 * covered by the integration tests).
	 */
	static final class Directory implements CustomerDirectory {

		private final Map<String, KnownCustomer> byRef = new HashMap<>();

		private final Map<String, KnownCustomer> byTax = new HashMap<>();

		Directory add(String id, String ref, String country, String taxId, String currency) {
			KnownCustomer customer = new KnownCustomer(id, currency);
			this.byRef.put(ref.toUpperCase(Locale.ROOT), customer);
			this.byTax.put(country + "/" + taxId, customer);
			return this;
		}

		static Directory withSampleCustomer() {
			return new Directory().add("cust-1", SAMPLE_REF, "DE", SAMPLE_TAX_ID, "EUR");
		}

		@Override
		public Optional<KnownCustomer> byExternalRef(String externalRef) {
			return Optional.ofNullable(this.byRef.get(externalRef.trim().toUpperCase(Locale.ROOT)));
		}

		/** None: its references are unique ignoring case (keyed in upper case). */
		@Override
		public List<String> sharingExternalRef(String externalRef) {
			return List.of();
		}

		@Override
		public Optional<KnownCustomer> byTaxId(String countryCode, String taxId) {
			String country = countryCode.trim().toUpperCase(Locale.ROOT);
			String normalized = taxId.trim().toUpperCase(Locale.ROOT).replaceAll("[\\s.\\-/]", "");
			if (!normalized.startsWith(country)) {
				normalized = country + normalized;
			}
			return Optional.ofNullable(this.byTax.get(country + "/" + normalized));
		}

	}

}
