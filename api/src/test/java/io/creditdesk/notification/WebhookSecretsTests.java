package io.creditdesk.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Where the webhook encryption key comes from: configuration, a key file generated in the
 * data directory on the first start without one (and read again at the next), never
 * nothing where one is required: the {@code prod} profile does not start without it.
 */
class WebhookSecretsTests {

	@TempDir
	Path data;

	private static final String SECRET = WebhookSignature.newSecret();

	private static final String ID = "sub-1";

	@Test
	void withoutAKeyOneIsGeneratedIntoTheDataDirectoryAndReadAgainAfterARestart() throws Exception {
		Path file = this.data.resolve("nested").resolve("webhook-encryption.key");
		WebhookEncryptionProperties properties = new WebhookEncryptionProperties(null, List.of(), false, file);
		String sealed = WebhookSecrets.cipher(properties).seal(ID, SECRET);
		assertThat(Base64.getDecoder().decode(Files.readString(file).trim())).hasSize(32);
		if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		}
		// The next start reads the same key: what was sealed opens.
		assertThat(WebhookSecrets.cipher(properties).open(ID, sealed)).isEqualTo(SECRET);
	}

	@Test
	void aConfiguredKeyIsUsedAndNoFileIsWritten() throws Exception {
		String key = newKey();
		Path file = this.data.resolve("webhook-encryption.key");
		String sealed = WebhookSecrets.cipher(new WebhookEncryptionProperties(key, List.of(), true, file))
			.seal(ID, SECRET);
		assertThat(file).doesNotExist();
		// Another instance given the same key opens it.
		assertThat(WebhookSecrets.cipher(new WebhookEncryptionProperties(key, null, true, file)).open(ID, sealed))
			.isEqualTo(SECRET);
	}

	@Test
	void aRequiredKeyThatIsMissingOrMalformedStopsTheStartWithHowToMakeOne() {
		Path file = this.data.resolve("webhook-encryption.key");
		assertThatIllegalStateException()
			.isThrownBy(() -> WebhookSecrets.cipher(new WebhookEncryptionProperties(" ", List.of(), true, file)))
			.withMessageContaining("CREDITDESK_WEBHOOKS_ENCRYPTION_KEY")
			.withMessageContaining("openssl rand -base64 32");
		assertThat(file).doesNotExist();
		String short16 = Base64.getEncoder().encodeToString(new byte[16]);
		assertThatIllegalStateException()
			.isThrownBy(() -> WebhookSecrets.cipher(new WebhookEncryptionProperties(short16, List.of(), false, file)))
			.withMessageContaining("32 bytes")
			.withMessageContaining("openssl rand -base64 32");
		assertThatIllegalStateException()
			.isThrownBy(() -> WebhookSecrets
				.cipher(new WebhookEncryptionProperties(newKey(), List.of("not base64!"), false, file)))
			.withMessageContaining("previous-encryption-keys");
	}

	@Test
	void anUnreadableSecretIsCountedAndGivesNoSecret() {
		MeterRegistry meters = new SimpleMeterRegistry();
		WebhookSecrets secrets = new WebhookSecrets(
				new WebhookEncryptionProperties(newKey(), List.of(), true, this.data.resolve("k")), meters);
		String elsewhere = WebhookSecrets
			.cipher(new WebhookEncryptionProperties(newKey(), List.of(), true, this.data.resolve("k")))
			.seal(ID, SECRET);
		assertThat(secrets.signingSecret(subscription(elsewhere))).isEmpty();
		assertThat(meters.counter(WebhookSecrets.UNREADABLE_METRIC, "cause", "UNKNOWN_KEY").count()).isEqualTo(1);
		assertThat(secrets.signingSecret(subscription(secrets.seal(ID, SECRET)))).contains(SECRET);
	}

	@Test
	void theProdProfileDoesNotStartWithoutAKey() {
		// The data directory a test may write to, should a key file be generated after
		// all.
		new ApplicationContextRunner().withInitializer(context -> shipped(context.getEnvironment()))
			.withSystemProperties("CREDITDESK_DATA_DIR=" + this.data)
			.withUserConfiguration(Secrets.class)
			.run(context -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining(
							"creditdesk.webhooks.encryption-key (CREDITDESK_WEBHOOKS_ENCRYPTION_KEY) " + "is not set")
					.hasMessageContaining("openssl rand -base64 32");
			});
		String key = newKey();
		new ApplicationContextRunner().withInitializer(context -> shipped(context.getEnvironment()))
			.withSystemProperties("CREDITDESK_WEBHOOKS_ENCRYPTION_KEY=" + key, "CREDITDESK_DATA_DIR=" + this.data)
			.withUserConfiguration(Secrets.class)
			.run(context -> assertThat(context).hasNotFailed().hasSingleBean(WebhookSecrets.class));
	}

	@Test
	void aStoppedStartReadsAsWhatIsWrongAndWhatToDo() {
		Path file = this.data.resolve("webhook-encryption.key");
		Throwable stopped = catchThrowable(
				() -> WebhookSecrets.cipher(new WebhookEncryptionProperties(null, List.of(), true, file)));
		BeanCreationException failure = new BeanCreationException("webhookSecrets", "could not be created", stopped);
		List<FailureAnalysis> analyses = SpringFactoriesLoader.forDefaultResourceLocation()
			// Boot's own analyzers that need a bean factory are skipped here.
			.load(FailureAnalyzer.class, SpringFactoriesLoader.FailureHandler.handleMessage((message, ignored) -> {
			}))
			.stream()
			.map(analyzer -> analyzer.analyze(failure))
			.filter(Objects::nonNull)
			.toList();
		assertThat(analyses).singleElement().satisfies(analysis -> {
			assertThat(analysis.getDescription())
				.startsWith("creditdesk.webhooks.encryption-key " + "(CREDITDESK_WEBHOOKS_ENCRYPTION_KEY) is not set");
			assertThat(analysis.getAction()).contains("openssl rand -base64 32");
		});
	}

	static WebhookSubscription subscription(String secret) {
		return WebhookSubscription.created(ID, "https://erp.example.com/hooks", List.of("RiskFlagRaised"), null, secret,
				"integration", Instant.EPOCH);
	}

	static String newKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

	/**
	 * The packaged configuration files as Boot layers them with the {@code prod} profile,
	 * without the machine's environment.
	 */
	private static void shipped(ConfigurableEnvironment environment) {
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		YamlPropertySourceLoader yaml = new YamlPropertySourceLoader();
		try {
			for (PropertySource<?> source : yaml.load("prod", new ClassPathResource("application-prod.yml"))) {
				environment.getPropertySources().addLast(source);
			}
			for (PropertySource<?> source : yaml.load("default", new ClassPathResource("application.yml"))) {
				environment.getPropertySources().addLast(source);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(WebhookEncryptionProperties.class)
	static class Secrets {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		WebhookSecrets webhookSecrets(WebhookEncryptionProperties properties, MeterRegistry meters) {
			return new WebhookSecrets(properties, meters);
		}

	}

}
