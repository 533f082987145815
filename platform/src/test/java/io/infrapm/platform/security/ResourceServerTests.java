package io.infrapm.platform.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service with an issuer configured, as its clients meet it: tokens signed by the
 * issuer's key, for the platform's audience and in date, get in; anything else gets a 401
 * problem with {@code WWW-Authenticate}; a role the endpoint does not admit, a 403
 * problem.
 */
@SpringBootTest(classes = ResourceServerTests.Service.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
class ResourceServerTests {

	private static final RSAKey KEY = key();

	private static final RSAKey OTHER_KEY = key();

	/** The issuer's discovery document and key set, as a real issuer serves them. */
	private static final HttpServer ISSUER_SERVER = issuerServer();

	private static final String ISSUER = "http://127.0.0.1:" + ISSUER_SERVER.getAddress().getPort();

	@Autowired
	MockMvcTester mvc;

	@DynamicPropertySource
	static void issuer(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> ISSUER);
		registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> "infrapm");
	}

	@AfterAll
	static void stopIssuer() {
		ISSUER_SERVER.stop(0);
	}

	private static HttpServer issuerServer() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			String issuer = "http://127.0.0.1:" + server.getAddress().getPort();
			serve(server, "/.well-known/openid-configuration", "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer
					+ "/jwks\",\"subject_types_supported\":[\"public\"]}");
			serve(server, "/jwks", new JWKSet(KEY.toPublicJWK()).toString());
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void serve(HttpServer server, String path, String json) {
		server.createContext(path, (exchange) -> {
			byte[] body = json.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
	}

	@Test
	void letsInAValidTokenAndKnowsWhoSentIt() {
		assertThat(get("/api/whoami", token(KEY, ISSUER, "infrapm", 300, List.of("PROJECT_MANAGER")))).hasStatusOk()
			.bodyText()
			.isEqualTo("pat@example.com [ROLE_PROJECT_MANAGER]");
	}

	@Test
	void answersAMissingTokenWith401ProblemAndWwwAuthenticate() {
		MvcTestResult result = get("/api/whoami", null);
		assertThat(result).hasStatus(401).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("needs a bearer token");
		assertThat(result).bodyJson().extractingPath("$.instance").asString().isEqualTo("/api/whoami");
	}

	@Test
	void refusesForgedExpiredForeignAndMalformedTokens() {
		List<String> refused = List.of(token(OTHER_KEY, ISSUER, "infrapm", 300, List.of()),
				token(KEY, ISSUER, "infrapm", -120, List.of()),
				token(KEY, "http://elsewhere", "infrapm", 300, List.of()),
				token(KEY, ISSUER, "another-audience", 300, List.of()), "not-a-jwt");
		for (String token : refused) {
			MvcTestResult result = get("/api/whoami", token);
			assertThat(result).as(token)
				.hasStatus(401)
				.hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(result.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE))
				.startsWith("Bearer error=\"invalid_token\"");
			assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("not valid");
		}
	}

	@Test
	void leavesProbesAndTheScrapeOpenAndKeepsTheOtherOperationsEndpointsToPortfolioManagers() {
		assertThat(get("/actuator/health/readiness", null)).hasStatusOk();
		assertThat(get("/actuator/prometheus", null)).hasStatusOk();
		assertThat(get("/actuator/env", null)).hasStatus(401);
		MvcTestResult stakeholder = get("/actuator/env", token(KEY, ISSUER, "infrapm", 300, List.of("STAKEHOLDER")));
		assertThat(stakeholder).hasStatus(403).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(stakeholder).bodyJson().extractingPath("$.status").asNumber().isEqualTo(403);
		assertThat(get("/actuator/env", token(KEY, ISSUER, "infrapm", 300, List.of("PORTFOLIO_MANAGER"))))
			.hasStatusOk();
	}

	private MvcTestResult get(String path, String token) {
		return (token != null)
				? this.mvc.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
				: this.mvc.get().uri(path).exchange();
	}

	private static String token(RSAKey key, String issuer, String audience, long lifetimeSeconds, List<String> roles) {
		try {
			Instant now = Instant.now();
			JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer)
				.audience(audience)
				.subject("pat@example.com")
				.claim("email", "pat@example.com")
				.claim("roles", roles)
				.issueTime(Date.from(now.minusSeconds(600)))
				.expirationTime(Date.from(now.plusSeconds(lifetimeSeconds)))
				.jwtID(UUID.randomUUID().toString())
				.build();
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
					claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RSAKey key() {
		try {
			return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ JacksonAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
			WebMvcAutoConfiguration.class, SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
			SecurityFilterAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class,
			ResourceServerAutoConfiguration.class })
	@RestController
	static class Service {

		@GetMapping("/api/whoami")
		String whoami(java.security.Principal principal) {
			return principal.getName() + " "
					+ ((Authentication) principal).getAuthorities()
						.stream()
						.map(GrantedAuthority::getAuthority)
						.filter((authority) -> authority.startsWith("ROLE_"))
						.toList();
		}

		@GetMapping({ "/actuator/health/readiness", "/actuator/prometheus", "/actuator/env" })
		String operations() {
			return "ok";
		}

	}

}
