package io.infrapm.platform.web;

import java.math.BigDecimal;
import java.net.SocketTimeoutException;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;

import io.infrapm.platform.problem.ConflictException;
import io.infrapm.platform.problem.NotFoundException;
import io.infrapm.platform.problem.PreconditionFailedException;
import io.infrapm.platform.problem.PreconditionRequiredException;
import io.infrapm.platform.problem.RuleViolationException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoExceptionTranslator;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client gets back when a request fails: RFC 9457 problem details that name the
 * field and the reason, and never internals.
 */
class ProblemDetailsAdviceTests {

	private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

	private final MockMvcTester mvc = MockMvcTester.create(MockMvcBuilders.standaloneSetup(new WorkPackages())
		.setControllerAdvice(new ProblemDetailsAdvice())
		.addInterceptors(new WildcardContentTypeGuard())
		.build());

	@Test
	void acceptsAValidRequest() {
		assertThat(post("""
				{"title":"Rack and stack row C","budget":125000.50,"kind":"HARDWARE","due":"2025-06-30"}"""))
			.hasStatus(HttpStatus.CREATED);
	}

	@Test
	void namesEveryInvalidFieldOfABody() {
		MvcTestResult result = post("""
				{"title":"  ","budget":-5,"kind":"HARDWARE","due":"2025-06-30"}""");

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentTypeCompatibleWith(PROBLEM);
		assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(400);
		assertThat(result).bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactlyInAnyOrder("title", "budget");
		assertThat(result).bodyJson()
			.extractingPath("$.errors[?(@.field == 'budget')].reason")
			.asArray()
			.singleElement()
			.asString()
			.contains("greater than 0");
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("title").contains("budget");
	}

	@Test
	void namesAMissingRequiredField() {
		MvcTestResult result = post("""
				{"title":"Rack and stack row C","kind":"HARDWARE"}""");

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentTypeCompatibleWith(PROBLEM);
		assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("budget");
	}

	@Test
	void answersMalformedJsonWith400() {
		MvcTestResult result = post("{\"title\": \"Rack and stack row C\", ");

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentTypeCompatibleWith(PROBLEM);
		assertThat(result).bodyJson().extractingPath("$.title").isEqualTo("Malformed request body");
		assertThat(result).bodyJson().extractingPath("$.detail").asString().isNotBlank();
	}

	@ParameterizedTest
	@ValueSource(strings = { "*/*", "application/*", "application/*+json" })
	void answersAWildcardContentTypeWith415(String contentType) {
		MvcTestResult result = this.mvc.post()
			.uri("/work-packages")
			.header(HttpHeaders.CONTENT_TYPE, contentType)
			.content("{\"title\":\"Rack and stack row C\",\"budget\":1000,\"kind\":\"HARDWARE\"}")
			.exchange();

		assertThat(result).hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE).hasContentTypeCompatibleWith(PROBLEM);
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains(contentType);
	}

	@Test
	void answersAMissingBodyWith400() {
		MvcTestResult result = this.mvc.post().uri("/work-packages").contentType(MediaType.APPLICATION_JSON).exchange();

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentTypeCompatibleWith(PROBLEM);
	}

	@Test
	void namesAFieldWithAnUnknownEnumValueAndListsTheAllowedOnes() {
		MvcTestResult result = post("""
				{"title":"Rack and stack row C","budget":1000,"kind":"PLUMBING"}""");

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentTypeCompatibleWith(PROBLEM);
		assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("kind");
		assertThat(result).bodyJson()
			.extractingPath("$.errors[0].reason")
			.asString()
			.contains("PLUMBING")
			.contains("HARDWARE")
			.contains("NETWORK");
	}

	@Test
	void namesAFieldWithAnInvalidDate() {
		MvcTestResult result = post("""
				{"title":"Rack and stack row C","budget":1000,"kind":"HARDWARE","due":"2025-02-30"}""");

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentTypeCompatibleWith(PROBLEM);
		assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("due");
		assertThat(result).bodyJson().extractingPath("$.errors[0].reason").asString().contains("2025-02-30");
	}

	@Test
	void namesANestedFieldByItsPath() {
		MvcTestResult result = post("""
				{"title":"Rack and stack row C","budget":1000,"kind":"HARDWARE",
				 "tasks":[{"name":"Order racks","due":"2025-05-01"},{"name":"Cable","due":"next week"}]}""");

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentTypeCompatibleWith(PROBLEM);
		assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("tasks[1].due");
	}

	@Test
	void namesAFieldWithANumberThatIsNotANumber() {
		MvcTestResult result = post("""
				{"title":"Rack and stack row C","budget":"a lot","kind":"HARDWARE"}""");

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentTypeCompatibleWith(PROBLEM);
		assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("budget");
		assertThat(result).bodyJson().extractingPath("$.errors[0].reason").asString().contains("number");
	}

	@Test
	void namesAQueryParameterOfTheWrongType() {
		MvcTestResult result = this.mvc.get().uri("/work-packages?limit=many").exchange();

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentTypeCompatibleWith(PROBLEM);
		assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("limit");
		assertThat(result).bodyJson().extractingPath("$.errors[0].reason").isEqualTo("'many' is not a whole number");
	}

	@Test
	void namesAnInvalidQueryParameter() {
		MvcTestResult result = this.mvc.get().uri("/work-packages?limit=0").exchange();

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentTypeCompatibleWith(PROBLEM);
		assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("limit");
	}

	@Test
	void answersAnUnknownResourceWith404() {
		MvcTestResult result = get("missing");

		assertThat(result).hasStatus(HttpStatus.NOT_FOUND).hasContentTypeCompatibleWith(PROBLEM);
		assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo("work package missing does not exist");
		assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("id");
	}

	@Test
	void answersAConflictWith409() {
		MvcTestResult result = get("taken");

		assertThat(result).hasStatus(HttpStatus.CONFLICT).hasContentTypeCompatibleWith(PROBLEM);
		assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("code");
		assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo("code WP-7 is already taken");
	}

	@Test
	void answersADuplicateKeyWith409WithoutDatabaseDetails() {
		MvcTestResult result = get("duplicate");

		assertThat(result).hasStatus(HttpStatus.CONFLICT).hasContentTypeCompatibleWith(PROBLEM);
		assertThat(result).bodyText().doesNotContain("E11000").doesNotContain("work_packages");
	}

	@Test
	void answersAStaleVersionWith412() {
		MvcTestResult result = get("stale");

		assertThat(result).hasStatus(HttpStatus.PRECONDITION_FAILED).hasContentTypeCompatibleWith(PROBLEM);
		assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("If-Match");
	}

	@Test
	void answersAConcurrentChangeWith412() {
		assertThat(get("raced")).hasStatus(HttpStatus.PRECONDITION_FAILED).hasContentTypeCompatibleWith(PROBLEM);
	}

	@Test
	void answersAMissingIfMatchWith428() {
		MvcTestResult result = get("unversioned");

		assertThat(result).hasStatus(HttpStatus.PRECONDITION_REQUIRED).hasContentTypeCompatibleWith(PROBLEM);
		assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("If-Match");
	}

	@Test
	void answersABrokenBusinessRuleWith422() {
		MvcTestResult result = get("closed");

		assertThat(result).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT).hasContentTypeCompatibleWith(PROBLEM);
		assertThat(result).bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("a closed work package cannot be rescheduled");
		assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("due");
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "123456789012345678901234567890123456", "1E+10000", "1E+2147483647", "1E-10000", "0.00001" })
	void namesANumberWithTooManyDigitsOrAnExtremeExponent(String budget) {
		MvcTestResult result = post("""
				{"title":"Rack and stack row C","budget":%s,"kind":"HARDWARE"}""".formatted(budget));

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentTypeCompatibleWith(PROBLEM);
		assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray().contains("budget");
		assertThat(result).bodyJson()
			.extractingPath("$.errors[?(@.field == 'budget')].reason")
			.asArray()
			.anySatisfy((reason) -> assertThat(reason).asString()
				.isEqualTo("must have at most 30 digits before the decimal point and 4 after it"));
	}

	@Test
	void acceptsTheLargestNumberThatFits() {
		assertThat(post("""
				{"title":"Rack and stack row C","budget":123456789012345678901234567890.1234,"kind":"HARDWARE"}"""))
			.hasStatus(HttpStatus.CREATED);
	}

	@ParameterizedTest
	@ValueSource(strings = { "+999999999-12-31", "-999999999-01-01", "0001-01-01", "1899-12-31", "+10000-01-01" })
	void namesADateOutsideTheCalendarRange(String due) {
		MvcTestResult result = post("""
				{"title":"Rack and stack row C","budget":1000,"kind":"HARDWARE","due":"%s",
				 "tasks":[{"name":"Cable","due":"%s"}]}""".formatted(due, due));

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentTypeCompatibleWith(PROBLEM);
		assertThat(result).bodyJson()
			.extractingPath("$.errors[*].field")
			.asArray()
			.containsExactlyInAnyOrder("due", "tasks[0].due");
		assertThat(result).bodyJson()
			.extractingPath("$.errors[0].reason")
			.isEqualTo("must be a date from 1900-01-01 to 9999-12-31");
	}

	@ParameterizedTest
	@ValueSource(strings = { "1900-01-01", "9999-12-31" })
	void acceptsTheFirstAndLastDayOfTheCalendarRange(String due) {
		assertThat(post("""
				{"title":"Rack and stack row C","budget":1000,"kind":"HARDWARE","due":"%s"}""".formatted(due)))
			.hasStatus(HttpStatus.CREATED);
	}

	@ParameterizedTest
	@MethodSource("bodiesOfTheWrongShape")
	void neverNamesAJavaTypeOrRepeatsALibraryMessage(String body) {
		MvcTestResult result = post(body);

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentTypeCompatibleWith(PROBLEM);
		assertThat(result).bodyJson().extractingPath("$.detail").asString().isNotBlank();
		assertThat(result).bodyText()
			.doesNotContain("java.")
			.doesNotContain("io.infrapm")
			.doesNotContain("tools.jackson")
			.doesNotContain("$")
			.doesNotContain("`")
			.doesNotContain("Exception")
			.doesNotContain("NewWorkPackage")
			.doesNotContain("Task")
			.doesNotContain("BigDecimal")
			.doesNotContain("LocalDate")
			.doesNotContain("ArrayList")
			.doesNotContain("Cannot deserialize");
	}

	static Stream<String> bodiesOfTheWrongShape() {
		return Stream.of("[1,2]", "\"x\"", "42", "{\"title\":{}}", "{\"title\":[]}", "{\"budget\":{}}",
				"{\"budget\":1e99999999999}", "{\"budget\":" + "9".repeat(1200) + "}", "{\"kind\":{}}", "{\"due\":{}}",
				"{\"due\":[2025,6,30,1]}", "{\"tasks\":{}}", "{\"tasks\":[[]]}", "{\"tasks\":[\"x\"]}",
				"{\"title\": \"x\", ", "{\"title\": tru}", "{'title': 'x'}", "[".repeat(2000) + "]".repeat(2000),
				"{\"tasks\":" + "[".repeat(2000) + "]".repeat(2000) + "}");
	}

	@Test
	void tellsTheShapeAFieldMustHave() {
		MvcTestResult result = post("""
				{"title":"Rack and stack row C","budget":1000,"kind":"HARDWARE","tasks":{"name":"Cable"}}""");

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentTypeCompatibleWith(PROBLEM);
		assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("tasks");
		assertThat(result).bodyJson().extractingPath("$.errors[0].reason").isEqualTo("must be an array");
		assertThat(post("{\"tasks\":[[]]}")).bodyJson()
			.extractingPath("$.errors[0].reason")
			.isEqualTo("must be an object");
		assertThat(post("{\"due\":{}}")).bodyJson()
			.extractingPath("$.errors[0].reason")
			.isEqualTo("must be a date (yyyy-MM-dd)");
	}

	@Test
	void namesANumberBeyondWhatJsonNumbersCanHold() {
		MvcTestResult result = post("""
				{"title":"Rack and stack row C","budget":1e99999999999,"kind":"HARDWARE"}""");

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentTypeCompatibleWith(PROBLEM);
		assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo("budget");
		assertThat(result).bodyJson().extractingPath("$.errors[0].reason").isEqualTo("is a number out of range");
	}

	@Test
	void tellsThatTheBodyMustBeAnObject() {
		MvcTestResult result = post("[{\"title\":\"Rack and stack row C\"}]");

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentTypeCompatibleWith(PROBLEM);
		assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo("the request body must be an object");
	}

	@Test
	void tellsWhereTheJsonBreaks() {
		MvcTestResult result = post("{\"title\": \"Rack and stack row C\",\n \"budget\": }");

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentTypeCompatibleWith(PROBLEM);
		assertThat(result).bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("the request body is not valid JSON at line 2, column 12");
	}

	@Test
	void cutsAnEchoedValueShort() {
		MvcTestResult result = post("""
				{"title":"Rack and stack row C","budget":1000,"kind":"%s"}""".formatted("X".repeat(10_000)));

		assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentTypeCompatibleWith(PROBLEM);
		assertThat(result).bodyJson()
			.extractingPath("$.errors[0].reason")
			.asString()
			.startsWith("'" + "X".repeat(40) + "...'")
			.hasSizeLessThan(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "unreachable", "socket" })
	void answersAnUnreachableDatabaseWith503AndRetryAfter(String failure) {
		MvcTestResult result = get(failure);

		assertThat(result).hasStatus(HttpStatus.SERVICE_UNAVAILABLE).hasContentTypeCompatibleWith(PROBLEM);
		assertThat(result).hasHeader(HttpHeaders.RETRY_AFTER, "5");
		assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(503);
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("nothing was changed");
		assertThat(result).bodyText().doesNotContain("db-1").doesNotContain("27017").doesNotContain("Mongo");
	}

	@Test
	void answersAnUnexpectedFailureWith500WithoutItsMessage() {
		MvcTestResult result = get("boom");

		assertThat(result).hasStatus(HttpStatus.INTERNAL_SERVER_ERROR).hasContentTypeCompatibleWith(PROBLEM);
		assertThat(result).bodyText()
			.doesNotContain("s3cr3t")
			.doesNotContain("NullPointer")
			.doesNotContain("IllegalStateException")
			.doesNotContain("at io.infrapm");
		assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(500);
	}

	private MvcTestResult post(String json) {
		return this.mvc.post().uri("/work-packages").contentType(MediaType.APPLICATION_JSON).content(json).exchange();
	}

	private MvcTestResult get(String id) {
		return this.mvc.get().uri("/work-packages/{id}", id).exchange();
	}

	enum Kind {

		HARDWARE, NETWORK

	}

	record Task(@NotBlank String name, @CalendarDate LocalDate due) {
	}

	record NewWorkPackage(@NotBlank String title, @NotNull @Positive @BoundedDecimal BigDecimal budget,
			@NotNull Kind kind, @CalendarDate LocalDate due, @Valid List<Task> tasks) {
	}

	/**
	 * As Spring Data's repositories and templates surface a driver exception.
	 */
	private static RuntimeException translated(RuntimeException driverException) {
		DataAccessException translated = new MongoExceptionTranslator().translateExceptionIfPossible(driverException);
		return (translated != null) ? translated : driverException;
	}

	@RestController
	static class WorkPackages {

		@PostMapping("/work-packages")
		ResponseEntity<Void> create(@Valid @RequestBody NewWorkPackage workPackage) {
			return ResponseEntity.status(HttpStatus.CREATED).build();
		}

		@GetMapping("/work-packages")
		List<String> list(@RequestParam("limit") @Min(1) int limit) {
			return List.of();
		}

		@GetMapping("/work-packages/{id}")
		String find(@PathVariable("id") String id) {
			switch (id) {
				case "missing" -> throw new NotFoundException("id", "work package " + id + " does not exist");
				case "taken" -> throw new ConflictException("code", "code WP-7 is already taken");
				case "duplicate" -> throw new DuplicateKeyException(
						"E11000 duplicate key error collection: infrapm.work_packages index: _id_");
				case "stale" -> throw new PreconditionFailedException("If-Match", "version 2 is not the current one");
				case "raced" -> throw new OptimisticLockingFailureException("version 3 of WorkPackage changed");
				case "unversioned" -> throw new PreconditionRequiredException("If-Match", "send If-Match");
				case "closed" -> throw new RuleViolationException("due", "a closed work package cannot be rescheduled");
				case "boom" -> throw new IllegalStateException("password s3cr3t rejected by mongodb://admin@db");
				case "unreachable" -> throw translated(new MongoTimeoutException(
						"Timed out while waiting for a server that matches WritableServerSelector. Client view of cluster state is {servers=[{address=db-1:27017}]}"));
				case "socket" -> throw translated(new MongoSocketReadTimeoutException("Timeout while receiving message",
						new ServerAddress("db-1", 27017), new SocketTimeoutException("Read timed out")));
				default -> {
					return id;
				}
			}
		}

	}

}
