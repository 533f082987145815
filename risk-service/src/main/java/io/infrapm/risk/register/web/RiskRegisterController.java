package io.infrapm.risk.register.web;

import java.util.List;
import java.util.UUID;

import io.infrapm.risk.register.RiskEntry;
import io.infrapm.risk.register.RiskRegisters;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/projects/{id}/risks}: a project's risks.
 */
@RestController
class RiskRegisterController {

	private final RiskRegisters registers;

	RiskRegisterController(RiskRegisters registers) {
		this.registers = registers;
	}

	@GetMapping("/api/projects/{projectId}/risks")
	List<RiskEntry> risks(@PathVariable UUID projectId) {
		return this.registers.of(projectId).risks();
	}

}
