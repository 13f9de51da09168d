package io.creditdesk.risk.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.function.Function;

import io.creditdesk.common.RequestLanguage;
import io.creditdesk.common.UserError;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/imports/invoices} and {@code POST /api/imports/statements}: a CSV body
 * ({@code Content-Type: text/csv}) streamed to a temporary file, imported all or nothing
 * ({@link HistoryImport}), answered with JSON {@code {rows, imported, errors}}: 200 when
 * imported, 400 with the errors when not, 403 for roles other than ADMIN, DATA_SCIENTIST
 * and INTEGRATION, 413 above the size limit, 415 for another content type; never a stack
 * trace. Every reason, of a refusal of the request as a whole (code {@code FORBIDDEN},
 * {@code UNSUPPORTED_MEDIA_TYPE}, {@code FILE_TOO_LARGE}, {@code NOT_UTF8},
 * {@code INVALID_AS_OF}) and of a problem of the file, is in the caller's language
 * ({@code Accept-Language}; English without it), from the message catalogue
 * ({@code import.<CODE>}).
 */
@RestController
@RequestMapping("/api/imports")
class ImportController {

	private static final Logger log = LoggerFactory.getLogger(ImportController.class);

	private static final Set<String> ROLES = Set.of("ROLE_ADMIN", "ROLE_DATA_SCIENTIST", "ROLE_INTEGRATION");

	private final HistoryImport imports;

	private final ImportProperties properties;

	ImportController(HistoryImport imports, ImportProperties properties) {
		this.imports = imports;
		this.properties = properties;
	}

	@PostMapping("/invoices")
	ResponseEntity<ImportReport> invoices(HttpServletRequest request, Authentication caller) {
		return run(request, caller, file -> this.imports.invoices(file, RequestLanguage.of(request)));
	}

	/**
	 * @param asOf the calendar month of the file's month 1 ({@code YYYY-MM}); the last
	 * complete month when absent
	 */
	@PostMapping("/statements")
	ResponseEntity<ImportReport> statements(HttpServletRequest request, Authentication caller,
			@RequestParam(name = "asOf", required = false) String asOf) {
		YearMonth current = YearMonth.from(this.imports.today());
		YearMonth month1;
		try {
			month1 = (asOf != null) ? YearMonth.parse(asOf.trim()) : current.minusMonths(1);
		}
		catch (DateTimeParseException ex) {
			return answer(HttpStatus.BAD_REQUEST, refused(request, ImportErrorCode.INVALID_AS_OF, "asOf",
					"INVALID_AS_OF.format", UserError.quoted(asOf)));
		}
		if (!month1.isBefore(current)) {
			return answer(HttpStatus.BAD_REQUEST,
					refused(request, ImportErrorCode.INVALID_AS_OF, "asOf", "INVALID_AS_OF.notPast", current, month1));
		}
		return run(request, caller, file -> this.imports.statements(file, month1, RequestLanguage.of(request)));
	}

	private ResponseEntity<ImportReport> run(HttpServletRequest request, Authentication caller,
			Function<Path, ImportReport> importer) {
		if (caller == null
				|| caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).noneMatch(ROLES::contains)) {
			return answer(HttpStatus.FORBIDDEN, refused(request, ImportErrorCode.FORBIDDEN, null, "FORBIDDEN"));
		}
		if (!isCsv(request.getContentType())) {
			return answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE, refused(request, ImportErrorCode.UNSUPPORTED_MEDIA_TYPE,
					null, "UNSUPPORTED_MEDIA_TYPE", UserError.quoted(String.valueOf(request.getContentType()))));
		}
		Path file = null;
		try {
			file = Files.createTempFile("creditdesk-import-", ".csv");
			if (!spool(request, file)) {
				return answer(HttpStatus.CONTENT_TOO_LARGE, refused(request, ImportErrorCode.FILE_TOO_LARGE, null,
						"FILE_TOO_LARGE", this.properties.maxFileSize().toMegabytes()));
			}
			ImportReport report = importer.apply(file);
			return answer(report.errors().isEmpty() ? HttpStatus.OK : HttpStatus.BAD_REQUEST, report);
		}
		catch (UncheckedIOException ex) {
			if (ex.getCause() instanceof MalformedInputException) {
				return answer(HttpStatus.BAD_REQUEST, refused(request, ImportErrorCode.NOT_UTF8, null, "NOT_UTF8"));
			}
			throw ex;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			delete(file);
		}
	}

	private static boolean isCsv(String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return "text".equals(type.getType()) && "csv".equals(type.getSubtype());
		}
		catch (InvalidMimeTypeException ex) {
			return false;
		}
	}

	/** Copies the body to {@code file}; false when it is larger than allowed. */
	private boolean spool(HttpServletRequest request, Path file) throws IOException {
		long max = this.properties.maxFileSize().toBytes();
		if (request.getContentLengthLong() > max) {
			return false;
		}
		byte[] buffer = new byte[64 * 1024];
		long total = 0;
		try (InputStream in = request.getInputStream(); OutputStream out = Files.newOutputStream(file)) {
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				total += n;
				if (total > max) {
					return false;
				}
				out.write(buffer, 0, n);
			}
		}
		return true;
	}

	/**
	 * The request refused as a whole, with the catalogue's sentence {@code key} in the
	 * caller's language.
	 */
	private static ImportReport refused(HttpServletRequest request, ImportErrorCode code, String column, String key,
			Object... figures) {
		return ImportReport.refused(code, column, Problems.reason(RequestLanguage.of(request), key, figures));
	}

	private static ResponseEntity<ImportReport> answer(HttpStatus status, ImportReport report) {
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(report);
	}

	private static void delete(Path file) {
		if (file == null) {
			return;
		}
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			log.warn("Could not delete the import's temporary file {}: {}", file, ex.toString());
		}
	}

}
