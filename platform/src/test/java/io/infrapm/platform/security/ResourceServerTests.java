package io.infrapm.platform.security;

import java.util.List;

import io.infrapm.embedded.TestIssuer;
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
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
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

	private static final TestIssuer ISSUER = TestIssuer.start();

	@Autowired
	MockMvcTester mvc;

	@DynamicPropertySource
	static void issuer(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", ISSUER::issuerUri);
		registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> TestIssuer.AUDIENCE);
	}

	@AfterAll
	static void stopIssuer() {
		ISSUER.close();
	}

	@Test
	void letsInAValidTokenAndKnowsWhoSentIt() {
		assertThat(get("/api/whoami", ISSUER.token("pat@example.com", "PROJECT_MANAGER"))).hasStatusOk()
			.bodyText()
			.isEqualTo("pat@example.com [ROLE_PROJECT_MANAGER]");
	}

	@Test
	void givesAControllerTheCallerFromTheTokenAndIgnoresRolesItDoesNotKnow() {
		assertThat(get("/api/caller", ISSUER.token("Pat.Miller@Example.com", "EXECUTIVE", "ADMIN"))).hasStatusOk()
			.bodyText()
			.isEqualTo("Pat.Miller@Example.com pat.miller@example.com Pat Miller [EXECUTIVE] portfolio=true");
		assertThat(get("/api/caller", ISSUER.token("sam@example.com"))).hasStatusOk()
			.bodyText()
			.isEqualTo("sam@example.com sam@example.com Sam [] portfolio=false");
	}

	@Test
	void letsAWebTestActAsAnyCallerWithSpringSecurityTestsJwtSupport() {
		assertThat(this.mvc.get()
			.uri("/api/caller")
			.with(SecurityMockMvcRequestPostProcessors.jwt()
				.jwt((jwt) -> jwt.subject("sue@example.com")
					.claim("email", "sue@example.com")
					.claim("name", "Sue Sponsor")
					.claim("roles", List.of("EXECUTIVE")))
				.authorities(ResourceServerAutoConfiguration.roleAuthorities())))
			.hasStatusOk()
			.bodyText()
			.isEqualTo("sue@example.com sue@example.com Sue Sponsor [EXECUTIVE] portfolio=true");
	}

	@Test
	void tellsAClientWithoutATokenWhichIssuerToAsk() {
		MvcTestResult metadata = get("/.well-known/oauth-protected-resource", null);
		assertThat(metadata).hasStatusOk();
		assertThat(metadata).bodyJson()
			.extractingPath("$.authorization_servers")
			.asArray()
			.containsExactly(ISSUER.issuerUri());
		assertThat(metadata).bodyJson().extractingPath("$.tls_client_certificate_bound_access_tokens").isEqualTo(false);
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
		List<String> refused = List.of(ISSUER.forgedToken("pat@example.com"), ISSUER.expiredToken("pat@example.com"),
				ISSUER.tokenWith("pat@example.com", (claims) -> claims.issuer("http://elsewhere")),
				ISSUER.tokenWith("pat@example.com", (claims) -> claims.audience("another-audience")), "not-a-jwt");
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
		MvcTestResult stakeholder = get("/actuator/env", ISSUER.token("sam@example.com", "STAKEHOLDER"));
		assertThat(stakeholder).hasStatus(403).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(stakeholder).bodyJson().extractingPath("$.status").asNumber().isEqualTo(403);
		assertThat(get("/actuator/env", ISSUER.token("portia@example.com", "PORTFOLIO_MANAGER"))).hasStatusOk();
	}

	private MvcTestResult get(String path, String token) {
		return (token != null)
				? this.mvc.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
				: this.mvc.get().uri(path).exchange();
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

		@GetMapping("/api/caller")
		String caller(Caller caller) {
			return caller.subject() + " " + caller.email() + " " + caller.name() + " " + caller.roles() + " portfolio="
					+ caller.readsWholePortfolio();
		}

		@GetMapping({ "/actuator/health/readiness", "/actuator/prometheus", "/actuator/env" })
		String operations() {
			return "ok";
		}

	}

}
