package io.infrapm.platform.security;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service without an issuer configured answers as it did before security came (the
 * local platform does not configure one yet), rather than Spring Security's default of a
 * generated password for everything.
 */
@SpringBootTest(classes = ResourceServerTests.Service.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
class WithoutIssuerTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void letsEveryRequestInWithoutAToken() {
		assertThat(this.mvc.get().uri("/actuator/env")).hasStatusOk();
		assertThat(this.mvc.post().uri("/actuator/env")).hasStatus(405);
	}

}
