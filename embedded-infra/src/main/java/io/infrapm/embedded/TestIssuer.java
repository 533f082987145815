package io.infrapm.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * An OpenID issuer for service tests: it serves a discovery document and its key set on
 * loopback, as a real issuer does, so that a service under test finds and checks keys
 * exactly as in production, and it signs access tokens in-process with the claims the
 * development issuer and the Keycloak realm put in theirs ({@code iss}, {@code aud}
 * {@value #AUDIENCE}, {@code sub}, {@code email}, {@code name}, {@code roles}), without a
 * login round trip per token.
 * <p>
 * It also makes the tokens a service must refuse: signed by a key it does not publish,
 * and expired.
 */
public final class TestIssuer implements AutoCloseable {

	/** The audience every InfraPM service expects. */
	public static final String AUDIENCE = "infrapm";

	private static final Duration LIFETIME = Duration.ofMinutes(30);

	private final RSAKey key = newKey();

	private final RSAKey unknownKey = newKey();

	private final HttpServer server;

	private final String issuerUri;

	private TestIssuer(HttpServer server) {
		this.server = server;
		this.issuerUri = "http://127.0.0.1:" + server.getAddress().getPort();
		serve("/.well-known/openid-configuration",
				"{\"issuer\":\"" + this.issuerUri + "\",\"jwks_uri\":\"" + this.issuerUri
						+ "/jwks\",\"subject_types_supported\":[\"public\"],"
						+ "\"id_token_signing_alg_values_supported\":[\"RS256\"]}");
		serve("/jwks", new JWKSet(this.key.toPublicJWK()).toString());
		server.start();
	}

	/**
	 * Starts an issuer on a free loopback port.
	 * @return the running issuer
	 */
	public static TestIssuer start() {
		try {
			return new TestIssuer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the test issuer", ex);
		}
	}

	/**
	 * The issuer's identifier, which is also where its discovery document is.
	 * @return e.g. {@code http://127.0.0.1:41236}
	 */
	public String issuerUri() {
		return this.issuerUri;
	}

	/**
	 * A valid access token for a user.
	 * @param email the user's e-mail address, also the subject
	 * @param roles platform roles, e.g. {@code PROJECT_MANAGER}
	 * @return the signed JWT
	 */
	public String token(String email, String... roles) {
		return sign(this.key, claims(email, roles, Instant.now().plus(LIFETIME)));
	}

	/**
	 * The {@code Authorization} header value of a valid token for a user.
	 * @param email the user's e-mail address
	 * @param roles platform roles
	 * @return {@code Bearer <token>}
	 */
	public String bearer(String email, String... roles) {
		return "Bearer " + token(email, roles);
	}

	/**
	 * A token that is well-formed and otherwise valid but signed by a key the issuer does
	 * not publish, under the published key's id.
	 * @param email the user's e-mail address
	 * @param roles platform roles
	 * @return the forged JWT
	 */
	public String forgedToken(String email, String... roles) {
		return sign(this.unknownKey, claims(email, roles, Instant.now().plus(LIFETIME)));
	}

	/**
	 * A token signed by the issuer's key that expired ten minutes ago, well past the
	 * clock skew a service allows.
	 * @param email the user's e-mail address
	 * @param roles platform roles
	 * @return the expired JWT
	 */
	public String expiredToken(String email, String... roles) {
		return sign(this.key, claims(email, roles, Instant.now().minus(Duration.ofMinutes(10))));
	}

	/**
	 * A token signed by the issuer's key whose claims a test has changed, e.g. to another
	 * issuer or audience.
	 * @param email the user's e-mail address
	 * @param change changes the valid token's claims
	 * @param roles platform roles
	 * @return the signed JWT
	 */
	public String tokenWith(String email, UnaryOperator<JWTClaimsSet.Builder> change, String... roles) {
		JWTClaimsSet valid = claims(email, roles, Instant.now().plus(LIFETIME));
		return sign(this.key, change.apply(new JWTClaimsSet.Builder(valid)).build());
	}

	private JWTClaimsSet claims(String email, String[] roles, Instant expiry) {
		return new JWTClaimsSet.Builder().issuer(this.issuerUri)
			.audience(AUDIENCE)
			.subject(email)
			.claim("email", email)
			.claim("name", displayName(email))
			.claim("roles", List.copyOf(Arrays.asList(roles)))
			.issueTime(Date.from(expiry.minus(LIFETIME)))
			.notBeforeTime(Date.from(expiry.minus(LIFETIME)))
			.expirationTime(Date.from(expiry))
			.jwtID(UUID.randomUUID().toString())
			.build();
	}

	/** {@code pat.miller@example.com} → {@code Pat Miller}. */
	static String displayName(String email) {
		String local = email.substring(0, Math.max(email.indexOf('@'), 0));
		StringBuilder name = new StringBuilder();
		for (String part : local.split("[._-]+")) {
			if (!part.isEmpty()) {
				name.append(name.isEmpty() ? "" : " ")
					.append(part.substring(0, 1).toUpperCase(Locale.ROOT))
					.append(part.substring(1));
			}
		}
		return name.isEmpty() ? email : name.toString();
	}

	private String sign(RSAKey signingKey, JWTClaimsSet claims) {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.key.getKeyID()).build(),
				claims);
		try {
			jwt.sign(new RSASSASigner(signingKey));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign a test token", ex);
		}
		return jwt.serialize();
	}

	private void serve(String path, String json) {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		this.server.createContext(path, (exchange) -> {
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
	}

	private static RSAKey newKey() {
		try {
			return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not generate a test signing key", ex);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	@Override
	public String toString() {
		return "test issuer " + this.issuerUri;
	}

}
