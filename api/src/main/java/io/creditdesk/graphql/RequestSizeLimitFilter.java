package io.creditdesk.graphql;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.creditdesk.common.GraphQlErrorAnswer;
import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.common.RequestLanguage;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies above {@link GraphQlLimitsProperties#maxRequestSize()} with HTTP
 * 413 and a GraphQL error ({@code REQUEST_TOO_LARGE}), before authentication and before
 * anything reads them: a declared length above the limit is refused unread; a body
 * without a declared length (chunked) is read up to one byte past the limit and refused
 * there. Runs ahead of the security filters, so a large body costs neither a password
 * check nor a parse.
 */
@Component
@Order(RequestSizeLimitFilter.ORDER)
class RequestSizeLimitFilter extends OncePerRequestFilter {

	/** Ahead of Spring Security's filter chain (-100). */
	static final int ORDER = -110;

	static final String CODE = "REQUEST_TOO_LARGE";

	private final long maxBytes;

	private final MeterRegistry registry;

	RequestSizeLimitFilter(GraphQlLimitsProperties properties, MeterRegistry registry) {
		this.maxBytes = properties.maxRequestSize().toBytes();
		this.registry = registry;
	}

	/**
	 * Uploads under {@code /api/} (model files; history imports, under
	 * {@code creditdesk.imports.max-file-size}) are larger than any GraphQL request and
	 * bound their bodies themselves, reading them as streams.
	 */
	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return request.getRequestURI().startsWith("/api/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		if (declared > this.maxBytes) {
			refuse(request, response);
			return;
		}
		if (declared < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
			byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, this.maxBytes + 1));
			if (body.length > this.maxBytes) {
				refuse(request, response);
				return;
			}
			chain.doFilter(new BufferedBody(request, body), response);
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * The refusal's sentence in {@code language} (English when null): the most this
	 * service accepts and what to do.
	 */
	static String message(Locale language, long maxBytes) {
		return MessageCatalogue.render(language, "request.tooLarge", List.of(maxBytes));
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
		this.registry.counter("creditdesk.graphql.refused", "code", CODE).increment();
		// The rest of the body is not read: the connection cannot carry another request.
		response.setHeader(HttpHeaders.CONNECTION, "close");
		GraphQlErrorAnswer.write(response, HttpStatus.CONTENT_TOO_LARGE, GraphQlErrorAnswer.body(CODE,
				message(RequestLanguage.of(request), this.maxBytes), Map.of("maxBytes", this.maxBytes)));
		response.flushBuffer();
	}

	/** A request whose body was read (to measure it) and is served again from memory. */
	private static final class BufferedBody extends HttpServletRequestWrapper {

		private final byte[] body;

		BufferedBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				/**
				 * The whole body is in memory: it is available at once, and read to its
				 * end.
				 */
				@Override
				public void setReadListener(ReadListener listener) {
					try {
						listener.onDataAvailable();
						listener.onAllDataRead();
					}
					catch (IOException ex) {
						listener.onError(ex);
					}
				}

			};
		}

		@Override
		public BufferedReader getReader() {
			String encoding = getCharacterEncoding();
			Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8;
			return new BufferedReader(new InputStreamReader(getInputStream(), charset));
		}

	}

}
