package io.creditdesk.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.creditdesk.common.MessageCatalogue.Days;
import io.creditdesk.common.MessageCatalogue.Phrase;
import io.creditdesk.ledger.CreditReasonCode;
import io.creditdesk.scoring.intake.RefusalCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The one message catalogue ({@code messages*.properties}), no Spring: every code has its
 * English sentence, every sentence a refusal names in the code exists, every English key
 * has a German one with the same placeholders, and figures read as the reader's language
 * writes them.
 */
class MessageCatalogueTests {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");

	// A code and a literal sentence name in the source: CODE.variant("name") or
	// CODE.variant(cond ? "a" : "b").
	private static final Pattern VARIANT = Pattern.compile("(\\w+)\\s*\\.variant\\(\\s*((?:[^;]|\\n)*?)\\)\\s*,",
			Pattern.MULTILINE);

	private static final Pattern LITERAL = Pattern.compile("\"(\\w+)\"");

	/**
	 * Every sentence is a MessageFormat pattern: a lone apostrophe opens a quote that
	 * swallows itself and every figure after it ("The bureau's change {1}" read "The
	 * bureaus change {1}"), so an apostrophe is written twice.
	 */
	@Test
	void noSentenceHoldsALoneApostrophe() throws Exception {
		Set<String> lone = new TreeSet<>();
		for (String file : List.of("messages.properties", "messages_de.properties")) {
			Properties sentences = load(file);
			for (String key : sentences.stringPropertyNames()) {
				if (sentences.getProperty(key).replace("''", "").contains("'")) {
					lone.add(file + ": " + key);
				}
			}
		}
		assertThat(lone).isEmpty();
	}

	@Test
	void everyErrorCodeAndEveryReasonCodeHasAnEnglishSentence() throws Exception {
		Properties english = load("messages.properties");
		Set<String> missing = new TreeSet<>();
		for (Class<? extends ErrorCode> type : ErrorCodeTests.errorCodeEnums()) {
			for (ErrorCode code : type.getEnumConstants()) {
				if (!english.containsKey(code.messageKey())) {
					missing.add(code.messageKey());
				}
			}
		}
		for (CreditReasonCode code : CreditReasonCode.values()) {
			if (!english.containsKey(code.messageKey())) {
				missing.add(code.messageKey());
			}
		}
		assertThat(missing).isEmpty();
	}

	/**
	 * A model upload's refusal reads from the catalogue: every code the model intake
	 * refuses with has its sentence ({@code POST /api/models}).
	 */
	@Test
	void everyModelIntakeRefusalHasASentence() throws IOException {
		Properties english = load("messages.properties");
		for (RefusalCode code : RefusalCode.values()) {
			assertThat(english).containsKey("modelUpload." + code.name());
		}
		assertThat(english).containsKeys("modelUpload.FORBIDDEN", "modelUpload.UNSUPPORTED_MEDIA_TYPE",
				"modelUpload.INVALID_CHECKSUM", "trainingSet.FORBIDDEN", "request.methodNotAllowed");
	}

	@Test
	void everySentenceARefusalNamesIsInTheCatalogue() throws IOException {
		Properties english = load("messages.properties");
		Set<String> named = new TreeSet<>();
		try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
			for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
				String source = Files.readString(file);
				Matcher variant = VARIANT.matcher(source);
				while (variant.find()) {
					Matcher literal = LITERAL.matcher(variant.group(2));
					while (literal.find()) {
						named.add("error." + variant.group(1) + "." + literal.group(1));
					}
				}
				Matcher malformed = Pattern.compile("Fields\\.malformed\\(\"(\\w+)\"").matcher(source);
				while (malformed.find()) {
					named.add("error.MALFORMED_PAYLOAD." + malformed.group(1));
				}
				Matcher bureau = Pattern.compile("BureauException\\.of\\(BureauFailure\\.(\\w+),\\s*\"(\\w+)\"")
					.matcher(source);
				while (bureau.find()) {
					named.add("error.BUREAU_" + bureau.group(1) + "." + bureau.group(2));
				}
			}
		}
		assertThat(named).hasSizeGreaterThan(50)
			.contains("error.CREDIT_CHECK_NOT_PASSED.held", "error.BUREAU_UNAVAILABLE.retryAfter");
		assertThat(named.stream().filter(key -> !english.containsKey(key))).isEmpty();
	}

	@Test
	void everyEnglishSentenceHasAGermanOneWithTheSamePlaceholders() throws IOException {
		Properties english = load("messages.properties");
		Properties german = load("messages_de.properties");
		assertThat(german.keySet()).isEqualTo(english.keySet());
		for (String key : english.stringPropertyNames()) {
			assertThat(placeholders(german.getProperty(key))).as(key).isEqualTo(placeholders(english.getProperty(key)));
			for (Properties file : List.of(english, german)) {
				// Every sentence is a pattern Java's MessageFormat reads.
				new MessageFormat(file.getProperty(key), Locale.ROOT);
			}
		}
	}

	static Stream<Arguments> figures() {
		return Stream.of(arguments(new Money(new BigDecimal("25000.00"), "EUR"), "25,000.00 EUR", "25.000,00 EUR"),
				arguments(new Money(new BigDecimal("1234567"), "JPY"), "1,234,567 JPY", "1.234.567 JPY"),
				arguments(new Money(new BigDecimal("12.345"), "BHD"), "12.345 BHD", "12,345 BHD"),
				// Money reads with its currency's decimals, whatever the scale of the
				// computation behind it: rounded half-even, as the ledger rounds money.
				arguments(new Money(new BigDecimal("8370.0000000000"), "EUR"), "8,370.00 EUR", "8.370,00 EUR"),
				arguments(new Money(new BigDecimal("-460000.0000000000"), "EUR"), "-460,000.00 EUR", "-460.000,00 EUR"),
				arguments(new Money(new BigDecimal("1672.835"), "EUR"), "1,672.84 EUR", "1.672,84 EUR"),
				arguments(new Money(new BigDecimal("1672.825"), "EUR"), "1,672.82 EUR", "1.672,82 EUR"),
				arguments(new Money(new BigDecimal("1500.4"), "JPY"), "1,500 JPY", "1.500 JPY"),
				// A refused number keeps every digit it was sent with.
				arguments(new BigDecimal("1.005"), "1.005", "1,005"),
				arguments(new BigDecimal("1e-3"), "0.001", "0,001"),
				arguments(new BigDecimal("-1.50"), "-1.50", "-1,50"), arguments(1500, "1,500", "1.500"),
				arguments(new Days(45), "45 days", "45 Tage"), arguments(new Days(1), "1 day", "1 Tag"),
				arguments(LocalDate.of(2026, 12, 31), "2026-12-31", "2026-12-31"),
				arguments(UserError.quoted("a'b"), "'a'b'", "'a'b'"),
				arguments(List.of("ISK", "SEK"), "ISK, SEK", "ISK, SEK"),
				arguments(Phrase.of("policy.level.SEGMENT", "SMB"), "segment SMB", "Segment SMB"),
				arguments(Phrase.of("policy.level.GLOBAL"), "all customers (global policy)",
						"alle Kunden (globale Richtlinie)"),
				// Never a billion digits for a refused input such as 1E+999999999.
				arguments(new BigDecimal("1E+999999999"), "1E+999999999", "1E+999999999"));
	}

	@ParameterizedTest
	@MethodSource("figures")
	void aFigureReadsAsTheReadersLanguageWritesIt(Object figure, String english, String german) {
		assertThat(MessageCatalogue.figure(Locale.ENGLISH, figure)).isEqualTo(english);
		assertThat(MessageCatalogue.figure(Locale.GERMAN, figure)).isEqualTo(german);
	}

	@Test
	void aRefusalIsWrittenInEnglishAndReadInTheCallersLanguage() {
		UserError error = UserError.of(CommonErrorCode.NEGATIVE_AMOUNT, "amount", new BigDecimal("-1250.50"));
		assertThat(error.message()).isEqualTo("amount must not be negative, got -1,250.50.");
		assertThat(error.message(Locale.GERMAN)).isEqualTo("amount darf nicht negativ sein, erhalten: -1.250,50.");
		assertThat(error.message(Locale.FRENCH)).isEqualTo(error.message());
		assertThat(error.withField("lines[0].amount").message()).startsWith("lines[0].amount must not");
		assertThat(new CreditDeskException(List.of(error)).getMessage()).startsWith("NEGATIVE_AMOUNT: amount must");
	}

	private static Set<Integer> placeholders(String pattern) {
		Matcher matcher = PLACEHOLDER.matcher(pattern);
		Set<Integer> found = new TreeSet<>();
		while (matcher.find()) {
			found.add(Integer.parseInt(matcher.group(1)));
		}
		return found;
	}

	private static Properties load(String file) {
		Properties properties = new Properties();
		try (InputStream in = MessageCatalogueTests.class.getClassLoader().getResourceAsStream(file)) {
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return properties;
	}

}
