package io.infrapm.notification.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

/**
 * A receiver using any Standard Webhooks library must accept what InfraPM signs, and
 * nothing else.
 */
class WebhookSignatureTests {

	private static final Instant SENT = Instant.parse("2026-12-04T20:00:00Z");

	private static final String BODY = "{\"specversion\":\"1.0\",\"type\":\"io.infrapm.risk.RiskAssessed.v1\","
			+ "\"data\":{\"title\":\"Rack delivery — late\"}}";

	private final String secret = WebhookSignature.generateSecret();

	private final WebhookSignature signature = WebhookSignature.of(this.secret);

	@Test
	void signsTheSpecificationsExample() {
		// The test vector of the Standard Webhooks reference libraries.
		WebhookSignature reference = WebhookSignature.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

		String signed = reference.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", Instant.ofEpochSecond(1614265330),
				"{\"test\": 2432232314}");

		assertThat(signed).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
	}

	@Test
	void signsIdTimestampAndBodyWithTheSecretsKey() throws Exception {
		byte[] key = Base64.getDecoder().decode(this.secret.substring("whsec_".length()));
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(key, "HmacSHA256"));
		String expected = "v1," + Base64.getEncoder()
			.encodeToString(
					mac.doFinal(("msg_1." + SENT.getEpochSecond() + "." + BODY).getBytes(StandardCharsets.UTF_8)));

		assertThat(this.signature.sign("msg_1", SENT, BODY)).isEqualTo(expected);
		assertThat(this.signature.headers("msg_1", SENT, BODY)).containsExactly(entry("webhook-id", "msg_1"),
				entry("webhook-timestamp", "1796414400"), entry("webhook-signature", expected));
	}

	@Test
	void generatesDistinctSecretsOf32RandomBytes() {
		String other = WebhookSignature.generateSecret();

		assertThat(this.secret).startsWith("whsec_").isNotEqualTo(other);
		assertThat(Base64.getDecoder().decode(this.secret.substring(6))).hasSize(32);
	}

	@Test
	void refusesAMalformedSecret() {
		assertThatIllegalArgumentException().isThrownBy(() -> WebhookSignature.of("whsec_not base64!"));
		assertThatIllegalArgumentException().isThrownBy(() -> WebhookSignature.of("whsec_"));
	}

	@Test
	void keepsTheKeyOutOfItsDescription() {
		assertThat(this.signature.toString()).doesNotContain(this.secret.substring(6));
	}

	@Test
	void verifiesWhatItSigned() {
		String header = this.signature.sign("msg_1", SENT, BODY);

		assertThat(this.signature.verify("msg_1", "1796414400", BODY, header, clockAt(SENT.plusSeconds(3)))).isTrue();
	}

	@Test
	void rejectsATamperedBody() {
		String header = this.signature.sign("msg_1", SENT, BODY);

		assertThat(this.signature.verify("msg_1", "1796414400", BODY.replace("late", "on time"), header, clockAt(SENT)))
			.isFalse();
	}

	@Test
	void rejectsAnotherIdOrTimestampThanTheOnesSigned() {
		String header = this.signature.sign("msg_1", SENT, BODY);

		assertThat(this.signature.verify("msg_2", "1796414400", BODY, header, clockAt(SENT))).isFalse();
		assertThat(this.signature.verify("msg_1", "1796414401", BODY, header, clockAt(SENT))).isFalse();
	}

	@Test
	void rejectsASignatureMadeWithAnotherSecret() {
		String forged = WebhookSignature.of(WebhookSignature.generateSecret()).sign("msg_1", SENT, BODY);

		assertThat(this.signature.verify("msg_1", "1796414400", BODY, forged, clockAt(SENT))).isFalse();
	}

	@Test
	void rejectsATimestampOutsideTheTolerance() {
		String header = this.signature.sign("msg_1", SENT, BODY);

		assertThat(this.signature.verify("msg_1", "1796414400", BODY, header, clockAt(SENT.plusSeconds(301))))
			.isFalse();
		assertThat(this.signature.verify("msg_1", "1796414400", BODY, header, clockAt(SENT.minusSeconds(301))))
			.isFalse();
		assertThat(this.signature.verify("msg_1", "1796414400", BODY, header, clockAt(SENT.plusSeconds(300)))).isTrue();
		assertThat(this.signature.verify("msg_1", "1796414400", BODY, header, clockAt(SENT.plusSeconds(30)),
				Duration.ofSeconds(10)))
			.isFalse();
	}

	@Test
	void acceptsAnyOfSeveralSignatures() {
		String old = WebhookSignature.of(WebhookSignature.generateSecret()).sign("msg_1", SENT, BODY);
		String current = this.signature.sign("msg_1", SENT, BODY);

		assertThat(this.signature.verify("msg_1", "1796414400", BODY, old + " " + current, clockAt(SENT))).isTrue();
		assertThat(this.signature.verify("msg_1", "1796414400", BODY, "v1a,xyz " + current + " " + old, clockAt(SENT)))
			.isTrue();
		assertThat(this.signature.verify("msg_1", "1796414400", BODY, old + " v1a,xyz", clockAt(SENT))).isFalse();
	}

	@Test
	void rejectsMissingOrMalformedHeaders() {
		String header = this.signature.sign("msg_1", SENT, BODY);

		assertThat(this.signature.verify("msg_1", "yesterday", BODY, header, clockAt(SENT))).isFalse();
		assertThat(this.signature.verify("msg_1", null, BODY, header, clockAt(SENT))).isFalse();
		assertThat(this.signature.verify("msg_1", "1796414400", BODY, header.substring(3), clockAt(SENT))).isFalse();
		assertThat(this.signature.verify("msg_1", "1796414400", BODY, "", clockAt(SENT))).isFalse();
	}

	private static Clock clockAt(Instant instant) {
		return Clock.fixed(instant, ZoneOffset.UTC);
	}

}
