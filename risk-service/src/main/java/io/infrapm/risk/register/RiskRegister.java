package io.infrapm.risk.register;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import io.infrapm.platform.outbox.OutboxEntry;
import io.infrapm.platform.outbox.PublishesEvents;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A project's risk register, opened when the project is created. The project id is the
 * document id: a project has exactly one register.
 */
@Document("registers")
public class RiskRegister implements PublishesEvents {

	@Id
	private UUID projectId;

	private String projectCode;

	private String projectName;

	private Instant openedAt;

	private List<RiskEntry> risks = new ArrayList<>();

	@Version
	private Long version;

	private List<UUID> appliedEvents = new ArrayList<>();

	private List<OutboxEntry> outbox = new ArrayList<>();

	RiskRegister() {
		// for the mapping layer
	}

	/**
	 * Opens an empty register for a project.
	 * @param projectId the project
	 * @param projectCode its code, kept for display
	 * @param projectName its name, kept for display
	 * @param now when
	 * @return the register
	 */
	static RiskRegister open(UUID projectId, String projectCode, String projectName, Instant now) {
		RiskRegister register = new RiskRegister();
		register.projectId = Objects.requireNonNull(projectId, "projectId");
		register.projectCode = projectCode;
		register.projectName = projectName;
		register.openedAt = now;
		return register;
	}

	public UUID projectId() {
		return this.projectId;
	}

	public String projectCode() {
		return this.projectCode;
	}

	public String projectName() {
		return this.projectName;
	}

	public Instant openedAt() {
		return this.openedAt;
	}

	/**
	 * The risks recorded in the register.
	 * @return the risks, in the order they were identified
	 */
	public List<RiskEntry> risks() {
		return List.copyOf(this.risks);
	}

	public long version() {
		return (this.version != null) ? this.version : 0;
	}

	@Override
	public List<OutboxEntry> outbox() {
		return this.outbox;
	}

}
