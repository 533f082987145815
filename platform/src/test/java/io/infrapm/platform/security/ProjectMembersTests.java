package io.infrapm.platform.security;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.infrapm.contracts.project.StakeholderRole;
import io.infrapm.platform.problem.ForbiddenException;
import io.infrapm.platform.problem.NotFoundException;
import io.infrapm.platform.security.ProjectMembers.Member;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * What each kind of caller may do on one project, from platform roles and the project's
 * own list (DESIGN.md §7).
 */
class ProjectMembersTests {

	private static final UUID PROJECT = UUID.randomUUID();

	private final ProjectMembers members = ProjectMembers.of(PROJECT, "Pat@Example.com", "sue@example.com",
			List.of(new Member("eng@example.com", StakeholderRole.ENGINEER),
					new Member("steer@example.com", StakeholderRole.STEERING_COMMITTEE),
					new Member("vic@vendor.example", StakeholderRole.VENDOR),
					new Member("both@vendor.example", StakeholderRole.VENDOR),
					new Member("both@vendor.example", StakeholderRole.TECHNICAL_LEAD)));

	@Test
	void theManagerReadsManagesAndSeesTheMoneyButDoesNotDecide() {
		assertThat(access("pat@example.com")).isEqualTo(new ProjectAccess(PROJECT, true, true, false, true));
	}

	@Test
	void theSponsorAndTheSteeringCommitteeDecide() {
		assertThat(access("sue@example.com", PlatformRole.EXECUTIVE))
			.isEqualTo(new ProjectAccess(PROJECT, true, false, true, true));
		assertThat(access("steer@example.com")).isEqualTo(new ProjectAccess(PROJECT, true, false, true, true));
	}

	@Test
	void aVendorSeesTheProjectButNotItsMoneyUnlessAlsoInAnotherRole() {
		assertThat(access("vic@vendor.example")).isEqualTo(new ProjectAccess(PROJECT, true, false, false, false));
		assertThatExceptionOfType(ForbiddenException.class).isThrownBy(access("vic@vendor.example")::requireBudget);
		assertThat(access("both@vendor.example").budget()).isTrue();
	}

	@Test
	void anOutsiderIsToldTheProjectDoesNotExistWhateverTheyAskFor() {
		ProjectAccess outsider = access("olga@example.com", PlatformRole.PROJECT_MANAGER);
		assertThat(outsider).isEqualTo(ProjectAccess.none(PROJECT));
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(outsider::requireManage)
			.withMessage("project " + PROJECT + " does not exist");
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(outsider::requireDecide);
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(outsider::requireBudget);
	}

	@Test
	void aMemberWhoMayNotChangeThePlanIsToldSo() {
		assertThatExceptionOfType(ForbiddenException.class).isThrownBy(access("eng@example.com")::requireManage);
		assertThatExceptionOfType(ForbiddenException.class).isThrownBy(access("eng@example.com")::requireDecide);
		assertThatNoException().isThrownBy(access("eng@example.com")::requireBudget);
	}

	@Test
	void portfolioManagersDoEverythingAndExecutivesReadEverything() {
		assertThat(access("portia@example.com", PlatformRole.PORTFOLIO_MANAGER))
			.isEqualTo(new ProjectAccess(PROJECT, true, true, true, true));
		assertThat(access("erin@example.com", PlatformRole.EXECUTIVE))
			.isEqualTo(new ProjectAccess(PROJECT, true, false, false, true));
	}

	@Test
	void aMachineClientWithoutAnAddressBelongsToNoProject() {
		assertThat(this.members.accessOf(new Caller("integration", null, null, Set.of())))
			.isEqualTo(ProjectAccess.none(PROJECT));
	}

	private ProjectAccess access(String email, PlatformRole... roles) {
		return this.members.accessOf(new Caller(email, email, null, Set.of(roles)));
	}

}
