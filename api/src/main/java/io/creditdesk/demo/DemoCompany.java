package io.creditdesk.demo;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import io.creditdesk.customer.TaxIds;

/**
 * A plausible fictitious company with a tax id that passes its country's format check.
 */
record DemoCompany(String name, String country, String currency, String taxId, String segment, String tier,
		String industry) {

	private static final List<String> PREFIXES = List.of("Nordic", "Alpen", "Rhein", "Atlas", "Summit", "Blue River",
			"Iron Bridge", "Silverline", "Greenfield", "Harbor", "Keystone", "Meridian", "Northstar", "Oakridge",
			"Pioneer", "Quantum", "Redwood", "Sterling", "Trident", "Vanguard", "Westbrook", "Zenith", "Baltic",
			"Danube", "Elbe", "Lumen", "Orion", "Polaris", "Solano", "Tessera");

	private static final List<String> INDUSTRIES = List.of("MANUFACTURING", "RETAIL", "CONSTRUCTION", "HEALTHCARE",
			"LOGISTICS", "FOOD_BEVERAGE", "TECHNOLOGY", "AUTOMOTIVE");

	private static final Map<String, List<String>> NOUNS = Map.of("MANUFACTURING",
			List.of("Steelworks", "Precision Parts", "Machining", "Plastics", "Components"), "RETAIL",
			List.of("Stores", "Home & Garden", "Outfitters", "Trading", "Markets"), "CONSTRUCTION",
			List.of("Bau", "Builders", "Civil Works", "Roofing", "Infrastructure"), "HEALTHCARE",
			List.of("Medical Supply", "Clinics", "Pharma Distribution", "Care Systems", "Diagnostics"), "LOGISTICS",
			List.of("Logistics", "Freight", "Shipping", "Warehousing", "Transport"), "FOOD_BEVERAGE",
			List.of("Foods", "Beverages", "Bakeries", "Dairy", "Fresh Produce"), "TECHNOLOGY",
			List.of("Systems", "Software", "Electronics", "Networks", "Data Services"), "AUTOMOTIVE",
			List.of("Auto Parts", "Motors", "Fleet Services", "Drivetrain", "Mobility"));

	/**
	 * Countries in realistic shares for a European seller, with legal form and currency.
	 */
	private static final String[][] COUNTRIES = { { "DE", "GmbH", "EUR" }, { "DE", "AG", "EUR" },
			{ "DE", "GmbH", "EUR" }, { "FR", "SAS", "EUR" }, { "FR", "SARL", "EUR" }, { "NL", "B.V.", "EUR" },
			{ "IT", "S.p.A.", "EUR" }, { "ES", "S.L.", "EUR" }, { "AT", "GmbH", "EUR" }, { "BE", "NV", "EUR" },
			{ "GB", "Ltd", "GBP" }, { "US", "Inc.", "USD" } };

	/**
	 * Every currency a demo customer can have: its credit currency and the currency of
	 * its documents.
	 */
	static Set<String> currencies() {
		Set<String> currencies = new TreeSet<>();
		for (String[] country : COUNTRIES) {
			currencies.add(country[2]);
		}
		return currencies;
	}

	static DemoCompany next(Random random, int index) {
		String[] country = COUNTRIES[random.nextInt(COUNTRIES.length)];
		String industry = INDUSTRIES.get(random.nextInt(INDUSTRIES.size()));
		List<String> nouns = NOUNS.get(industry);
		String name = PREFIXES.get(random.nextInt(PREFIXES.size())) + " " + nouns.get(random.nextInt(nouns.size()))
				+ " " + country[1];
		int segmentRoll = random.nextInt(100);
		String segment = (segmentRoll < 15) ? "ENTERPRISE" : (segmentRoll < 50) ? "MID_MARKET" : "SMB";
		int tierRoll = random.nextInt(100);
		String tier = (tierRoll < 10) ? "PLATINUM" : (tierRoll < 35) ? "GOLD" : (tierRoll < 75) ? "SILVER" : "BRONZE";
		return new DemoCompany(name + " #" + index, country[0], country[2], taxId(country[0], random, index), segment,
				tier, industry);
	}

	private static String taxId(String country, Random random, int index) {
		// The index makes each id unique; the random part makes them look like real ones.
		String serial = String.format("%05d", index);
		String digits = serial + String.format("%06d", random.nextInt(1_000_000));
		return switch (country) {
			case "DE" -> {
				String eight = digits.substring(0, 8);
				yield "DE" + eight + TaxIds.germanCheckDigit(eight);
			}
			case "FR" -> "FR" + digits.substring(9, 11) + digits.substring(0, 9);
			case "NL" -> "NL" + digits.substring(0, 9) + "B01";
			case "IT" -> "IT" + digits.substring(0, 11);
			case "ES" -> "ESB" + digits.substring(0, 7) + "X";
			case "AT" -> "ATU" + digits.substring(0, 8);
			case "BE" -> "BE0" + digits.substring(0, 9);
			case "GB" -> "GB" + digits.substring(0, 9);
			case "US" -> digits.substring(0, 2) + "-" + digits.substring(2, 9);
			default -> "X" + digits;
		};
	}

}
