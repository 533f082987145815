package io.infrapm.platform.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.infrapm.platform.problem.ConflictException;
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
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
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
 * broken business rule. Bad input never yields a 500; an unexpected failure yields a 500
 * without internals.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	private static final String ERRORS = "errors";

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
		// The databind exception carries the path to the field; its own cause (say, a
		// DateTimeParseException) does not, so look for it along the chain.
		for (Throwable candidate = ex.getCause(); candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof DatabindException databind && !databind.getPath().isEmpty()) {
				return invalid(List.of(fieldError(path(databind), unreadableReason(databind))));
			}
		}
		Throwable cause = ex.getMostSpecificCause();
		String reason = (cause instanceof JacksonException jackson) ? jackson.getOriginalMessage()
				: "the request body is missing or is not JSON";
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Malformed request body", reason);
		return ResponseEntity.badRequest().body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String field = (ex.getPropertyName() != null) ? ex.getPropertyName() : "parameter";
		String expected = (ex.getRequiredType() != null) ? ex.getRequiredType().getSimpleName() : "another type";
		return invalid(List.of(fieldError(field, "'" + ex.getValue() + "' is not a valid " + expected)));
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
		return Map.of("field", field, "reason", reason);
	}

	private static String reason(FieldError error) {
		return (error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid";
	}

	private static String path(DatabindException ex) {
		StringBuilder path = new StringBuilder();
		for (var reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String unreadableReason(DatabindException ex) {
		if (ex instanceof InvalidFormatException format && format.getTargetType() != null) {
			Class<?> target = format.getTargetType();
			if (target.isEnum()) {
				return "'" + format.getValue() + "' is not one of "
						+ List.of(target.getEnumConstants()).stream().map(Object::toString).toList();
			}
			return "'" + format.getValue() + "' is not a valid " + describe(target);
		}
		if (ex instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
			return "must be " + describe(mismatch.getTargetType());
		}
		return "is not readable: " + ex.getOriginalMessage();
	}

	private static String describe(Class<?> type) {
		return switch (type.getSimpleName()) {
			case "LocalDate" -> "date (yyyy-MM-dd)";
			case "Instant" -> "timestamp (RFC 3339)";
			case "BigDecimal", "Integer", "Long", "int", "long", "Double", "double" -> "number";
			case "UUID" -> "UUID";
			case "String" -> "a string";
			case "List" -> "an array";
			default -> "a " + type.getSimpleName();
		};
	}

	private static HttpStatus statusOf(ProblemException ex) {
		if (ex instanceof NotFoundException) {
			return HttpStatus.NOT_FOUND;
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
