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
		assertThat(access("pat@example.com")).isEqualTo(new ProjectAccess(PROJECT, true, true, false, true, false));
	}

	@Test
	void theSponsorAndTheSteeringCommitteeDecide() {
		assertThat(access("sue@example.com", PlatformRole.EXECUTIVE))
			.isEqualTo(new ProjectAccess(PROJECT, true, false, true, true, false));
		assertThat(access("steer@example.com")).isEqualTo(new ProjectAccess(PROJECT, true, false, true, true, false));
	}

	@Test
	void aVendorSeesTheProjectButLearnsNothingOfItsMoney() {
		assertThat(access("vic@vendor.example")).isEqualTo(new ProjectAccess(PROJECT, true, false, false, false, true));
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(access("vic@vendor.example")::requireBudget)
			.withMessage("project " + PROJECT + " does not exist");
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(access("vic@vendor.example")::requireBudgetManage);
		assertThatExceptionOfType(ForbiddenException.class).as("a vendor who is also its technical lead")
			.isThrownBy(access("both@vendor.example")::requireBudget);
	}

	@Test
	void onlyTheManagerSponsorSteeringCommitteeExecutivesAndFinanceSeeTheMoney() {
		ProjectMembers members = ProjectMembers.of(PROJECT, "pat@example.com", null,
				List.of(new Member("fin@example.com", StakeholderRole.FINANCE),
						new Member("cxo@example.com", StakeholderRole.EXECUTIVE),
						new Member("ops@example.com", StakeholderRole.OPERATIONS)));
		Caller finance = new Caller("fin", "fin@example.com", "Fin", Set.of());
		assertThat(members.accessOf(finance).budget()).isTrue();
		assertThatExceptionOfType(ForbiddenException.class).as("finance reads the money, the manager changes it")
			.isThrownBy(members.accessOf(finance)::requireBudgetManage);
		assertThat(members.accessOf(new Caller("cxo", "cxo@example.com", "Cxo", Set.of())).budget()).isTrue();
		assertThatExceptionOfType(ForbiddenException.class)
			.isThrownBy(members.accessOf(new Caller("ops", "ops@example.com", "Ops", Set.of()))::requireBudget);
		assertThatNoException()
			.isThrownBy(members.accessOf(new Caller("pat", "pat@example.com", "Pat", Set.of()))::requireBudgetManage);
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
		assertThatExceptionOfType(ForbiddenException.class).isThrownBy(access("eng@example.com")::requireBudget);
		assertThatNoException().isThrownBy(access("eng@example.com")::requireRead);
	}

	@Test
	void portfolioManagersDoEverythingAndExecutivesReadEverything() {
		assertThat(access("portia@example.com", PlatformRole.PORTFOLIO_MANAGER))
			.isEqualTo(new ProjectAccess(PROJECT, true, true, true, true, false));
		assertThat(access("erin@example.com", PlatformRole.EXECUTIVE))
			.isEqualTo(new ProjectAccess(PROJECT, true, false, false, true, false));
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
