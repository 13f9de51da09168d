package io.creditdesk;

/**
 * A JVM with the service's stop handling and a shutdown hook that takes a while, as the
 * service's own do (closing the embedded broker and store): started by
 * {@link StopSignalsTests}.
 */
public final class StopSignalsProbe {

	private StopSignalsProbe() {
	}

	public static void main(String[] args) throws InterruptedException {
		StopSignals.install();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				Thread.sleep(1500);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			System.out.println("shutdown hook done");
		}));
		System.out.println("ready");
		Thread.sleep(120_000);
	}

}
