package io.creditdesk.graphql;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import graphql.ErrorType;
import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.GraphQlClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A document refused for what is written in it (a syntax error, a field, argument,
 * variable, type or fragment that is not there, a selection, which operation to run)
 * reads as a refused argument does: a stable code, the name of what was refused in an
 * extension, the catalogue's sentence in the caller's language, graphql-java's
 * classification and locations (before: graphql-java's validator or parser text, no code,
 * nothing named).
 */
@CreditDeskIntegrationTest
class DocumentRefusalsIntegrationTests {

	private static final String PAGE = "customers(first: 1) { totalCount }";

	@Autowired
	private HttpGraphQlTester graphQl;

	@LocalServerPort
	private int port;

	/**
	 * One case: the document (and operation name) sent, the classification, the (first)
	 * location ({@code line:column}, or null), the code, the extensions that name what
	 * was refused, the English and the German sentence.
	 */
	record Case(String document, String operationName, ErrorType classification, String location, String code,
			Map<String, Object> names, String english, String german) {

		@Override
		public String toString() {
			return this.code + " " + this.document + ((this.operationName != null) ? " / " + this.operationName : "");
		}

	}

	static Stream<Case> cases() {
		return Stream.of(
				new Case("{ customer(id: \"x\" { id } }", null, ErrorType.InvalidSyntax, "1:20", "INVALID_SYNTAX",
						Map.of("token", "{"),
						"The document is not valid GraphQL: '{' at line 1, column 20 was not expected there.",
						"Das Dokument ist kein gültiges GraphQL: '{' in Zeile 1, Spalte 20 war dort nicht erwartet."),
				new Case("{ customer(id: \"x\") { id }", null, ErrorType.InvalidSyntax, "1:27", "INVALID_SYNTAX",
						Map.of(),
						"The document ends at line 1, column 27 before it is complete (a brace or parenthesis left open?).",
						"Das Dokument endet in Zeile 1, Spalte 27, bevor es vollständig ist (eine Klammer nicht geschlossen?)."),
				// Characters that make no token (graphql-java's lexer): where, and what.
				new Case("{ customer(id: \"abc) { id } }", null, ErrorType.InvalidSyntax, "1:16", "INVALID_SYNTAX",
						Map.of("token", "\"abc) { id } }"),
						"The document is not valid GraphQL: the string at line 1, column 16 is not closed, or holds an escape GraphQL does not know.",
						"Das Dokument ist kein gültiges GraphQL: Die Zeichenkette in Zeile 1, Spalte 16 ist nicht geschlossen oder enthält ein Escape, das GraphQL nicht kennt."),
				new Case("{ customer(id: \"x\") {\n  id ~ } }", null, ErrorType.InvalidSyntax, "2:6", "INVALID_SYNTAX",
						Map.of("token", "~"),
						"The document is not valid GraphQL: '~' at line 2, column 6 cannot be read as GraphQL.",
						"Das Dokument ist kein gültiges GraphQL: '~' in Zeile 2, Spalte 6 ist als GraphQL nicht lesbar."),
				new Case("{ customers(first: 1.e) { totalCount } }", null, ErrorType.InvalidSyntax, "1:20",
						"INVALID_SYNTAX", Map.of("token", "1.e"),
						"The document is not valid GraphQL: '1.e' at line 1, column 20 cannot be read as GraphQL.",
						"Das Dokument ist kein gültiges GraphQL: '1.e' in Zeile 1, Spalte 20 ist als GraphQL nicht lesbar."),
				new Case("{ customer(id: \"x\") { nosuch } }", null, ErrorType.ValidationError, "1:23", "UNKNOWN_FIELD",
						Map.of("field", "nosuch", "type", "Customer"), "Customer has no field 'nosuch'.",
						"Customer hat kein Feld 'nosuch'."),
				new Case("{ customers(foo: 1) { totalCount } }", null, ErrorType.ValidationError, "1:13",
						"UNKNOWN_ARGUMENT", Map.of("argument", "foo"),
						"Field Query.customers has no argument 'foo' (its arguments: filter, first, after).",
						"Das Feld Query.customers hat kein Argument 'foo' (seine Argumente: filter, first, after)."),
				new Case("{ customer(id: \"x\") { id @include(if: true, iff: true) } }", null,
						ErrorType.ValidationError, "1:45", "UNKNOWN_ARGUMENT", Map.of("argument", "iff"),
						"Directive @include has no argument 'iff'.", "Die Direktive @include hat kein Argument 'iff'."),
				new Case("{ customer(id: \"x\") }", null, ErrorType.ValidationError, "1:3", "SELECTION_REQUIRED",
						Map.of("field", "customer"),
						"Field Query.customer returns Customer: select the fields you want from it.",
						"Das Feld Query.customer liefert Customer: Wählen Sie die gewünschten Felder daraus aus."),
				new Case("{ customer(id: \"x\") { id { value } } }", null, ErrorType.ValidationError, "1:23",
						"SELECTION_NOT_ALLOWED", Map.of("field", "id"),
						"Field Customer.id returns ID!, which has no fields to select.",
						"Das Feld Customer.id liefert ID!, das keine Felder zum Auswählen hat."),
				new Case("query Q { customer(id: $x) { id } }", null, ErrorType.ValidationError, "1:24",
						"UNKNOWN_VARIABLE", Map.of("variable", "x"),
						"Variable 'x' is used but the operation does not declare it.",
						"Die Variable 'x' wird verwendet, aber die Operation deklariert sie nicht."),
				new Case("query Q($x: ID) { " + PAGE + " }", null, ErrorType.ValidationError, "1:9", "UNUSED_VARIABLE",
						Map.of("variable", "x"), "Variable 'x' is declared but never used.",
						"Die Variable 'x' ist deklariert, wird aber nie verwendet."),
				new Case("query Q($x: Nope) { customer(id: $x) { id } }", null, ErrorType.ValidationError, "1:13",
						"UNKNOWN_TYPE", Map.of("type", "Nope"), "The schema has no type 'Nope'.",
						"Das Schema hat keinen Typ 'Nope'."),
				new Case("{ customer(id: \"x\") { ...F } }", null, ErrorType.ValidationError, "1:23",
						"UNKNOWN_FRAGMENT", Map.of("fragment", "F"),
						"Fragment 'F' is spread but the document does not define it.",
						"Das Fragment 'F' wird eingesetzt, aber das Dokument definiert es nicht."),
				new Case("query Q { " + PAGE + " } query Q { " + PAGE + " }", "Q", ErrorType.ValidationError, "1:48",
						"AMBIGUOUS_OPERATION", Map.of("operation", "Q"),
						"The document has more than one operation named 'Q'.",
						"Das Dokument hat mehr als eine Operation namens 'Q'."),
				new Case("{ " + PAGE + " } query Q { " + PAGE + " }", "Q", ErrorType.ValidationError, "1:40",
						"AMBIGUOUS_OPERATION", Map.of(),
						"An operation without a name must be the only one in the document: give each operation a name.",
						"Eine Operation ohne Namen muss die einzige im Dokument sein: Geben Sie jeder Operation einen Namen."),
				new Case("query Q { " + PAGE + " } query P { " + PAGE + " }", null, ErrorType.ValidationError, null,
						"AMBIGUOUS_OPERATION", Map.of(),
						"The document has several operations (Q, P): name the one to run in operationName.",
						"Das Dokument hat mehrere Operationen (Q, P): Nennen Sie die auszuführende in operationName."),
				new Case("query Q { " + PAGE + " }", "R", ErrorType.ValidationError, null, "UNKNOWN_OPERATION",
						Map.of("operation", "R"), "The document has no operation named 'R' (its operations: Q).",
						"Das Dokument hat keine Operation namens 'R' (seine Operationen: Q)."),
				new Case("{ customer(id: \"x\") { id @foo } }", null, ErrorType.ValidationError, "1:26",
						"UNKNOWN_DIRECTIVE", Map.of("directive", "foo"), "The schema has no directive @foo.",
						"Das Schema hat keine Direktive @foo."),
				// Any other rule: its name, where.
				new Case("{ a: customer(id: \"x\") { id } a: " + PAGE + " }", null, ErrorType.ValidationError, "1:3",
						"INVALID_DOCUMENT", Map.of("rule", "FieldsConflict"),
						"The document breaks the GraphQL rule FieldsConflict at line 1, column 3.",
						"Das Dokument verletzt in Zeile 1, Spalte 3 die GraphQL-Regel FieldsConflict."));
	}

	@ParameterizedTest
	@MethodSource("cases")
	void aRefusedDocumentHasACodeNamesWhatWasRefusedAndReadsInTheCallersLanguage(Case refused) {
		for (String language : new String[] { null, "de" }) {
			ResponseError error = onlyError(language, refused.document(), refused.operationName());
			assertThat(error.getMessage()).as(language)
				.isEqualTo((language == null) ? refused.english() : refused.german());
			assertThat(error.getErrorType()).isEqualTo(refused.classification());
			assertThat(error.getExtensions()).containsEntry("code", refused.code())
				.containsAllEntriesOf(refused.names());
			if (refused.location() != null) {
				assertThat(error.getLocations()).isNotEmpty()
					.first()
					.satisfies(at -> assertThat(at.getLine() + ":" + at.getColumn()).isEqualTo(refused.location()));
			}
		}
	}

	/**
	 * What names nothing has no such extension: a syntax error at the end has no token.
	 */
	@Test
	void aDocumentThatEndsTooEarlyNamesNoToken() {
		ResponseError error = onlyError(null, "{ customer(id: \"x\") { id }", null);
		assertThat(error.getExtensions()).containsEntry("code", "INVALID_SYNTAX").doesNotContainKey("token");
	}

	/**
	 * Each error of a document is told on its own: a refused argument's literal
	 * ({@link ArgumentRefusals}) beside an unknown field.
	 */
	@Test
	void aRefusedLiteralAndAnUnknownFieldAreEachTold() {
		List<ResponseError> errors = errors("de",
				"{ customers(first: 1) { nothingHere } portfolioKpis(to: \"2026-13-45\") { days } }", null);
		assertThat(errors).extracting(error -> error.getExtensions().get("code"))
			.containsExactlyInAnyOrder("UNKNOWN_FIELD", "INVALID_DATE");
		assertThat(errors).filteredOn(error -> "UNKNOWN_FIELD".equals(error.getExtensions().get("code")))
			.singleElement()
			.satisfies(error -> {
				assertThat(error.getMessage()).isEqualTo("CustomerConnection hat kein Feld 'nothingHere'.");
				assertThat(error.getExtensions()).containsEntry("field", "nothingHere")
					.containsEntry("type", "CustomerConnection");
			});
	}

	/**
	 * The answer stays a GraphQL request error over HTTP, as it was: no server error, an
	 * {@code errors} array with the code and no {@code data}, whichever of the two media
	 * types the client accepts.
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			application/json                  | { customer(id: \\"x\\" { id } }              | INVALID_SYNTAX
			application/graphql-response+json | { customer(id: \\"x\\" { id } }              | INVALID_SYNTAX
			application/json                  | { customer(id: \\"x\\") { nosuch } }         | UNKNOWN_FIELD
			application/graphql-response+json | { customer(id: \\"x\\") { nosuch } }         | UNKNOWN_FIELD
			""")
	void overHttpARefusedDocumentIsARequestError(String accept, String query, String code) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/graphql"))
			.header("Content-Type", "application/json")
			.header("Accept", accept)
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString("admin:demo".getBytes(StandardCharsets.UTF_8)))
			.POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"" + query + "\"}"))
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(accept.equals("application/json") ? 200 : 400);
		assertThat(response.body()).startsWith("{\"errors\":[{")
			.contains("\"code\":\"" + code + "\"")
			.doesNotContain("\"data\"");
	}

	private ResponseError onlyError(String language, String document, String operationName) {
		List<ResponseError> errors = errors(language, document, operationName);
		assertThat(errors).as("errors of %s in %s", document, language).hasSize(1);
		return errors.get(0);
	}

	private List<ResponseError> errors(String language, String document, String operationName) {
		HttpGraphQlTester.Request<?> request = GraphQlClients.as(this.graphQl, "admin", language).document(document);
		if (operationName != null) {
			request.operationName(operationName);
		}
		List<ResponseError> errors = new ArrayList<>();
		request.execute().errors().satisfy(errors::addAll);
		return errors;
	}

}
