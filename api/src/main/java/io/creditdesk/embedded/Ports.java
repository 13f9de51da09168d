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
