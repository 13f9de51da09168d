package io.creditdesk;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * A stop that was asked for is a normal end. On SIGTERM (a service manager, {@code kill},
 * or the Spring Boot Maven plugin stopping the service it forked when Maven itself was
 * interrupted, as an IDE's stop button or a script does) the service shuts down through
 * every shutdown hook, as on Ctrl-C, and ends with exit code 0 rather than the JVM's 143,
 * which {@code spring-boot:run} reports as "BUILD FAILURE ... exit code 143". A second
 * SIGTERM while it is stopping is ignored: the shutdown under way finishes. Installed by
 * {@link CreditDeskApplication#main} only, so tests and embedding applications keep the
 * JVM's own handling.
 */
final class StopSignals {

	private static final Logger log = LoggerFactory.getLogger(StopSignals.class);

	private static final AtomicBoolean stopping = new AtomicBoolean();

	private StopSignals() {
	}

	static void install() {
		try {
			Signal.handle(new Signal("TERM"), signal -> stop());
		}
		catch (IllegalArgumentException ex) {
			// The platform has no SIGTERM, or the JVM was started with it ignored: keep
			// the default.
			log.debug("SIGTERM handler not installed: {}", ex.getMessage());
		}
	}

	private static void stop() {
		if (stopping.compareAndSet(false, true)) {
			log.info("Stop requested (SIGTERM): shutting down");
			System.exit(0);
		}
	}

}
