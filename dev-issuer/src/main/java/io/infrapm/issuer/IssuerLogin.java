package io.infrapm.issuer;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Logs a user in at an issuer the way a browser does with the command line's public
 * client: the authorization request with a PKCE challenge, the login page (with its CSRF
 * token), the code sent back to a loopback redirect, and the code exchanged for the
 * tokens with the verifier. Used by {@code ./infrapm token} and by the end-to-end tests,
 * so that both get their tokens exactly as a user would.
 */
public final class IssuerLogin {

	/**
	 * The public client of the command line (seeded in {@value DevClients#FILE_NAME}).
	 */
	public static final String CLI_CLIENT = "infrapm-cli";

	/** Nothing listens there: the code is read from the redirect itself. */
	private static final String REDIRECT = "http://127.0.0.1:53682/callback";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private IssuerLogin() {
	}

	/**
	 * An access token for a user.
	 * @param issuerUri the issuer, e.g. {@code http://127.0.0.1:9000}
	 * @param email the user's login
	 * @param password the user's password
	 * @return the access token (a signed JWT)
	 * @throws IssuerLoginException if the issuer refuses or cannot be reached
	 */
	public static String accessToken(String issuerUri, String email, String password) {
		try {
			return login(issuerUri, email, password);
		}
		catch (IOException ex) {
			throw new IssuerLoginException(
					"the issuer at " + issuerUri + " cannot be reached (" + ex.getClass().getSimpleName() + ")", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IssuerLoginException("interrupted while logging in at " + issuerUri, ex);
		}
	}

	private static String login(String issuerUri, String email, String password)
			throws IOException, InterruptedException {
		HttpClient browser = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		String verifier = DevUsers.secret() + DevUsers.secret();
		String state = DevUsers.secret();
		String authorize = issuerUri + "/oauth2/authorize?"
				+ form(Map.of("response_type", "code", "client_id", CLI_CLIENT, "redirect_uri", REDIRECT, "scope",
						"openid profile email", "state", state, "code_challenge", challenge(verifier),
						"code_challenge_method", "S256"));
		HttpResponse<String> toLogin = browser.send(get(authorize), HttpResponse.BodyHandlers.ofString());
		expectRedirect(toLogin, "the authorization request");
		HttpResponse<String> loginPage = browser.send(get(issuerUri + "/login"), HttpResponse.BodyHandlers.ofString());
		Matcher csrf = CSRF.matcher(loginPage.body());
		if (loginPage.statusCode() != 200 || !csrf.find()) {
			throw new IssuerLoginException("the issuer's login page answered " + loginPage.statusCode());
		}
		HttpResponse<String> loggedIn = browser.send(
				post(issuerUri + "/login", Map.of("username", email, "password", password, "_csrf", csrf.group(1))),
				HttpResponse.BodyHandlers.ofString());
		String next = expectRedirect(loggedIn, "the login");
		if (next.contains("/login?error")) {
			throw new IssuerLoginException("the issuer refused the login of " + email);
		}
		HttpResponse<String> back = browser.send(get(next.startsWith("/") ? issuerUri + next : next),
				HttpResponse.BodyHandlers.ofString());
		URI callback = URI.create(expectRedirect(back, "the authorization"));
		Map<String, String> parameters = query(callback);
		if (!callback.toString().startsWith(REDIRECT) || !state.equals(parameters.get("state"))
				|| !parameters.containsKey("code")) {
			throw new IssuerLoginException("the issuer did not send a code back: " + parameters);
		}
		HttpResponse<String> tokens = browser.send(
				post(issuerUri + "/oauth2/token",
						Map.of("grant_type", "authorization_code", "code", parameters.get("code"), "redirect_uri",
								REDIRECT, "client_id", CLI_CLIENT, "code_verifier", verifier)),
				HttpResponse.BodyHandlers.ofString());
		if (tokens.statusCode() != 200) {
			throw new IssuerLoginException("the issuer refused the code: " + tokens.statusCode() + " " + tokens.body());
		}
		JsonNode token = JSON.readTree(tokens.body()).get("access_token");
		if (token == null) {
			throw new IssuerLoginException("the issuer's answer holds no access token");
		}
		return token.asString();
	}

	private static String challenge(String verifier) {
		try {
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(
						MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java has SHA-256", ex);
		}
	}

	private static String expectRedirect(HttpResponse<String> response, String step) {
		if (response.statusCode() != 302 || response.headers().firstValue("Location").isEmpty()) {
			throw new IssuerLoginException(step + " answered " + response.statusCode() + " instead of a redirect");
		}
		return response.headers().firstValue("Location").get();
	}

	static HttpRequest get(String uri) {
		return HttpRequest.newBuilder(URI.create(uri))
			.header("Accept", "text/html")
			.timeout(Duration.ofSeconds(10))
			.GET()
			.build();
	}

	static HttpRequest post(String uri, Map<String, String> fields) {
		return HttpRequest.newBuilder(URI.create(uri))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers.ofString(form(fields)))
			.build();
	}

	static String form(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map((field) -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	private static Map<String, String> query(URI uri) {
		Map<String, String> parameters = new LinkedHashMap<>();
		if (uri.getRawQuery() == null) {
			return parameters;
		}
		for (String pair : uri.getRawQuery().split("&")) {
			String[] parts = pair.split("=", 2);
			parameters.put(parts[0], (parts.length > 1) ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
		}
		return parameters;
	}

	/** The issuer refused a login, or could not be reached. */
	public static final class IssuerLoginException extends RuntimeException {

		IssuerLoginException(String message) {
			super(message);
		}

		IssuerLoginException(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
