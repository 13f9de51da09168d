package io.creditdesk.notification;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.MessageCatalogue;

/**
 * The server-side request forgery guard of webhook deliveries. A URL is admitted when it
 * is absolute {@code http} or {@code https}, names a host, carries no user information,
 * and every address its host resolves to is public: not loopback ({@code 127/8},
 * {@code ::1}), unspecified ({@code 0.0.0.0}, {@code ::}), private ({@code 10/8},
 * {@code 172.16/12}, {@code 192.168/16}, {@code fc00::/7}), link-local
 * ({@code 169.254/16} with the cloud metadata address {@code 169.254.169.254},
 * {@code fe80::/10}), shared address space ({@code 100.64/10}), {@code 0/8}, the other
 * special-purpose ranges ({@code 192.0.0/24}, the documentation ranges
 * {@code 192.0.2/24}, {@code 198.51.100/24}, {@code 203.0.113/24} and
 * {@code 2001:db8::/32}, benchmarking {@code 198.18/15}, reserved {@code 240/4}),
 * multicast or broadcast, nor any of these carried inside an IPv6 address (IPv4-mapped or
 * -compatible, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}, Teredo
 * {@code 2001::/32}; local-use NAT64 {@code 64:ff9b:1::/48} is refused whole). With
 * {@code allowPrivate} (configuration, for a test or an intranet receiver) every address
 * is admitted.
 * <p>
 * The check runs when a subscription is saved and again before each delivery, and the
 * delivery connects to the addresses checked ({@link Admitted#addresses()}), never to a
 * second lookup: otherwise a host could resolve to a public address for the check and to
 * an internal one for the connection (DNS rebinding).
 */
public final class WebhookTargets {

	/** Resolves a host name; the JDK's resolver in production, a table in tests. */
	@FunctionalInterface
	public interface Resolver {

		List<InetAddress> resolve(String host) throws UnknownHostException;

		Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

	}

	/**
	 * An admitted target.
	 *
	 * @param uri the URL
	 * @param addresses the addresses checked, which the delivery connects to
	 */
	public record Admitted(URI uri, List<InetAddress> addresses) {
	}

	private final Resolver resolver;

	private final boolean allowPrivate;

	public WebhookTargets(Resolver resolver, boolean allowPrivate) {
		this.resolver = resolver;
		this.allowPrivate = allowPrivate;
	}

	/** Admits {@code url} or refuses it with a stable code, naming {@code field}. */
	public Admitted admit(String field, String url) {
		URI uri;
		try {
			uri = new URI(url == null ? "" : url.trim());
		}
		catch (URISyntaxException ex) {
			throw invalid(field, url, null);
		}
		String scheme = (uri.getScheme() == null) ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw invalid(field, url, "scheme");
		}
		if (uri.getHost() == null || uri.getHost().isBlank()) {
			throw invalid(field, url, "host");
		}
		if (uri.getRawUserInfo() != null) {
			throw invalid(field, url, "userInfo");
		}
		String host = uri.getHost();
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		List<InetAddress> addresses;
		try {
			addresses = this.resolver.resolve(host);
		}
		catch (UnknownHostException ex) {
			throw invalid(field, url, "unresolved");
		}
		if (addresses.isEmpty()) {
			throw invalid(field, url, "unresolved");
		}
		if (!this.allowPrivate) {
			for (InetAddress address : addresses) {
				if (!isPublic(address)) {
					throw CreditDeskException.refuse(NotificationErrorCode.WEBHOOK_URL_NOT_ALLOWED, field,
							new MessageCatalogue.Quoted(url), address.getHostAddress());
				}
			}
		}
		return new Admitted(uri, List.copyOf(addresses));
	}

	/**
	 * The IPv4 ranges that are not public unicast addresses: the IANA special-purpose
	 * registry's ranges that are not globally reachable (RFC 6890 and its updates), with
	 * multicast and the reserved {@code 240/4}, which holds the broadcast address.
	 */
	private static final List<Range> NOT_PUBLIC_V4 = List.of(Range.of("0.0.0.0/8"), Range.of("10.0.0.0/8"),
			Range.of("100.64.0.0/10"), Range.of("127.0.0.0/8"), Range.of("169.254.0.0/16"), Range.of("172.16.0.0/12"),
			Range.of("192.0.0.0/24"), Range.of("192.0.2.0/24"), Range.of("192.168.0.0/16"), Range.of("198.18.0.0/15"),
			Range.of("198.51.100.0/24"), Range.of("203.0.113.0/24"), Range.of("224.0.0.0/4"), Range.of("240.0.0.0/4"));

	/**
	 * The IPv6 ranges that are not public unicast addresses and embed no IPv4 address
	 * that could be checked instead: unspecified and loopback, discard-only
	 * ({@code 100::/64}), local-use NAT64 ({@code 64:ff9b:1::/48}: translated inside the
	 * network, where it places the IPv4 address as it chooses), ORCHID
	 * ({@code 2001:10::/28}, {@code 2001:20::/28}), documentation
	 * ({@code 2001:db8::/32}), unique local ({@code fc00::/7}), link-local
	 * ({@code fe80::/10}), the former site-local ({@code fec0::/10}) and multicast
	 * ({@code ff00::/8}).
	 */
	private static final List<Range> NOT_PUBLIC_V6 = List.of(Range.of("::/128"), Range.of("::1/128"),
			Range.of("100::/64"), Range.of("64:ff9b:1::/48"), Range.of("2001:10::/28"), Range.of("2001:20::/28"),
			Range.of("2001:db8::/32"), Range.of("fc00::/7"), Range.of("fe80::/10"), Range.of("fec0::/10"),
			Range.of("ff00::/8"));

	/** IPv4-mapped ({@code ::ffff:0:0/96}): the IPv4 address in the last four bytes. */
	private static final Range MAPPED = Range.of("::ffff:0:0/96");

	/**
	 * IPv4-compatible ({@code ::/96}, deprecated, still routed by some stacks): the IPv4
	 * address in the last four bytes.
	 */
	private static final Range COMPATIBLE = Range.of("::/96");

	/**
	 * Well-known NAT64 ({@code 64:ff9b::/96}): the IPv4 address in the last four bytes.
	 */
	private static final Range NAT64 = Range.of("64:ff9b::/96");

	/** 6to4 ({@code 2002::/16}): the IPv4 address in bytes 2 to 5. */
	private static final Range SIX_TO_FOUR = Range.of("2002::/16");

	/**
	 * Teredo ({@code 2001::/32}): the server's IPv4 address in bytes 4 to 7, the client's
	 * in the last four, inverted.
	 */
	private static final Range TEREDO = Range.of("2001::/32");

	/**
	 * Whether {@code address} is a public unicast address. An IPv6 address that carries
	 * an IPv4 address (IPv4-mapped or -compatible, NAT64, 6to4, Teredo) reaches that IPv4
	 * address, so it is public only when that address is.
	 */
	static boolean isPublic(InetAddress address) {
		byte[] b = address.getAddress();
		if (b.length == 4) {
			return !in(NOT_PUBLIC_V4, b);
		}
		if (MAPPED.contains(b) || NAT64.contains(b)) {
			return isPublicV4(b[12], b[13], b[14], b[15]);
		}
		if (COMPATIBLE.contains(b) && !in(NOT_PUBLIC_V6, b)) {
			return isPublicV4(b[12], b[13], b[14], b[15]);
		}
		if (SIX_TO_FOUR.contains(b)) {
			return isPublicV4(b[2], b[3], b[4], b[5]);
		}
		if (TEREDO.contains(b)) {
			return isPublicV4(b[4], b[5], b[6], b[7])
					&& isPublicV4((byte) ~b[12], (byte) ~b[13], (byte) ~b[14], (byte) ~b[15]);
		}
		return !in(NOT_PUBLIC_V6, b);
	}

	private static boolean isPublicV4(byte a, byte b, byte c, byte d) {
		return !in(NOT_PUBLIC_V4, new byte[] { a, b, c, d });
	}

	private static boolean in(List<Range> ranges, byte[] address) {
		for (Range range : ranges) {
			if (range.contains(address)) {
				return true;
			}
		}
		return false;
	}

	/** An address range in CIDR notation, of one address family. */
	private record Range(byte[] prefix, int bits) {

		static Range of(String cidr) {
			int slash = cidr.indexOf('/');
			try {
				// Literals only: no lookup.
				return new Range(InetAddress.getByName(cidr.substring(0, slash)).getAddress(),
						Integer.parseInt(cidr.substring(slash + 1)));
			}
			catch (UnknownHostException ex) {
				throw new IllegalArgumentException(cidr, ex);
			}
		}

		boolean contains(byte[] address) {
			if (address.length != this.prefix.length) {
				return false;
			}
			int whole = this.bits / 8;
			for (int i = 0; i < whole; i++) {
				if (address[i] != this.prefix[i]) {
					return false;
				}
			}
			int rest = this.bits % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xff << (8 - rest)) & 0xff;
			return (address[whole] & mask) == (this.prefix[whole] & mask);
		}

	}

	private static CreditDeskException invalid(String field, String url, String variant) {
		MessageCatalogue.Quoted quoted = new MessageCatalogue.Quoted(url);
		return (variant == null) ? CreditDeskException.refuse(NotificationErrorCode.WEBHOOK_URL_INVALID, field, quoted)
				: CreditDeskException.refuse(NotificationErrorCode.WEBHOOK_URL_INVALID.variant(variant), field, quoted);
	}

}
