package io.creditdesk.common;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.creditdesk.ledger.CreditReasonCode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Codes are types in Java and in the schema, and the two agree: every code a capability
 * declares (any enum implementing {@link ErrorCode}, found on the class path, so a new
 * capability's codes are covered the day they are written) is a value of
 * {@code UserErrorCode}, and nothing else is; the same for {@code CreditReasonCode}. The
 * wire string of a code is its constant name.
 */
class ErrorCodeTests {

	@Test
	void theSchemasUserErrorCodeIsExactlyTheCodesOfEveryCapability() throws Exception {
		Set<String> declared = new TreeSet<>();
		for (Class<? extends ErrorCode> type : errorCodeEnums()) {
			for (ErrorCode code : type.getEnumConstants()) {
				declared.add(code.code());
			}
		}
		assertThat(declared).contains("REQUIRED", "ORDER_NOT_FOUND", "BUREAU_UNAVAILABLE", "UNKNOWN_CUSTOMER",
				"REQUEST_ALREADY_DECIDED");
		assertThat(schemaValues("UserErrorCode")).isEqualTo(declared);
	}

	@Test
	void theSchemasCreditReasonCodeIsExactlyTheJavaEnum() throws IOException {
		Set<String> declared = Arrays.stream(CreditReasonCode.values())
			.map(CreditReasonCode::name)
			.collect(Collectors.toCollection(TreeSet::new));
		assertThat(declared).hasSize(20);
		assertThat(schemaValues("CreditReasonCode")).isEqualTo(declared);
	}

	@Test
	void aCodesWireStringIsItsNameAndItsMessageKeyFollowsFromIt() throws Exception {
		for (Class<? extends ErrorCode> type : errorCodeEnums()) {
			for (ErrorCode code : type.getEnumConstants()) {
				// GraphQL serialises a Java enum by its name: a different wire string
				// would not reach clients.
				assertThat(code.code()).as(type.getSimpleName()).isEqualTo(code.name());
				assertThat(code.messageKey()).isEqualTo("error." + code.name());
			}
		}
		assertThat(CreditReasonCode.OVER_HARD_CAP.messageKey()).isEqualTo("reason.OVER_HARD_CAP");
		assertThat(CreditDeskException.refuse(CommonErrorCode.STALE_VERSION, "expectedVersion", "x", 1, 2).code())
			.isEqualTo("STALE_VERSION");
	}

	@SuppressWarnings("unchecked")
	static List<Class<? extends ErrorCode>> errorCodeEnums() throws ClassNotFoundException {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
			@Override
			protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
				return true;
			}
		};
		scanner.addIncludeFilter(new AssignableTypeFilter(ErrorCode.class));
		List<Class<? extends ErrorCode>> types = new ArrayList<>();
		for (BeanDefinition candidate : scanner.findCandidateComponents("io.creditdesk")) {
			Class<?> type = ClassUtils.forName(candidate.getBeanClassName(), ErrorCodeTests.class.getClassLoader());
			if (type.isEnum()) {
				types.add((Class<? extends ErrorCode>) type);
			}
		}
		assertThat(types).hasSizeGreaterThanOrEqualTo(10);
		return types;
	}

	private static Set<String> schemaValues(String enumName) throws IOException {
		TypeDefinitionRegistry registry = new TypeDefinitionRegistry();
		for (Resource file : new PathMatchingResourcePatternResolver()
			.getResources("classpath*:graphql/credit/**/*.graphqls")) {
			try (var reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
				registry.merge(new SchemaParser().parse(reader));
			}
		}
		EnumTypeDefinition type = registry.getType(enumName, EnumTypeDefinition.class).orElseThrow();
		return type.getEnumValueDefinitions()
			.stream()
			.map(EnumValueDefinition::getName)
			.collect(Collectors.toCollection(TreeSet::new));
	}

}
