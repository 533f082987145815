package io.infrapm.issuer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The embedded issuer as its clients meet it: over HTTP, a user logging in through the
 * login page with the authorization code and PKCE, a machine client with its secret, and
 * every token checked against the JWK set the issuer publishes.
 */
class DevIssuerTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String CALLBACK = "http://127.0.0.1:54321/callback";

	@TempDir
	Path directory;

	@Test
	void aUserLogsInWithPkceAndGetsATokenNamingThemWithTheirRoles() throws Exception {
		try (DevIssuer issuer = DevIssuer.start(this.directory, 0)) {
			String token = IssuerLogin.accessToken(issuer.issuerUri(), "pat@example.com", password("pat@example.com"));
			JWTClaimsSet claims = verified(issuer, token);
			assertThat(claims.getSubject()).isEqualTo("pat@example.com");
			assertThat(claims.getStringClaim("email")).isEqualTo("pat@example.com");
			assertThat(claims.getStringClaim("name")).isEqualTo("Pat Manager");
			assertThat(claims.getStringListClaim("roles")).containsExactly("PROJECT_MANAGER");
			HttpResponse<String> userInfo = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(issuer.issuerUri() + "/userinfo"))
					.header("Authorization", "Bearer " + token)
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(JSON.readTree(userInfo.body()).get("email").asString()).isEqualTo("pat@example.com");
			assertThat(JSON.readTree(userInfo.body()).get("name").asString()).isEqualTo("Pat Manager");

			assertThatExceptionOfType(IssuerLogin.IssuerLoginException.class)
				.isThrownBy(() -> IssuerLogin.accessToken(issuer.issuerUri(), "pat@example.com", "not-the-password"))
				.withMessageContaining("refused the login");
		}
	}

	@Test
	void aUserAddedWhileItRunsLogsInAtOnceWithTheRolesGiven() throws Exception {
		try (DevIssuer issuer = DevIssuer.start(this.directory, 0)) {
			String password = DevIssuer.passwordOf(this.directory, "Ops@Example.com",
					List.of("EXECUTIVE", "PROJECT_MANAGER"));
			JWTClaimsSet claims = verified(issuer,
					IssuerLogin.accessToken(issuer.issuerUri(), "ops@example.com", password));
			assertThat(claims.getStringClaim("email")).isEqualTo("ops@example.com");
			assertThat(claims.getStringListClaim("roles")).containsExactly("EXECUTIVE", "PROJECT_MANAGER");
			// Asked again without roles: the same password, the roles kept.
			assertThat(DevIssuer.passwordOf(this.directory, "ops@example.com", List.of())).isEqualTo(password);
			assertThat(verified(issuer, IssuerLogin.accessToken(issuer.issuerUri(), "ops@example.com", password))
				.getStringListClaim("roles")).containsExactly("EXECUTIVE", "PROJECT_MANAGER");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> DevIssuer.passwordOf(this.directory, "ops@example.com", List.of("ADMIN")))
				.withMessageContaining("ADMIN");
		}
	}

	@Test
	void aPublicClientCannotSkipPkce() throws Exception {
		try (DevIssuer issuer = DevIssuer.start(this.directory, 0)) {
			HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
			String authorize = issuer.issuerUri() + "/oauth2/authorize?" + IssuerLogin.form(Map.of("response_type",
					"code", "client_id", "infrapm-cli", "redirect_uri", CALLBACK, "scope", "openid", "state", "s-2"));
			HttpResponse<String> refused = browser.send(IssuerLogin.get(authorize),
					HttpResponse.BodyHandlers.ofString());
			// Sent back to the client with an error, never to a login page.
			assertThat(refused.statusCode()).isEqualTo(302);
			assertThat(location(refused)).startsWith(CALLBACK).contains("error=invalid_request");
		}
	}

	@Test
	void aMachineClientGetsATokenWithItsSecretAndNotWithoutIt() throws Exception {
		try (DevIssuer issuer = DevIssuer.start(this.directory, 0)) {
			JsonNode integration = client("integration");
			String secret = integration.get("secret").asString().replace("{noop}", "");
			HttpResponse<String> token = HttpClient.newHttpClient()
				.send(IssuerLogin.post(issuer.issuerUri() + "/oauth2/token", Map.of("grant_type", "client_credentials",
						"client_id", "integration", "client_secret", secret, "scope", "events.read")),
						HttpResponse.BodyHandlers.ofString());
			assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
			JWTClaimsSet claims = verified(issuer, JSON.readTree(token.body()).get("access_token").asString());
			assertThat(claims.getSubject()).isEqualTo("integration");
			assertThat(claims.getStringListClaim("roles")).containsExactly("STAKEHOLDER");
			assertThat(claims.getStringClaim("name")).isEqualTo("integration");
			assertThat(claims.getClaims()).as("a system has no address").doesNotContainKey("email");

			HttpResponse<String> wrongSecret = HttpClient.newHttpClient()
				.send(IssuerLogin.post(issuer.issuerUri() + "/oauth2/token", Map.of("grant_type", "client_credentials",
						"client_id", "integration", "client_secret", secret + "x")),
						HttpResponse.BodyHandlers.ofString());
			assertThat(wrongSecret.statusCode()).isEqualTo(401);
		}
	}

	@Test
	void keepsItsKeyUsersAndClientsAcrossRestartsInFilesOnlyItsOwnerReads() throws Exception {
		String firstKey;
		try (DevIssuer issuer = DevIssuer.start(this.directory, 0)) {
			firstKey = publishedKey(issuer).getKeyID();
		}
		String pat = password("pat@example.com");
		try (DevIssuer issuer = DevIssuer.start(this.directory, 0)) {
			assertThat(publishedKey(issuer).getKeyID()).isEqualTo(firstKey);
		}
		assertThat(password("pat@example.com")).isEqualTo(pat);
		for (String file : new String[] { SigningKeys.FILE_NAME, DevUsers.FILE_NAME, DevClients.FILE_NAME }) {
			assertThat(Files.getPosixFilePermissions(this.directory.resolve(file))).as(file)
				.isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
		}
		// The file keeps the private part; the published set (above) does not.
		assertThat(Files.readString(this.directory.resolve(SigningKeys.FILE_NAME))).contains("\"d\"");
	}

	@Test
	void refusesToStartOnAUsersFileItCannotRead() throws Exception {
		Files.writeString(this.directory.resolve(DevUsers.FILE_NAME),
				"{\"users\": [{\"email\": \"pat@example.com\", \"roles\": [\"ADMIN\"]}]}");
		assertThatException().isThrownBy(() -> DevIssuer.start(this.directory, 0).close())
			.withStackTraceContaining("ADMIN");
	}

	private static RSAKey publishedKey(DevIssuer issuer) throws Exception {
		HttpResponse<String> jwks = HttpClient.newHttpClient()
			.send(IssuerLogin.get(issuer.issuerUri() + "/oauth2/jwks"), HttpResponse.BodyHandlers.ofString());
		RSAKey key = JWKSet.parse(jwks.body()).getKeys().get(0).toRSAKey();
		assertThat(key.isPrivate()).as("a published key with its private part").isFalse();
		return key;
	}

	private static JWTClaimsSet verified(DevIssuer issuer, String token) throws Exception {
		SignedJWT jwt = SignedJWT.parse(token);
		assertThat(jwt.verify(new RSASSAVerifier(publishedKey(issuer)))).as("signed with the published key").isTrue();
		JWTClaimsSet claims = jwt.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo(issuer.issuerUri());
		assertThat(claims.getAudience()).contains("infrapm");
		assertThat(claims.getExpirationTime()).isAfter(new Date());
		return claims;
	}

	private String password(String email) throws Exception {
		for (JsonNode user : JSON.readTree(Files.readString(this.directory.resolve(DevUsers.FILE_NAME))).get("users")) {
			if (user.get("email").asString().equals(email)) {
				return user.get("password").asString().replace("{noop}", "");
			}
		}
		throw new AssertionError("no user " + email);
	}

	private JsonNode client(String clientId) throws Exception {
		for (JsonNode client : JSON.readTree(Files.readString(this.directory.resolve(DevClients.FILE_NAME)))
			.get("clients")) {
			if (client.get("clientId").asString().equals(clientId)) {
				return client;
			}
		}
		throw new AssertionError("no client " + clientId);
	}

	private static String location(HttpResponse<?> response) {
		return response.headers().firstValue("Location").orElseThrow();
	}

}
