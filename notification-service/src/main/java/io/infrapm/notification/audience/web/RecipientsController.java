package io.infrapm.notification.audience.web;

import java.util.UUID;

import io.infrapm.contracts.project.StakeholderRole;
import io.infrapm.notification.audience.Directory;
import io.infrapm.notification.audience.Recipient;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.security.ProjectAccess;
import io.infrapm.platform.security.ProjectMemberships;
import io.infrapm.platform.web.PageView;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/projects/{projectId}/recipients}: whom a project's notifications may reach,
 * as this service knows it from project events. The project's members read it.
 */
@RestController
class RecipientsController {

	private final Directory directory;

	private final ProjectMemberships memberships;

	RecipientsController(Directory directory, ProjectMemberships memberships) {
		this.directory = directory;
		this.memberships = memberships;
	}

	/** The manager, the sponsor and every stakeholder, with their roles. */
	@GetMapping("/api/projects/{projectId}/recipients")
	PageView<RecipientView> recipients(@PathVariable UUID projectId,
			@RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			Caller caller) {
		this.memberships.accessOf(projectId, caller).requireRead();
		return PageView.of(this.directory.of(projectId)
			.orElseThrow(() -> ProjectAccess.notFound(projectId))
			.recipients()
			.stream()
			.map(RecipientView::of)
			.toList(), page, size);
	}

	/**
	 * A recipient of a project.
	 *
	 * @param email their address
	 * @param name their name, or {@code null}
	 * @param role their role on the project
	 * @param organisation their organisation, or {@code null}
	 * @param receivesReports whether status reports go to them
	 */
	record RecipientView(String email, String name, StakeholderRole role, String organisation,
			boolean receivesReports) {

		static RecipientView of(Recipient r) {
			return new RecipientView(r.email(), r.name(), r.role(), r.organisation(), r.receivesReports());
		}

	}

}
