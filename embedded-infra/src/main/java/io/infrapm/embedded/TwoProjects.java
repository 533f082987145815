package io.infrapm.embedded;

import java.util.Map;
import java.util.UUID;

/**
 * The membership every consuming service's authorisation tests start from, published as
 * project-service would: project A, managed by Pat, with {@value #OUTSIDER} (an engineer)
 * and {@value #VENDOR} (a vendor) on its list; project B, managed by Bea, with
 * {@value #MEMBER_OF_B} and {@value #LEAVER}, who can later be taken off the list. So
 * {@value #OUTSIDER} is "a member of project A acting on project B".
 */
public final class TwoProjects {

	/** A member of A only. */
	public static final String OUTSIDER = "olga@example.com";

	/** A's vendor. */
	public static final String VENDOR = "vic@vendor.example";

	/** A member of B only. */
	public static final String MEMBER_OF_B = "ben@example.com";

	/** A member of B until {@link #removeLeaver()}. */
	public static final String LEAVER = "lea@example.com";

	public static final String MANAGER_OF_B = "bea@example.com";

	private final UUID projectA = UUID.randomUUID();

	private final UUID projectB = UUID.randomUUID();

	private final UUID leaver = UUID.randomUUID();

	private final TestProjects projects;

	private TwoProjects(TestProjects projects) {
		this.projects = projects;
	}

	/**
	 * Publishes both projects.
	 * @param kafka a client of the test broker
	 * @return the projects
	 */
	public static TwoProjects publish(KafkaTestClient kafka) {
		TwoProjects two = new TwoProjects(new TestProjects(kafka));
		// Roles that see a project's money, so that the walks reach past the budget's own
		// check.
		two.projects.created(two.projectA, "pat@example.com", Map.of(OUTSIDER, "FINANCE", VENDOR, "VENDOR"));
		two.projects.created(two.projectB, MANAGER_OF_B, Map.of(MEMBER_OF_B, "STEERING_COMMITTEE"));
		two.projects.stakeholderAdded(two.projectB, two.leaver, LEAVER, "FINANCE", MANAGER_OF_B);
		return two;
	}

	/**
	 * Publishes {@code StakeholderRemoved} of {@value #LEAVER} from project B.
	 */
	public void removeLeaver() {
		this.projects.stakeholderRemoved(this.projectB, this.leaver, LEAVER, "FINANCE", MANAGER_OF_B);
	}

	public UUID projectA() {
		return this.projectA;
	}

	public UUID projectB() {
		return this.projectB;
	}

}
