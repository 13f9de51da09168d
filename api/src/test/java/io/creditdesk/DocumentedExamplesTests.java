package io.creditdesk;

import java.util.List;
import java.util.Map;

import io.creditdesk.DocumentedExamples.Example;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How the build reads the documentation's examples: markers, blocks, operations,
 * placeholders, curl.
 */
class DocumentedExamplesTests {

	@Test
	void aMarkedBlockIsAnExampleWithItsUserCapturesAssertsAndExpectedCodes() {
		List<Example> examples = DocumentedExamples.parse("README.md", List.of("Text", "",
				"<!-- example: as=sales capture=orderId:placeOrder.order.id assert=placeOrder.order.status:\"ON HOLD\" expect=X -->",
				"```graphql", "mutation { placeOrder(input: {}) { order { id } } }", "```", "", "```json", "{}",
				"```"));
		assertThat(examples).hasSize(1);
		Example example = examples.get(0);
		assertThat(example.where()).isEqualTo("README.md:4");
		assertThat(example.marker().user()).isEqualTo("sales");
		assertThat(example.marker().captures()).containsExactly(Map.entry("orderId", "placeOrder.order.id"));
		assertThat(example.marker().asserts()).containsExactly(Map.entry("placeOrder.order.status", "ON HOLD"));
		assertThat(example.marker().expected()).containsExactly("X");
		assertThat(example.marker().schemaOnly()).isFalse();
	}

	@Test
	void aGraphQlBlockWithoutAMarkerOrAMarkerWithoutABlockBreaksTheBuild() {
		assertThatThrownBy(() -> DocumentedExamples.parse("doc.md", List.of("```graphql", "{ a }", "```")))
			.hasMessageContaining("doc.md:1: a graphql block without an example marker");
		assertThatThrownBy(
				() -> DocumentedExamples.parse("doc.md", List.of("<!-- example: as=admin -->", "", "```graphql")))
			.hasMessageContaining("doc.md:1: an example marker must be right above a fenced block");
		assertThatThrownBy(() -> DocumentedExamples.parse("doc.md",
				List.of("<!-- example: as=admin mode=later -->", "```graphql", "{ a }", "```")))
			.hasMessageContaining("mode is run or schema");
	}

	@Test
	void aBlockIsSplitIntoItsOperationsAtTheTopLevel() {
		String block = """
				# 1. Comment { with braces }
				{ customer(id: "<id>") { name } }
				mutation { a(input: { text: "a } b", list: [1, 2] }) { ok } }
				subscription {
				  b { c }
				}
				""";
		assertThat(DocumentedExamples.operations(block)).containsExactly("{ customer(id: \"<id>\") { name } }",
				"mutation { a(input: { text: \"a } b\", list: [1, 2] }) { ok } }", "subscription {\n  b { c }\n}");
	}

	@Test
	void placeholdersAreFilledFromEarlierAnswersAndAnUncapturedOneFails() {
		assertThat(DocumentedExamples.substitute("{ customer(id: \"<customerId>\") { id } }",
				Map.of("customerId", "c1"), "x"))
			.isEqualTo("{ customer(id: \"c1\") { id } }");
		assertThatThrownBy(() -> DocumentedExamples.substitute("<apiKeyId>", Map.of(), "README.md:9"))
			.hasMessageContaining("README.md:9: <apiKeyId> is used before an example captures it");
	}

	@Test
	void curlCommandsAreSplitAsAShellDoes() {
		String block = """
				curl -s localhost:8080/graphql -H 'X-API-Key: cdk_1' -H "Content-Type: application/json" \\
				  -d '{"query":"{ customers(first: 5) { totalCount } }"}'
				# or: -H 'Authorization: Bearer cdk_1'
				""";
		List<String> commands = DocumentedExamples.commands(block);
		assertThat(commands).hasSize(1);
		assertThat(DocumentedExamples.shellWords(commands.get(0))).containsExactly("curl", "-s",
				"localhost:8080/graphql", "-H", "X-API-Key: cdk_1", "-H", "Content-Type: application/json", "-d",
				"{\"query\":\"{ customers(first: 5) { totalCount } }\"}");
	}

}
