package io.infrapm.platform.web;

import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.infrapm.platform.problem.ConflictException;
import io.infrapm.platform.problem.ForbiddenException;
import io.infrapm.platform.problem.NotFoundException;
import io.infrapm.platform.problem.PreconditionFailedException;
import io.infrapm.platform.problem.PreconditionRequiredException;
import io.infrapm.platform.problem.ProblemException;
import io.infrapm.platform.problem.RuleViolationException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure of a request into an RFC 9457 {@code application/problem+json}
 * answer that names the field and the reason: 400 for malformed or invalid input, 404 for
 * an unknown resource, 409 for a conflict, 412/428 for optimistic concurrency, 422 for a
 * broken business rule, 503 with {@code Retry-After} while the database is unreachable.
 * Bad input never yields a 500; an unexpected failure yields a 500 without internals. No
 * answer names a Java type or echoes a library's message: the reasons are phrased in JSON
 * and ISO terms.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	private static final String ERRORS = "errors";

	private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	private static final int MAX_ECHO = 40;

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> fieldError(error.getField(), reason(error)))
			.toList();
		return invalid(errors);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap(ProblemDetailsAdvice::fieldErrors)
			.toList();
		return invalid(errors);
	}

	/**
	 * The errors of one parameter: a validated body reports its fields (so that the
	 * caller reads {@code budget.amount}, not {@code body}); a header, query or path
	 * parameter reports itself under the name the caller used.
	 */
	private static Stream<Map<String, String>> fieldErrors(ParameterValidationResult result) {
		if (result instanceof ParameterErrors errors && errors.hasFieldErrors()) {
			return errors.getFieldErrors().stream().map((error) -> fieldError(error.getField(), reason(error)));
		}
		String name = requestName(result.getMethodParameter());
		return result.getResolvableErrors()
			.stream()
			.map((error) -> fieldError(name,
					(error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid"));
	}

	private static String requestName(MethodParameter parameter) {
		RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
		if (query != null && !query.name().isEmpty()) {
			return query.name();
		}
		RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
		if (header != null && !header.name().isEmpty()) {
			return header.name();
		}
		PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
		if (path != null && !path.name().isEmpty()) {
			return path.name();
		}
		return (parameter.getParameterName() != null) ? parameter.getParameterName() : "parameter";
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		// The Jackson exception carries the path to the field; its own cause (say, a
		// DateTimeParseException) does not, so look for it along the chain. Broken JSON
		// is reported for the body, where it breaks, even inside a field. Jackson's
		// messages name Java types and are never passed on.
		for (Throwable candidate = ex.getCause(); candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof JacksonException jackson && !jackson.getPath().isEmpty()
					&& (!(candidate instanceof StreamReadException) || candidate instanceof InputCoercionException)) {
				return invalid(List.of(fieldError(path(jackson), unreadableReason(jackson))));
			}
		}
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Malformed request body", malformedReason(ex));
		return ResponseEntity.badRequest().body(problem);
	}

	/**
	 * Why a body could not be read as a whole: broken JSON (where it breaks), a limit
	 * exceeded, a value of the wrong shape at the top, or no body at all.
	 */
	private static String malformedReason(HttpMessageNotReadableException ex) {
		for (Throwable candidate = ex.getCause(); candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof StreamConstraintsException) {
				return "the request body is too large or too deeply nested";
			}
			if (candidate instanceof StreamReadException read) {
				TokenStreamLocation location = read.getLocation();
				return (location != null && location.getLineNr() > 0) ? "the request body is not valid JSON at line "
						+ location.getLineNr() + ", column " + location.getColumnNr()
						: "the request body is not valid JSON";
			}
			if (candidate instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
				return "the request body must be " + describe(mismatch.getTargetType());
			}
			if (candidate instanceof JacksonException) {
				return "the request body is not valid JSON for this request";
			}
		}
		return "the request body is missing or is not JSON";
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String field = (ex.getPropertyName() != null) ? ex.getPropertyName() : "parameter";
		String expected = (ex.getRequiredType() != null) ? describe(ex.getRequiredType()) : "valid here";
		return invalid(List.of(fieldError(field, quote(ex.getValue()) + " is not " + expected)));
	}

	/**
	 * Method validation through {@code @Validated} proxies reports a
	 * {@link ConstraintViolationException} instead of Spring MVC's own exception; it is
	 * still the caller's input that is wrong.
	 * @param ex the violations
	 * @return 400 naming each parameter or field
	 */
	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<Object> constraintViolation(ConstraintViolationException ex) {
		List<Map<String, String>> errors = ex.getConstraintViolations()
			.stream()
			.map((violation) -> fieldError(leaf(violation.getPropertyPath()), violation.getMessage()))
			.toList();
		return invalid(errors);
	}

	@ExceptionHandler(ProblemException.class)
	ResponseEntity<ProblemDetail> problem(ProblemException ex) {
		HttpStatus status = statusOf(ex);
		ProblemDetail problem = problem(status, titleOf(status), ex.getMessage());
		if (ex.field() != null) {
			problem.setProperty(ERRORS, List.of(fieldError(ex.field(), ex.getMessage())));
		}
		return ResponseEntity.status(status).body(problem);
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	ResponseEntity<ProblemDetail> concurrentChange(OptimisticLockingFailureException ex) {
		return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED)
			.body(problem(HttpStatus.PRECONDITION_FAILED, titleOf(HttpStatus.PRECONDITION_FAILED),
					"the resource was changed concurrently; fetch it again and reapply your change"));
	}

	@ExceptionHandler(DuplicateKeyException.class)
	ResponseEntity<ProblemDetail> duplicate(DuplicateKeyException ex) {
		return ResponseEntity.status(HttpStatus.CONFLICT)
			.body(problem(HttpStatus.CONFLICT, titleOf(HttpStatus.CONFLICT), "the resource already exists"));
	}

	/**
	 * The database is unreachable or timed out (the MongoDB driver's socket and timeout
	 * exceptions arrive translated to these): the client may retry, and should not take
	 * it for a fault of its request or of the service.
	 * @param ex the failure
	 * @return 503 with {@code Retry-After}
	 */
	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessException.class })
	ResponseEntity<ProblemDetail> unavailable(DataAccessException ex) {
		log.warn("Request failed because the database is unavailable: {}", ex.getMessage());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()))
			.body(problem(HttpStatus.SERVICE_UNAVAILABLE, titleOf(HttpStatus.SERVICE_UNAVAILABLE),
					"the database is unavailable, so the request was not carried out and nothing was changed; retry in "
							+ RETRY_AFTER.toSeconds() + " seconds"));
	}

	/**
	 * Spring Security's own refusals raised inside a handler go back to its filter chain,
	 * which answers them with 401 or 403 and {@code WWW-Authenticate}.
	 * @param ex the refusal
	 * @throws Exception always, the same exception
	 */
	@ExceptionHandler({ AuthenticationException.class, AccessDeniedException.class })
	void securityRefusal(Exception ex) throws Exception {
		throw ex;
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex) {
		log.error("Unexpected failure of a request", ex);
		return ResponseEntity.internalServerError()
			.body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
					"the request could not be completed; nothing was changed by it"));
	}

	private static ResponseEntity<Object> invalid(List<Map<String, String>> errors) {
		String detail = errors.stream()
			.map((error) -> error.get("field") + ": " + error.get("reason"))
			.collect(Collectors.joining("; "));
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", detail);
		problem.setProperty(ERRORS, errors);
		return ResponseEntity.badRequest().body(problem);
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		problem.setType(URI.create("urn:infrapm:problem:" + title.toLowerCase().replace(' ', '-')));
		return problem;
	}

	private static String leaf(Path path) {
		String leaf = "parameter";
		for (Path.Node node : path) {
			if (node.getName() != null) {
				leaf = node.getName();
			}
		}
		return leaf;
	}

	private static Map<String, String> fieldError(String field, String reason) {
		// Field first, as a reader looks for it.
		Map<String, String> error = new LinkedHashMap<>();
		error.put("field", field);
		error.put("reason", reason);
		return error;
	}

	private static String reason(FieldError error) {
		return (error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid";
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (var reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.isEmpty() ? "body" : path.toString();
	}

	private static String unreadableReason(JacksonException ex) {
		if (ex instanceof UnrecognizedPropertyException) {
			return "is not a field of this request";
		}
		if (ex instanceof InvalidFormatException format && format.getTargetType() != null) {
			return quote(format.getValue()) + " is not " + describe(format.getTargetType());
		}
		if (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
			return "must be " + describe(mismatch.getTargetType());
		}
		if (ex instanceof InputCoercionException || ex.getCause() instanceof NumberFormatException) {
			return "is a number out of range";
		}
		if (ex instanceof StreamConstraintsException) {
			return "is too long or too deeply nested";
		}
		return "is not valid here";
	}

	/**
	 * What a value must be, in the client's terms: JSON and ISO formats, never a Java
	 * type.
	 */
	private static String describe(Class<?> type) {
		if (type.isEnum()) {
			return "one of " + Stream.of(type.getEnumConstants()).map(Object::toString).toList();
		}
		if (type.isArray() || Collection.class.isAssignableFrom(type)) {
			return "an array";
		}
		if (type == LocalDate.class) {
			return "a date (yyyy-MM-dd)";
		}
		if (type == LocalDateTime.class) {
			return "a date and time (yyyy-MM-ddTHH:mm:ss)";
		}
		if (type == LocalTime.class) {
			return "a time (HH:mm:ss)";
		}
		if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class) {
			return "a timestamp (RFC 3339)";
		}
		if (type == Duration.class) {
			return "a duration (ISO 8601, such as PT15M)";
		}
		if (type == UUID.class) {
			return "a UUID";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class
				|| type == Short.class || type == short.class || type == Byte.class || type == byte.class
				|| type == BigInteger.class) {
			return "a whole number";
		}
		if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
			return "a number";
		}
		if (CharSequence.class.isAssignableFrom(type) || type == Character.class || type == char.class
				|| type == Currency.class || type == Locale.class) {
			return "a string";
		}
		if (type == URI.class || type == URL.class) {
			return "a URI";
		}
		return "an object";
	}

	/**
	 * A value the client sent, quoted and cut short: it is echoed so the client sees
	 * which value is meant, not to send a megabyte back.
	 */
	private static String quote(Object value) {
		String text = String.valueOf(value);
		return "'" + ((text.length() > MAX_ECHO) ? text.substring(0, MAX_ECHO) + "..." : text) + "'";
	}

	private static HttpStatus statusOf(ProblemException ex) {
		if (ex instanceof NotFoundException) {
			return HttpStatus.NOT_FOUND;
		}
		if (ex instanceof ForbiddenException) {
			return HttpStatus.FORBIDDEN;
		}
		if (ex instanceof ConflictException) {
			return HttpStatus.CONFLICT;
		}
		if (ex instanceof PreconditionFailedException) {
			return HttpStatus.PRECONDITION_FAILED;
		}
		if (ex instanceof PreconditionRequiredException) {
			return HttpStatus.PRECONDITION_REQUIRED;
		}
		if (ex instanceof RuleViolationException) {
			return HttpStatus.UNPROCESSABLE_CONTENT;
		}
		return HttpStatus.BAD_REQUEST;
	}

	private static String titleOf(HttpStatus status) {
		return status.getReasonPhrase();
	}

}
