package io.creditdesk.risk.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.common.RequestLanguage;
import io.creditdesk.common.UserError;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The refusals of the model endpoints ({@code POST /api/models},
 * {@code GET /api/training-set}, the comparison page {@code /api/models/comparison.html})
 * in one JSON shape, as {@code /api/imports} answers them: a stable {@code code}, the
 * {@code field} (a request parameter) when it concerns one, and a {@code message} from
 * the message catalogue in the caller's language ({@code Accept-Language}; English
 * without it). Covers a refusal of the input ({@link CreditDeskException}: 400, 503 for a
 * {@code *_UNAVAILABLE} code), a parameter that is not of its type
 * ({@code INVALID_VALUE}, e.g. {@code ?horizonMonths=abc}: 400) and a role that may not
 * call the endpoint ({@code FORBIDDEN}: 403), instead of the servlet container's bare
 * error body.
 */
@RestControllerAdvice(basePackageClasses = ModelApiRefusals.class,
		basePackages = { "io.creditdesk.risk.training", "io.creditdesk.risk.drift" })
class ModelApiRefusals {

	/** The sentence of a {@code FORBIDDEN} refusal, by endpoint. */
	private static final Map<String, String> FORBIDDEN = Map.of("/api/models", "modelUpload.FORBIDDEN",
			"/api/training-set", "trainingSet.FORBIDDEN");

	@ExceptionHandler(CreditDeskException.class)
	ResponseEntity<Map<String, Object>> refused(CreditDeskException ex, HttpServletRequest request) {
		UserError error = ex.errors().get(0);
		HttpStatus status = error.code().code().endsWith("_UNAVAILABLE") ? HttpStatus.SERVICE_UNAVAILABLE
				: HttpStatus.BAD_REQUEST;
		return answer(status, error.code().code(), error.field(), error.message(RequestLanguage.of(request)), null);
	}

	/** A request parameter that is not of its type: a number that is none. */
	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<Map<String, Object>> mistyped(MethodArgumentTypeMismatchException ex, HttpServletRequest request) {
		return refused(CreditDeskException.refuse(CommonErrorCode.INVALID_VALUE.variant("number"), ex.getName(),
				UserError.quoted(ex.getValue())), request);
	}

	/**
	 * A role that may not call the endpoint ({@link ModelRoles#DEVELOP}):
	 * {@code FORBIDDEN} as {@code /api/imports} answers it, not the servlet container's
	 * default error.
	 */
	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<Map<String, Object>> forbidden(HttpServletRequest request) {
		String key = FORBIDDEN.getOrDefault(request.getRequestURI(), "modelUpload.FORBIDDEN");
		return answer(HttpStatus.FORBIDDEN, "FORBIDDEN", null,
				MessageCatalogue.render(RequestLanguage.of(request), key, List.of()), null);
	}

	/**
	 * The JSON refusal: {@code code}, {@code field} and {@code detail} when given,
	 * {@code message}.
	 */
	static ResponseEntity<Map<String, Object>> answer(HttpStatus status, String code, String field, String message,
			String detail) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("code", code);
		if (field != null) {
			body.put("field", field);
		}
		body.put("message", message);
		if (detail != null) {
			body.put("detail", detail);
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
	}

}
