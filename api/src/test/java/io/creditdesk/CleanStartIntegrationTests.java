package io.creditdesk;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service as command 1 runs it, in a JVM of its own with the shipped logging settings
 * and a new data directory: a clean start logs no warning but the demo users' one (which
 * asks for action in production), and a SIGTERM stops it normally, with exit code 0.
 */
@DisabledOnOs(OS.WINDOWS)
class CleanStartIntegrationTests {

	@Test
	void aCleanStartWarnsOnlyOfTheDemoUsersAndAStopIsNormal(@TempDir Path data) throws Exception {
		Process service = new ProcessBuilder(
				System.getProperty("java.home") + File.separator + "bin" + File.separator + "java", "-Xmx512m", "-cp",
				System.getProperty("java.class.path"), CreditDeskApplication.class.getName(), "--server.port=0",
				"--creditdesk.embedded.mongo-port=0", "--creditdesk.embedded.kafka-port=0",
				"--creditdesk.embedded.data-dir=" + data, "--spring.main.banner-mode=off")
			.redirectErrorStream(true)
			.start();
		List<String> lines = new CopyOnWriteArrayList<>();
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch consuming = new CountDownLatch(1);
		Thread reader = new Thread(() -> read(service, lines, started, consuming), "service-output");
		reader.start();
		try {
			assertThat(started.await(180, TimeUnit.SECONDS)).as("started: %s", lines).isTrue();
			assertThat(consuming.await(60, TimeUnit.SECONDS)).as("order intake consuming: %s", lines).isTrue();
			// The warnings of a start came within a second of it: the consumers' first
			// look for their topics.
			Thread.sleep(5000);
			List<String> warnings = lines.stream()
				.filter(line -> line.contains(" WARN ") || line.contains(" ERROR "))
				.toList();
			assertThat(warnings).as("warnings and errors of a clean start").hasSize(1);
			assertThat(warnings.get(0)).contains("SECURITY: demo users are enabled");
			service.toHandle().destroy(); // SIGTERM
			assertThat(service.waitFor(120, TimeUnit.SECONDS)).isTrue();
			assertThat(service.exitValue()).as("exit code of a stop on SIGTERM").isZero();
		}
		finally {
			service.destroyForcibly();
			reader.join(10_000);
		}
		assertThat(Files.exists(data.resolve("mongo"))).isTrue();
	}

	private static void read(Process service, List<String> lines, CountDownLatch started, CountDownLatch consuming) {
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(service.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = output.readLine()) != null) {
				lines.add(line);
				if (line.contains("Started CreditDeskApplication")) {
					started.countDown();
				}
				if (line.contains("Order intake consumes")) {
					consuming.countDown();
				}
			}
		}
		catch (IOException ex) {
			lines.add("(output closed: " + ex.getMessage() + ")");
		}
	}

}
