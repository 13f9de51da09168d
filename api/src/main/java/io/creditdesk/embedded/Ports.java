package io.creditdesk.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Finds a free loopback port, starting at a preferred one. */
final class Ports {

	private static final int ATTEMPTS = 50;

	private Ports() {
	}

	static int firstFree(int preferred) {
		if (preferred == 0) {
			return anyFree();
		}
		for (int port = preferred; port < preferred + ATTEMPTS && port < 65536; port++) {
			if (isFree(port)) {
				return port;
			}
		}
		return anyFree();
	}

	/**
	 * A free loopback port other than {@code taken}: the operating system may hand out a
	 * port it just gave (the first one's socket is closed again), and the broker refuses
	 * a listener and its controller on one port.
	 */
	static int anyFreeExcept(int taken) {
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			int port = anyFree();
			if (port != taken) {
				return port;
			}
		}
		throw new IllegalStateException("No free loopback port other than " + taken);
	}

	private static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int anyFree() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("No free loopback port", ex);
		}
	}

}
