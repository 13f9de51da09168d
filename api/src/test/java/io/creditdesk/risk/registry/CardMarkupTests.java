package io.creditdesk.risk.registry;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.risk.registry.CardMarkup.Finding;
import io.creditdesk.risk.registry.CardMarkup.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A model card's texts are markdown without raw HTML: a tag, a comment or declaration, or
 * a link to a script or inline data is refused, naming it and its line; ordinary markdown
 * (autolinks, {@code <} in text, tags in code) passes. Before, a card was stored and
 * returned as sent, and a client rendering {@code cardMarkdown} ran its HTML.
 */
class CardMarkupTests {

	/** {@code ⏎} stands for a line break, {@code ⇥} for a tab. */
	private static String text(String table) {
		return table.replace("⏎", "\n").replace("⇥", "\t");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			<script>alert(1)</script>                        | TAG  | <script>      | 1
			Credit risk.⏎<img src=x onerror=alert(1)>        | TAG  | <img>         | 2
			a⏎b⏎<iframe src="https://evil.example"></iframe> | TAG  | <iframe>      | 3
			Use with care</div>                              | TAG  | </div>        | 1
			<IMG SRC=x>                                      | TAG  | <img>         | 1
			a<b and c>d                                      | TAG  | <b>           | 1
			hover <a⏎href="javascript:alert(1)">here</a>     | TAG  | <a>           | 1
			text <br/> more                                  | TAG  | <br>          | 1
			ends with <details                               | TAG  | <details>     | 1
			<x-widget>                                       | TAG  | <x-widget>    | 1
			<!-- hidden -->                                  | TAG  | <!--          | 1
			<!doctype html>                                  | TAG  | <!DOCTYPE     | 1
			<![CDATA[ x ]]>                                  | TAG  | <![CDATA[     | 1
			<?php echo 1; ?>                                 | TAG  | <?            | 1
			`code` then <b>bold</b>                          | TAG  | <b>           | 1
			`unclosed <b>                                    | TAG  | <b>           | 1
			``one`` `two <b>`` three                         | TAG  | <b>           | 1
			\\\\<b>                                          | TAG  | <b>           | 1
			- item⏎  ```⏎<script>⏎  ```                      | TAG  | <script>      | 3
			```⏎code⏎```⏎<script>                            | TAG  | <script>      | 4
			[click](javascript:alert(1))                     | LINK | javascript:   | 1
			[click](JavaScript:alert(1))                     | LINK | javascript:   | 1
			![chart](data:image/svg+xml;base64,PHN2Zz4=)     | LINK | data:         | 1
			[click]( <javascript:alert(1)>)                  | LINK | javascript:   | 1
			a⏎[click](⏎javascript:alert(1))                  | LINK | javascript:   | 3
			[click](java&#115;cript:alert(1))                | LINK | javascript:   | 1
			[click](javascript&colon;alert(1))               | LINK | javascript:   | 1
			[click](javascript&#x3A;alert(1))                | LINK | javascript:   | 1
			[click](<java⇥script:alert(1)>)                  | LINK | javascript:   | 1
			[click](java&Tab;script:alert(1))                | LINK | javascript:   | 1
			[click](javascript\\:alert(1))                   | LINK | javascript:   | 1
			[click](vbscript:msgbox)                         | LINK | vbscript:     | 1
			[click][x]⏎⏎[x]: javascript:alert(1)             | LINK | javascript:   | 3
			<javascript:alert(1)>                            | LINK | javascript:   | 1
			<DATA:text/html,x>                               | LINK | data:         | 1
			""")
	void markupIsFoundWithItsLine(String table, Kind kind, String what, int line) {
		assertThat(CardMarkup.first(text(table))).contains(new Finding(kind, what, line));
	}

	@ParameterizedTest
	@ValueSource(strings = { "Scores SMB and enterprise customers monthly.", "PD < 5 % and LGD > 40 %", "1<2, 3>2",
			"a < b and c > d", "<https://example.com/models/credit-risk>", "<mailto:risk@example.com>",
			"<risk@example.com>", "[the policy](https://example.com/policy) and [ref][p]⏎⏎[p]: https://example.com",
			"![chart](https://example.com/chart.png \"Chart\")", "`<script>` is not run", "``a `<b>` c``",
			"```html⏎<script>alert(1)</script>⏎<img src=x onerror=alert(1)>⏎```", "~~~⏎<iframe>⏎~~~⏎after the block",
			"````⏎```⏎<b>⏎````", "\\<b> is escaped", "Data: 120 rows, data: javascript: in text",
			"[data](https://example.com/data:1)", "a <-- b, x <= y", "<!- not a comment",
			"**bold** _em_ # heading⏎- item⏎> quote", "" })
	void ordinaryMarkdownPasses(String table) {
		assertThat(CardMarkup.first(text(table))).isEmpty();
	}

	@Test
	void aCardIsRefusedNamingItsEntryTheTagAndTheLine() {
		Map<String, Object> card = Map.of("model", "credit-risk", "data", Map.of("licence", "CC-BY 4.0"), "intendedUse",
				"Monthly scores.\nSee <img src=x onerror=alert(1)>");
		assertThatThrownBy(() -> CardMarkup.check(card)).isInstanceOfSatisfying(CreditDeskException.class, ex -> {
			assertThat(ex.errors()).singleElement().satisfies(error -> {
				assertThat(error.code().code()).isEqualTo("MARKUP_NOT_ALLOWED");
				assertThat(error.field()).isEqualTo("card");
				assertThat(error.message())
					.startsWith("The model card's 'intendedUse' holds the HTML tag <img> on line 2");
				assertThat(error.message(Locale.GERMAN))
					.startsWith("Der Eintrag 'intendedUse' der Modellkarte enthält in Zeile 2 das HTML-Tag <img>");
			});
		});
	}

	@Test
	void textsInsideEntriesAndListsAreCheckedAndNamed() {
		Map<String, Object> card = Map.of("data", Map.of("licence", "see [terms](javascript:alert(1))"));
		assertThatThrownBy(() -> CardMarkup.check(card)).isInstanceOfSatisfying(CreditDeskException.class,
				ex -> assertThat(ex.errors().get(0).message())
					.startsWith("The model card's 'data.licence' links to a javascript: address on line 1"));
		Map<String, Object> list = Map.of("protectedAttributesExcluded", List.of("sex", "age<script>"));
		assertThatThrownBy(() -> CardMarkup.check(list)).isInstanceOfSatisfying(CreditDeskException.class,
				ex -> assertThat(ex.errors().get(0).message()).contains("'protectedAttributesExcluded[1]'"));
	}

	@Test
	void aCardOfNumbersAndMarkdownPasses() {
		assertThatCode(() -> CardMarkup
			.check(Map.of("metrics", Map.of("auc", 0.91), "gradeTable", List.of(Map.of("grade", "A", "count", 12)),
					"intendedUse", "Scores < 0.05 are grade A; see <https://example.com>.")))
			.doesNotThrowAnyException();
	}

}
