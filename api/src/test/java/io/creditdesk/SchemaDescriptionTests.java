package io.creditdesk;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import graphql.language.Description;
import graphql.language.EnumTypeDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ObjectTypeExtensionDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.TypeDefinition;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema is the front-end teams' documentation: every type, field and value is
 * described.
 */
class SchemaDescriptionTests {

	@Test
	void everyTypeFieldArgumentAndEnumValueHasADescription() throws IOException {
		Resource[] files = new PathMatchingResourcePatternResolver()
			.getResources("classpath*:graphql/credit/**/*.graphqls");
		assertThat(files).isNotEmpty();
		TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
		for (Resource file : files) {
			try (var reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
				registry.merge(new SchemaParser().parse(reader));
			}
		}
		List<String> missing = new ArrayList<>();
		for (TypeDefinition<?> type : registry.types().values()) {
			check(missing, type.getName(), descriptionOf(type));
			if (type instanceof ObjectTypeDefinition object) {
				object.getFieldDefinitions().forEach(f -> {
					check(missing, type.getName() + "." + f.getName(), f.getDescription());
					f.getInputValueDefinitions()
						.forEach(a -> check(missing, type.getName() + "." + f.getName() + "(" + a.getName() + ")",
								a.getDescription()));
				});
			}
			if (type instanceof InputObjectTypeDefinition input) {
				input.getInputValueDefinitions()
					.forEach(f -> check(missing, type.getName() + "." + f.getName(), f.getDescription()));
			}
			if (type instanceof EnumTypeDefinition enumType) {
				enumType.getEnumValueDefinitions()
					.forEach(v -> check(missing, type.getName() + "." + v.getName(), v.getDescription()));
			}
		}
		registry.scalars()
			.values()
			.stream()
			.filter(s -> s.getSourceLocation() != null)
			.forEach(s -> check(missing, s.getName(), s.getDescription()));
		registry.objectTypeExtensions()
			.values()
			.stream()
			.flatMap(List::stream)
			.forEach(ext -> ext.getFieldDefinitions().forEach(f -> {
				check(missing, ext.getName() + "." + f.getName(), f.getDescription());
				f.getInputValueDefinitions()
					.forEach(a -> check(missing, ext.getName() + "." + f.getName() + "(" + a.getName() + ")",
							a.getDescription()));
			}));
		assertThat(missing).as("schema elements without a description").isEmpty();
	}

	private static Description descriptionOf(TypeDefinition<?> type) {
		if (type instanceof ObjectTypeDefinition o && !(type instanceof ObjectTypeExtensionDefinition)) {
			return o.getDescription();
		}
		if (type instanceof InputObjectTypeDefinition i) {
			return i.getDescription();
		}
		if (type instanceof EnumTypeDefinition e) {
			return e.getDescription();
		}
		if (type instanceof ScalarTypeDefinition s) {
			return s.getDescription();
		}
		return new Description("n/a", null, false);
	}

	private static void check(List<String> missing, String element, Description description) {
		if (description == null || description.getContent() == null || description.getContent().isBlank()) {
			missing.add(element);
		}
	}

	@Test
	void noMutationCanChangeOrDeleteAuditRecords() throws IOException {
		StringBuilder all = new StringBuilder();
		for (Resource file : new PathMatchingResourcePatternResolver()
			.getResources("classpath*:graphql/credit/**/*.graphqls")) {
			all.append(file.getContentAsString(StandardCharsets.UTF_8));
		}
		TypeDefinitionRegistry registry = new SchemaParser().parse(all.toString());
		List<String> mutations = new ArrayList<>();
		registry.getType("Mutation", ObjectTypeDefinition.class)
			.ifPresent(m -> m.getFieldDefinitions().forEach(f -> mutations.add(f.getName())));
		registry.objectTypeExtensions()
			.getOrDefault("Mutation", List.of())
			.forEach(ext -> ext.getFieldDefinitions().forEach(f -> mutations.add(f.getName())));
		assertThat(mutations).isNotEmpty().noneMatch(name -> name.toLowerCase().contains("audit"));
	}

}
