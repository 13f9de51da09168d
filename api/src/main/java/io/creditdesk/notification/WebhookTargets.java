package io.creditdesk.notification;

import java.net.Inet4Address;
import java.net.Inet6Address;
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
 * {@code fe80::/10}), shared address space ({@code 100.64/10}), {@code 0/8}, multicast or
 * broadcast, nor any of these written as an IPv4-mapped IPv6 address. With
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

	/** Whether {@code address} is a public unicast address. */
	static boolean isPublic(InetAddress address) {
		if (address instanceof Inet6Address v6) {
			byte[] b = v6.getAddress();
			if (isIpv4Mapped(b)) {
				try {
					return isPublic(InetAddress.getByAddress(new byte[] { b[12], b[13], b[14], b[15] }));
				}
				catch (UnknownHostException ex) {
					return false;
				}
			}
			if ((b[0] & 0xfe) == 0xfc) {
				// fc00::/7, unique local
				return false;
			}
		}
		if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
				|| address.isSiteLocalAddress() || address.isMulticastAddress()) {
			return false;
		}
		if (address instanceof Inet4Address) {
			byte[] b = address.getAddress();
			int first = b[0] & 0xff;
			int second = b[1] & 0xff;
			if (first == 0 || (first == 100 && second >= 64 && second <= 127) || first >= 240) {
				// 0/8, shared address space 100.64/10, reserved 240/4 and broadcast
				return false;
			}
		}
		return true;
	}

	private static boolean isIpv4Mapped(byte[] b) {
		for (int i = 0; i < 10; i++) {
			if (b[i] != 0) {
				return false;
			}
		}
		return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
	}

	private static CreditDeskException invalid(String field, String url, String variant) {
		MessageCatalogue.Quoted quoted = new MessageCatalogue.Quoted(url);
		return (variant == null) ? CreditDeskException.refuse(NotificationErrorCode.WEBHOOK_URL_INVALID, field, quoted)
				: CreditDeskException.refuse(NotificationErrorCode.WEBHOOK_URL_INVALID.variant(variant), field, quoted);
	}

}
