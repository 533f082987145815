package io.infrapm.embedded;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.mongodb.client.MongoDatabase;
import org.bson.conversions.Bson;

import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The authorisation net every service's tests cast over all of its endpoints (DESIGN.md
 * §7): each endpoint under {@code /api/}, as the service's own request mappings list
 * them, is called
 * <ol>
 * <li>without a token, with a forged token and with an expired one, and must answer 401
 * as a problem with {@code WWW-Authenticate};</li>
 * <li>by a member of project A on project B, and must answer as if B did not exist (404),
 * unless the test states another answer for that endpoint (an endpoint that is not about
 * one project, e.g. starting a project);</li>
 * </ol>
 * and the service's state must be the same after all of it as before. An endpoint that
 * takes a body must be given one that is valid, so that only authorisation can refuse it;
 * a new endpoint without one fails the walk, so that no endpoint escapes the net.
 * <p>
 * Every endpoint must be in the service's OpenAPI document with its problem answers, and
 * one that takes a body with an example of it. The outsider is sent that example too and
 * must get the same answer, so an example that no longer passes validation (a 400 where a
 * 404 belongs) fails the walk; an endpoint given no body uses its example.
 */
public final class AuthorisationWalk {

	private static final Pattern VARIABLE = Pattern.compile("\\{([^}/]+)}");

	private final TestHttp http;

	private final String baseUrl;

	private final TestIssuer issuer;

	private final Map<String, String> pathValues = new LinkedHashMap<>();

	private final Map<String, String> bodies = new LinkedHashMap<>();

	private final Map<String, Integer> outsiderStatus = new LinkedHashMap<>();

	private String outsiderToken;

	private Supplier<?> state = () -> "";

	/**
	 * Starts a walk of one running service.
	 * @param baseUrl e.g. {@code http://localhost:41234}
	 * @param issuer the issuer the service trusts
	 */
	public AuthorisationWalk(String baseUrl, TestIssuer issuer) {
		this.baseUrl = baseUrl;
		this.http = new TestHttp(baseUrl);
		this.issuer = issuer;
	}

	/**
	 * Every endpoint of a running service, from its request mappings.
	 * @param context the service's application context
	 * @return e.g. {@code GET /api/projects/{id}}, sorted
	 */
	public static List<String> endpointsOf(ApplicationContext context) {
		RequestMappingHandlerMapping mappings = context.getBean("requestMappingHandlerMapping",
				RequestMappingHandlerMapping.class);
		Set<String> endpoints = new TreeSet<>();
		mappings.getHandlerMethods().keySet().forEach((info) -> {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			for (String pattern : info.getPatternValues()) {
				if (methods.isEmpty()) {
					// Any method: walk the one that reads and the one that writes.
					endpoints.add("GET " + pattern);
					endpoints.add("POST " + pattern);
				}
				methods.forEach((method) -> endpoints.add(method.name() + " " + pattern));
			}
		});
		return List.copyOf(endpoints);
	}

	/**
	 * The contents of a service's collections, as a walk's state that must not change:
	 * every document as JSON, but for the outbox entries waiting to be relayed (the relay
	 * removes them at any time; a new event would show in the document's event sequence).
	 * @param database the service's database
	 * @param collections the collections its endpoints could change
	 * @return reads the contents
	 */
	public static Supplier<Map<String, List<String>>> contentsOf(MongoDatabase database, String... collections) {
		Map<String, Bson> all = new LinkedHashMap<>();
		for (String collection : collections) {
			all.put(collection, new org.bson.Document());
		}
		return contentsOf(database, all);
	}

	/**
	 * The documents of some collections that match a filter each, as a walk's state: for
	 * a service that other tests' events may change elsewhere while the walk runs (a
	 * consumer catching up on a topic), the walk checks the project it walks.
	 * @param database the service's database
	 * @param filters the filter of each collection
	 * @return a supplier of the matching documents, by collection
	 */
	public static Supplier<Map<String, List<String>>> contentsOf(MongoDatabase database, Map<String, Bson> filters) {
		return () -> {
			Map<String, List<String>> contents = new TreeMap<>();
			for (Map.Entry<String, Bson> filter : filters.entrySet()) {
				String collection = filter.getKey();
				List<String> documents = new ArrayList<>();
				database.getCollection(collection).find(filter.getValue()).forEach((document) -> {
					document.remove("outbox");
					document.remove("outboxSince");
					documents.add(document.toJson());
				});
				documents.sort(null);
				contents.put(collection, documents);
			}
			return contents;
		};
	}

	/**
	 * The value a path variable takes: project B's id for {@code projectId}, an id of one
	 * of B's resources for the others.
	 * @param variable e.g. {@code projectId}
	 * @param value e.g. project B's id
	 * @return this walk
	 */
	public AuthorisationWalk pathValue(String variable, String value) {
		this.pathValues.put(variable, value);
		return this;
	}

	/**
	 * A valid body for an endpoint.
	 * @param endpoint e.g. {@code POST /api/projects/{projectId}/stakeholders}
	 * @param json the body
	 * @return this walk
	 */
	public AuthorisationWalk body(String endpoint, String json) {
		this.bodies.put(endpoint, json);
		return this;
	}

	/**
	 * The member of project A who acts on project B.
	 * @param token their access token
	 * @return this walk
	 */
	public AuthorisationWalk outsider(String token) {
		this.outsiderToken = token;
		return this;
	}

	/**
	 * The answer the outsider gets from an endpoint that is not about one project.
	 * @param endpoint e.g. {@code POST /api/projects}
	 * @param status e.g. 403
	 * @return this walk
	 */
	public AuthorisationWalk outsiderGets(String endpoint, int status) {
		this.outsiderStatus.put(endpoint, status);
		return this;
	}

	/**
	 * What must not change: e.g. the counts of the service's collections and its outbox.
	 * @param state read before and after the walk, compared with {@code equals}
	 * @return this walk
	 */
	public AuthorisationWalk unchanged(Supplier<?> state) {
		this.state = state;
		return this;
	}

	/**
	 * Walks the endpoints.
	 * @param endpoints every endpoint of the service, as {@code METHOD /path/{var}}
	 * @return what each endpoint answered the outsider, by endpoint
	 * @throws AssertionError listing every endpoint that answered wrongly
	 */
	public Map<String, Integer> walk(Collection<String> endpoints) {
		Objects.requireNonNull(this.outsiderToken, "outsider token");
		Object before = this.state.get();
		List<String> wrong = new ArrayList<>();
		Map<String, Integer> outsider = new LinkedHashMap<>();
		List<String> api = endpoints.stream()
			.filter((e) -> e.substring(e.indexOf(' ') + 1).startsWith("/api/"))
			.toList();
		if (api.isEmpty()) {
			throw new AssertionError("no endpoint under /api/ to walk in " + endpoints);
		}
		Map<String, String> examples = new LinkedHashMap<>();
		wrong.addAll(undocumented(api, examples));
		for (String endpoint : api) {
			String method = endpoint.substring(0, endpoint.indexOf(' '));
			String path = endpoint.substring(endpoint.indexOf(' ') + 1);
			String example = examples.get(endpoint);
			String body = this.bodies.getOrDefault(endpoint, example);
			if (body == null && (method.equals("POST") || method.equals("PUT") || method.equals("PATCH"))) {
				wrong.add(endpoint
						+ ": no valid body given to the walk, so it cannot tell authorisation from validation");
				continue;
			}
			String uri;
			try {
				uri = resolve(path);
			}
			catch (IllegalArgumentException ex) {
				wrong.add(endpoint + ": " + ex.getMessage());
				continue;
			}
			String email = "walker@example.com";
			Map<String, String> refused = new LinkedHashMap<>();
			refused.put("no token", null);
			refused.put("a forged token", this.issuer.forgedToken(email, "PORTFOLIO_MANAGER"));
			refused.put("an expired token", this.issuer.expiredToken(email, "PORTFOLIO_MANAGER"));
			refused.forEach((what, token) -> {
				HttpResponse<String> response = this.http.send(method, uri, body, token);
				if (response.statusCode() != 401 || !isProblem(response)
						|| response.headers().firstValue("WWW-Authenticate").isEmpty()) {
					wrong.add(endpoint + " with " + what + ": " + response.statusCode() + " " + response.body());
				}
			});
			boolean projectScoped = VARIABLE.matcher(path).find();
			Integer expected = this.outsiderStatus.getOrDefault(endpoint, projectScoped ? 404 : null);
			if (expected == null) {
				wrong.add(endpoint + ": not about one project, so the walk must be told what an outsider gets");
				continue;
			}
			HttpResponse<String> response = this.http.send(method, uri, body, this.outsiderToken);
			outsider.put(endpoint, response.statusCode());
			if (response.statusCode() != expected || (expected >= 400 && !isProblem(response))) {
				wrong.add(endpoint + " by another project's member: " + response.statusCode() + " (expected " + expected
						+ ") " + response.body());
			}
			if (example != null && !example.equals(body)) {
				HttpResponse<String> exampled = this.http.send(method, uri, example, this.outsiderToken);
				if (exampled.statusCode() != expected) {
					wrong.add(endpoint + " with its OpenAPI example, by another project's member: "
							+ exampled.statusCode() + " (expected " + expected + ") " + exampled.body());
				}
			}
		}
		Object after = this.state.get();
		if (!before.equals(after)) {
			wrong.add("the walk changed the service's state: " + before + " → " + after);
		}
		if (!wrong.isEmpty()) {
			throw new AssertionError("Authorisation walk of " + this.baseUrl + ":\n  " + String.join("\n  ", wrong));
		}
		return outsider;
	}

	/**
	 * What the OpenAPI document lacks of the endpoints, and the examples of their request
	 * bodies it holds.
	 */
	private List<String> undocumented(List<String> endpoints, Map<String, String> examples) {
		HttpResponse<String> docs = this.http.get("/v3/api-docs", null);
		if (docs.statusCode() != 200) {
			return List.of("GET /v3/api-docs without a token: " + docs.statusCode() + " " + docs.body());
		}
		Map<?, ?> paths = JsonPath.parse(docs.body()).read("$.paths", Map.class);
		List<String> missing = new ArrayList<>();
		for (String endpoint : endpoints) {
			String method = endpoint.substring(0, endpoint.indexOf(' ')).toLowerCase(Locale.ROOT);
			String path = endpoint.substring(endpoint.indexOf(' ') + 1);
			Object operationsOfPath = paths.get(path);
			if (!(operationsOfPath instanceof Map<?, ?> byMethod) || !byMethod.containsKey(method)) {
				missing.add(endpoint + ": not in the OpenAPI document");
			}
			else if (!(byMethod.get(method) instanceof Map<?, ?> operation)
					|| !(operation.get("responses") instanceof Map<?, ?> responses)
					|| !responses.keySet().containsAll(List.of("400", "401", "403", "404"))) {
				missing.add(endpoint + ": its problem answers (400, 401, 403, 404) are not in the OpenAPI document");
			}
			else if (operation.get("requestBody") instanceof Map<?, ?> requestBody) {
				Object example = exampleOf(requestBody);
				if (example == null) {
					missing.add(endpoint + ": its request body has no example in the OpenAPI document");
				}
				else {
					examples.put(endpoint, Configuration.defaultConfiguration().jsonProvider().toJson(example));
				}
			}
		}
		return missing;
	}

	private static Object exampleOf(Map<?, ?> requestBody) {
		if (requestBody.get("content") instanceof Map<?, ?> content) {
			for (Object media : content.values()) {
				if (media instanceof Map<?, ?> type && type.get("examples") instanceof Map<?, ?> named
						&& named.get("example") instanceof Map<?, ?> example && example.containsKey("value")) {
					return example.get("value");
				}
			}
		}
		return null;
	}

	private String resolve(String path) {
		Matcher matcher = VARIABLE.matcher(path);
		StringBuilder resolved = new StringBuilder();
		while (matcher.find()) {
			String value = this.pathValues.get(matcher.group(1));
			if (value == null) {
				throw new IllegalArgumentException("no value for path variable {" + matcher.group(1) + "}");
			}
			matcher.appendReplacement(resolved, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(resolved);
		return resolved.toString();
	}

	private static boolean isProblem(HttpResponse<String> response) {
		return response.headers()
			.firstValue("Content-Type")
			.map((type) -> type.startsWith("application/problem+json"))
			.orElse(false);
	}

}
