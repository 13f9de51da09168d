package io.creditdesk.risk.registry;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.creditdesk.common.Actor;
import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.common.RequestLanguage;
import io.creditdesk.common.UserError;
import io.creditdesk.scoring.intake.IntakeResult;
import io.creditdesk.scoring.intake.ModelIntake;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /api/models?name=NAME}: a model file as the body
 * ({@code application/octet-stream}, what {@code scoring-cli publish} sends), or a
 * {@code multipart/form-data} form with the parts {@code model} and {@code card} (the
 * {@code .card.json} beside it). Answers 201 with the new version; 200 with the version
 * the same file already is under that name (an upload is idempotent:
 * {@code "existing": true}, nothing registered); or a JSON reason with a stable
 * {@code code} and a {@code message} from the message catalogue in the request's language
 * ({@code Accept-Language}; English without it): 415 when the bytes are no model format
 * at all, 403 for a role that may not upload ({@code FORBIDDEN}), 400 for any other
 * refusal ({@code INVALID_CHECKSUM} for a {@code sha256} that is not 64 hexadecimal
 * characters). An intake refusal adds the intake's own words ({@code detail}, in
 * English); the refusals every model endpoint shares are {@link ModelApiRefusals}'.
 */
@RestController
class ModelUploadController {

	private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

	private final ModelRegistry registry;

	ModelUploadController(ModelRegistry registry) {
		this.registry = registry;
	}

	@PostMapping(path = "/api/models", consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize(ModelRoles.DEVELOP)
	ResponseEntity<Map<String, Object>> upload(@RequestParam(required = false) String name,
			@RequestParam(required = false) String sha256, HttpServletRequest request) throws IOException {
		if (!wellFormed(sha256)) {
			return malformedChecksum(sha256, request);
		}
		return register(name, bounded(request.getInputStream()), null, sha256);
	}

	@PostMapping(path = "/api/models", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize(ModelRoles.DEVELOP)
	ResponseEntity<Map<String, Object>> uploadWithCard(@RequestParam(required = false) String name,
			@RequestParam(required = false) String sha256, @RequestPart("model") MultipartFile model,
			@RequestPart(name = "card", required = false) MultipartFile card, HttpServletRequest request)
			throws IOException {
		if (!wellFormed(sha256)) {
			return malformedChecksum(sha256, request);
		}
		byte[] cardBytes = (card == null) ? null : bounded(card.getInputStream());
		return register(name, bounded(model.getInputStream()), cardBytes, sha256);
	}

	/** Any other content type: not a model upload this service understands. */
	@PostMapping(path = "/api/models", produces = MediaType.APPLICATION_JSON_VALUE)
	@PreAuthorize(ModelRoles.DEVELOP)
	ResponseEntity<Map<String, Object>> unsupported(HttpServletRequest request) {
		return ModelApiRefusals.answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE", null,
				MessageCatalogue.render(RequestLanguage.of(request), "modelUpload.UNSUPPORTED_MEDIA_TYPE",
						List.of(UserError.quoted(request.getContentType()))),
				null);
	}

	/** No checksum, or a SHA-256 as hex: 64 hexadecimal characters. */
	private static boolean wellFormed(String sha256) {
		return sha256 == null || SHA256.matcher(sha256).matches();
	}

	/**
	 * A {@code sha256} that cannot be a SHA-256 is a malformed parameter
	 * ({@code INVALID_CHECKSUM}), not a file damaged on the way
	 * ({@code CHECKSUM_MISMATCH}).
	 */
	private static ResponseEntity<Map<String, Object>> malformedChecksum(String sha256, HttpServletRequest request) {
		return ModelApiRefusals.answer(HttpStatus.BAD_REQUEST, "INVALID_CHECKSUM", "sha256", MessageCatalogue.render(
				RequestLanguage.of(request), "modelUpload.INVALID_CHECKSUM", List.of(UserError.quoted(sha256))), null);
	}

	private ResponseEntity<Map<String, Object>> register(String name, byte[] model, byte[] card, String sha256) {
		if (sha256 != null) {
			IntakeResult check = ModelIntake.check(model, null, sha256, ModelIntake.DEFAULT_MAX_BYTES);
			if (check instanceof IntakeResult.Refused refused) {
				throw new ModelRefusedException(refused);
			}
		}
		ModelNames.refuseControlCharacters(name);
		ModelRegistry.Upload upload = this.registry.upload(name, model, card, Actor.current().name());
		RegisteredModel registered = upload.model();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", registered.id());
		body.put("name", registered.name());
		body.put("version", registered.version());
		body.put("status", (upload.existing() ? this.registry.statusOf(registered) : ModelStatus.CANDIDATE).name());
		body.put("sha256", registered.sha256());
		body.put("existing", upload.existing());
		return ResponseEntity.status(upload.existing() ? HttpStatus.OK : HttpStatus.CREATED).body(body);
	}

	/**
	 * The body, at most one byte more than the intake accepts (which then refuses it as
	 * too large), so an endless body is never read whole.
	 */
	private static byte[] bounded(InputStream in) throws IOException {
		return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, ModelIntake.DEFAULT_MAX_BYTES + 1));
	}

	@ExceptionHandler(ModelRefusedException.class)
	ResponseEntity<Map<String, Object>> refused(ModelRefusedException ex, HttpServletRequest request) {
		IntakeResult.Refused refusal = ex.refusal();
		HttpStatus status = refusal.code().unsupportedFormat() ? HttpStatus.UNSUPPORTED_MEDIA_TYPE
				: HttpStatus.BAD_REQUEST;
		return ModelApiRefusals.answer(status, refusal.code().name(), null,
				MessageCatalogue.render(RequestLanguage.of(request), "modelUpload." + refusal.code().name(), List.of()),
				refusal.message());
	}

}
