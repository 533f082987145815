package io.infrapm.risk.register.web;

import java.util.UUID;

import io.infrapm.platform.security.Caller;
import io.infrapm.platform.security.ProjectMemberships;
import io.infrapm.platform.web.PageView;
import io.infrapm.risk.register.RiskEntry;
import io.infrapm.risk.register.RiskRegisters;

import org.springframework.web.bind.annotation.GetMapping;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/projects/{id}/risks}: a project's risks, for those who may see the project.
 */
@RestController
class RiskRegisterController {

	private final RiskRegisters registers;

	private final ProjectMemberships memberships;

	RiskRegisterController(RiskRegisters registers, ProjectMemberships memberships) {
		this.registers = registers;
		this.memberships = memberships;
	}

	@GetMapping("/api/projects/{projectId}/risks")
	PageView<RiskEntry> risks(@PathVariable UUID projectId, @RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			Caller caller) {
		this.memberships.accessOf(projectId, caller).requireRead();
		return PageView.of(this.registers.of(projectId).risks(), page, size);
	}

}
