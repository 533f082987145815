package io.infrapm.issuer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

/**
 * The issuer's signing key, kept as a JWK set in one file: made on the first start, read
 * on every later one, so that a token stays valid when the platform restarts.
 */
final class SigningKeys {

	static final String FILE_NAME = "signing-keys.json";

	private SigningKeys() {
	}

	/**
	 * The key set in the file, made first if there is none.
	 * @param directory the issuer's directory
	 * @return the key set, private parts included
	 */
	static JWKSet loadOrCreate(Path directory) {
		Path file = directory.resolve(FILE_NAME);
		if (Files.exists(file)) {
			try {
				JWKSet keys = JWKSet.parse(OwnerOnlyFiles.read(file));
				if (keys.getKeys().isEmpty() || !keys.getKeys().get(0).isPrivate()) {
					throw new IllegalStateException(file + " holds no private signing key");
				}
				return keys;
			}
			catch (ParseException ex) {
				throw new IllegalStateException(file + " is not a JWK set: " + ex.getMessage(), ex);
			}
		}
		try {
			RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.keyID(UUID.randomUUID().toString())
				.generate();
			JWKSet keys = new JWKSet(key);
			OwnerOnlyFiles.write(file, keys.toString(false));
			return keys;
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("could not make a signing key", ex);
		}
	}

}
