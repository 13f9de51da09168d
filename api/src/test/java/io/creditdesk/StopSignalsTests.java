package io.creditdesk;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A SIGTERM is a normal stop: every shutdown hook runs and the exit code is 0, also when
 * a second SIGTERM comes while the first is being handled (the Maven plugin sends one 5 s
 * after an interrupt; without this the service ended with 143 and {@code spring-boot:run}
 * with BUILD FAILURE).
 */
@DisabledOnOs(OS.WINDOWS)
class StopSignalsTests {

	@Test
	void sigtermRunsTheShutdownHooksAndEndsWithExitCodeZero() throws Exception {
		Process process = new ProcessBuilder(
				System.getProperty("java.home") + File.separator + "bin" + File.separator + "java", "-cp",
				System.getProperty("java.class.path"), StopSignalsProbe.class.getName())
			.redirectErrorStream(true)
			.start();
		List<String> output = new ArrayList<>();
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				output.add(line);
				if (line.equals("ready")) {
					process.toHandle().destroy(); // SIGTERM (Process.destroy would also
													// close our end of its output)
					Thread.sleep(300);
					process.toHandle().destroy(); // and again while the hook runs
				}
			}
		}
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(output).contains("ready", "shutdown hook done");
		assertThat(process.exitValue()).isZero();
	}

}
