package io.infrapm.notification.digest.web;

import io.infrapm.notification.digest.Digests;
import io.infrapm.platform.security.Caller;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/recipients/{email}/digest}: sends a person's digest now, with every
 * e-mail waiting for it, instead of at its time. The person themselves, or a portfolio
 * manager.
 */
@RestController
class DigestController {

	private final Digests digests;

	DigestController(Digests digests) {
		this.digests = digests;
	}

	/** 200 with the digest's id and how many updates it carries (0 and no id if none). */
	@PostMapping("/api/recipients/{email}/digest")
	Digests.Sent sendNow(@PathVariable @Email @Size(max = 320) String email, Caller caller) {
		return this.digests.sendNow(email, caller);
	}

}
