package io.creditdesk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for what the JDK's client cannot do: send from another
 * loopback address (each test its own client address, so that per-address throttles of
 * one test never touch another), or declare a body and send only its start.
 */
public final class RawHttp {

	private RawHttp() {
	}

	/** The status, headers (names in lower case) and body of one answer. */
	public record Answer(int status, Map<String, String> headers, String body) {
	}

	/**
	 * POSTs {@code body} to {@code path} from {@code from} (a loopback address such as
	 * 127.0.0.23).
	 */
	public static Answer post(int port, String from, String path, Map<String, String> headers, String body)
			throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port, InetAddress.getByName(from), 0)) {
			socket.setSoTimeout(30_000);
			StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n");
			headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
			head.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
			out.write(bytes);
			out.flush();
			return read(socket.getInputStream());
		}
	}

	/**
	 * GETs {@code path} from {@code from} (a loopback address such as 127.0.0.23).
	 */
	public static Answer get(int port, String from, String path, Map<String, String> headers) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port, InetAddress.getByName(from), 0)) {
			socket.setSoTimeout(30_000);
			StringBuilder head = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n");
			headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
			head.append("\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return read(socket.getInputStream());
		}
	}

	/**
	 * Reads one answer: status line, headers, and a body of its Content-Length (or
	 * chunked).
	 */
	public static Answer read(InputStream in) throws IOException {
		String statusLine = line(in);
		Map<String, String> headers = new LinkedHashMap<>();
		for (String line = line(in); !line.isEmpty(); line = line(in)) {
			int colon = line.indexOf(':');
			headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
		}
		byte[] body;
		if (headers.containsKey("content-length")) {
			body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
		}
		else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			ByteArrayOutputStream all = new ByteArrayOutputStream();
			for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(),
					16)) {
				all.write(in.readNBytes(size));
				line(in);
			}
			body = all.toByteArray();
		}
		else {
			body = new byte[0];
		}
		return new Answer(Integer.parseInt(statusLine.substring(9, 12)), headers,
				new String(body, StandardCharsets.UTF_8));
	}

	private static String line(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b < 0) {
				throw new IOException("Connection closed after '" + line + "'");
			}
			if (b != '\r') {
				line.append((char) b);
			}
		}
		return line.toString();
	}

}
