package io.infrapm.project.portfolio;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.Actor;

/**
 * A point in a project's schedule that must be reached by a date: a part of the
 * {@link Project} aggregate, changed only through it. Each change raises its revision,
 * which is the milestone's ETag.
 */
public class Milestone {

	private UUID id;

	private String name;

	private String description;

	private LocalDate dueDate;

	private Person owner;

	private boolean critical;

	private boolean cutover;

	private List<UUID> dependsOn = new ArrayList<>();

	private MilestoneStatus status;

	private LocalDate completedOn;

	private String waiverReason;

	private List<Reschedule> reschedules = new ArrayList<>();

	private List<ScheduleConflict> conflicts = new ArrayList<>();

	private int revision;

	/** The due date whose miss was reported, or {@code null}. */
	private LocalDate missedDueDate;

	/** The due date the reported alert horizons refer to, or {@code null}. */
	private LocalDate alertedDueDate;

	/** The alert horizons reported for {@link #alertedDueDate}. */
	private List<Integer> alertsSent = new ArrayList<>();

	private ClientRequest request;

	private Instant plannedAt;

	private Actor plannedBy;

	private Instant updatedAt;

	private Actor updatedBy;

	Milestone() {
		// for the mapping layer
	}

	static Milestone plan(NewMilestone command, ClientRequest request, Actor actor, Instant now) {
		Milestone milestone = new Milestone();
		milestone.id = UUID.randomUUID();
		milestone.name = command.name().strip();
		milestone.description = Texts.blankToNull(command.description());
		milestone.dueDate = command.dueDate();
		milestone.owner = command.owner();
		milestone.critical = command.critical();
		milestone.cutover = command.cutover();
		milestone.dependsOn = new ArrayList<>(command.dependsOn());
		milestone.status = MilestoneStatus.PLANNED;
		milestone.revision = 1;
		milestone.request = request;
		milestone.plannedAt = now;
		milestone.plannedBy = actor;
		milestone.updatedAt = now;
		milestone.updatedBy = actor;
		return milestone;
	}

	/** Applies a partial change; whether anything changed. */
	boolean revise(MilestoneChange change) {
		boolean changed = false;
		if (change.name() != null && !change.name().strip().equals(this.name)) {
			this.name = change.name().strip();
			changed = true;
		}
		if (change.description() != null
				&& !java.util.Objects.equals(Texts.blankToNull(change.description()), this.description)) {
			this.description = Texts.blankToNull(change.description());
			changed = true;
		}
		if (change.owner() != null && !change.owner().equals(this.owner)) {
			this.owner = change.owner();
			changed = true;
		}
		if (change.critical() != null && change.critical() != this.critical) {
			this.critical = change.critical();
			changed = true;
		}
		if (change.cutover() != null && change.cutover() != this.cutover) {
			this.cutover = change.cutover();
			changed = true;
		}
		if (change.dependsOn() != null && !change.dependsOn().equals(this.dependsOn)) {
			this.dependsOn = new ArrayList<>(change.dependsOn());
			changed = true;
		}
		return changed;
	}

	void reschedule(LocalDate to, String reason, Actor actor, Instant now) {
		this.reschedules.add(new Reschedule(this.dueDate, to, reason.strip(), now, actor));
		this.dueDate = to;
	}

	void complete(LocalDate on) {
		this.status = MilestoneStatus.COMPLETED;
		this.completedOn = on;
	}

	void waive(String reason) {
		this.status = MilestoneStatus.WAIVED;
		this.waiverReason = reason.strip();
	}

	/**
	 * Remembers that the date watch reported something for the current due date. Not a
	 * change of the milestone as its users edit it, so its revision (the ETag) stays.
	 */
	void reported(DueDates.Finding finding) {
		if (finding.missed()) {
			this.missedDueDate = this.dueDate;
			return;
		}
		List<Integer> sent = new ArrayList<>(alertsReported());
		finding.reached().stream().filter((days) -> !sent.contains(days)).forEach(sent::add);
		this.alertedDueDate = this.dueDate;
		this.alertsSent = sent;
	}

	/**
	 * Whether its current due date passed and that was reported: true while it is still
	 * open and was not moved since.
	 * @return whether it is reported missed
	 */
	public boolean reportedMissed() {
		return open() && this.dueDate.equals(this.missedDueDate);
	}

	/**
	 * The alert horizons already reported for the current due date.
	 * @return days before the due date
	 */
	public List<Integer> alertsReported() {
		return this.dueDate.equals(this.alertedDueDate) && this.alertsSent != null ? List.copyOf(this.alertsSent)
				: List.of();
	}

	void conflicts(List<ScheduleConflict> conflicts) {
		this.conflicts = new ArrayList<>(conflicts);
	}

	void touched(Actor actor, Instant now) {
		this.revision++;
		this.updatedAt = now;
		this.updatedBy = actor;
	}

	/**
	 * The date that counts for its dependants: when it was reached, or when it is due.
	 * @return the date
	 */
	public LocalDate effectiveDate() {
		return (this.status == MilestoneStatus.COMPLETED) ? this.completedOn : this.dueDate;
	}

	/**
	 * Whether it still has to be reached.
	 * @return {@code true} while planned
	 */
	public boolean open() {
		return this.status == MilestoneStatus.PLANNED;
	}

	public UUID id() {
		return this.id;
	}

	public String name() {
		return this.name;
	}

	public String description() {
		return this.description;
	}

	public LocalDate dueDate() {
		return this.dueDate;
	}

	public Person owner() {
		return this.owner;
	}

	public boolean critical() {
		return this.critical;
	}

	public boolean cutover() {
		return this.cutover;
	}

	public List<UUID> dependsOn() {
		return List.copyOf(this.dependsOn);
	}

	public MilestoneStatus status() {
		return this.status;
	}

	public LocalDate completedOn() {
		return this.completedOn;
	}

	public String waiverReason() {
		return this.waiverReason;
	}

	public List<Reschedule> reschedules() {
		return List.copyOf(this.reschedules);
	}

	public List<ScheduleConflict> conflicts() {
		return List.copyOf(this.conflicts);
	}

	public int revision() {
		return this.revision;
	}

	ClientRequest request() {
		return this.request;
	}

	public Instant plannedAt() {
		return this.plannedAt;
	}

	public Actor plannedBy() {
		return this.plannedBy;
	}

	public Instant updatedAt() {
		return this.updatedAt;
	}

	public Actor updatedBy() {
		return this.updatedBy;
	}

}
