package io.creditdesk.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * The file-backed embedded store in a JVM of its own, as the service opens it on embedded
 * defaults, until the process is killed ({@link DurableWritesCrashTests}). Its only
 * argument is the data directory; once it listens it writes its port to
 * {@code <dataDir>/port}.
 */
final class EmbeddedStoreProcess {

	private EmbeddedStoreProcess() {
	}

	public static void main(String[] args) throws Exception {
		// Without a logback configuration on the class path every command would be logged
		// at DEBUG.
		((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
		Path dataDir = Path.of(args[0]);
		EmbeddedMongoServer server = new EmbeddedMongoServer(
				new EmbeddedProperties(dataDir, false, 0, 0, "creditdesk", 16), BackendServer.SPARSE_FIELDS);
		Path written = dataDir.resolve("port.tmp");
		Files.writeString(written, String.valueOf(server.port()));
		Files.move(written, dataDir.resolve("port"), StandardCopyOption.ATOMIC_MOVE);
		Thread.sleep(Long.MAX_VALUE);
	}

}
