package io.infrapm.project.portfolio;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.project.ServiceLevelTerms;
import io.infrapm.platform.problem.NotFoundException;

/**
 * A supplier engaged on the project: who to reach, under which contract and service
 * levels, and what it owes. Part of the {@link Project} aggregate; each change raises its
 * revision, which is the vendor's ETag (its deliverables included).
 */
public class Vendor {

	private UUID id;

	private String name;

	private Person contact;

	private String phone;

	private String contractReference;

	private ServiceLevelTerms serviceLevels;

	private List<Deliverable> deliverables = new ArrayList<>();

	private int revision;

	private ClientRequest request;

	private Instant addedAt;

	private Actor addedBy;

	private Instant updatedAt;

	private Actor updatedBy;

	Vendor() {
		// for the mapping layer
	}

	static Vendor add(Terms terms, ClientRequest request, Actor actor, Instant now) {
		Vendor vendor = new Vendor();
		vendor.id = UUID.randomUUID();
		vendor.apply(terms);
		vendor.revision = 1;
		vendor.request = request;
		vendor.addedAt = now;
		vendor.addedBy = actor;
		vendor.updatedAt = now;
		vendor.updatedBy = actor;
		return vendor;
	}

	/** Applies a partial change; whether anything changed. */
	boolean revise(Terms change) {
		Terms current = terms();
		Terms next = new Terms((change.name() != null) ? change.name() : current.name(),
				(change.contact() != null) ? change.contact() : current.contact(),
				(change.phone() != null) ? change.phone() : current.phone(),
				(change.contractReference() != null) ? change.contractReference() : current.contractReference(),
				(change.serviceLevels() != null) ? change.serviceLevels() : current.serviceLevels());
		if (next.normalized().equals(current)) {
			return false;
		}
		apply(next);
		return true;
	}

	private void apply(Terms terms) {
		Terms normalized = terms.normalized();
		this.name = normalized.name();
		this.contact = normalized.contact();
		this.phone = normalized.phone();
		this.contractReference = normalized.contractReference();
		this.serviceLevels = normalized.serviceLevels();
	}

	void add(Deliverable deliverable) {
		this.deliverables.add(deliverable);
	}

	void touched(Actor actor, Instant now) {
		this.revision++;
		this.updatedAt = now;
		this.updatedBy = actor;
	}

	/**
	 * What it is engaged on, as it stands.
	 * @return the terms
	 */
	public Terms terms() {
		return new Terms(this.name, this.contact, this.phone, this.contractReference, this.serviceLevels);
	}

	/**
	 * One of its deliverables.
	 * @param deliverableId the deliverable
	 * @return the deliverable
	 * @throws NotFoundException if it owes none of that id
	 */
	public Deliverable deliverable(UUID deliverableId) {
		return this.deliverables.stream()
			.filter((d) -> d.id().equals(deliverableId))
			.findFirst()
			.orElseThrow(
					() -> new NotFoundException(null, "vendor " + this.id + " has no deliverable " + deliverableId));
	}

	public UUID id() {
		return this.id;
	}

	public String name() {
		return this.name;
	}

	public Person contact() {
		return this.contact;
	}

	public String phone() {
		return this.phone;
	}

	public String contractReference() {
		return this.contractReference;
	}

	public ServiceLevelTerms serviceLevels() {
		return this.serviceLevels;
	}

	public List<Deliverable> deliverables() {
		return List.copyOf(this.deliverables);
	}

	public int revision() {
		return this.revision;
	}

	ClientRequest request() {
		return this.request;
	}

	public Instant addedAt() {
		return this.addedAt;
	}

	public Actor addedBy() {
		return this.addedBy;
	}

	public Instant updatedAt() {
		return this.updatedAt;
	}

	public Actor updatedBy() {
		return this.updatedBy;
	}

	/**
	 * A vendor's engagement: for adding a vendor every part but the name and contact may
	 * be {@code null}; for a change, {@code null} keeps what is there and a blank phone
	 * or contract reference clears it.
	 *
	 * @param name the vendor's name
	 * @param contact who to reach at the vendor
	 * @param phone their phone number, or {@code null}
	 * @param contractReference the contract or purchase order, or {@code null}
	 * @param serviceLevels what the contract promises, or {@code null}
	 */
	public record Terms(String name, Person contact, String phone, String contractReference,
			ServiceLevelTerms serviceLevels) {

		Terms normalized() {
			return new Terms(Objects.requireNonNull(this.name, "name").strip(),
					new Person(this.contact.name().strip(), this.contact.email().strip()),
					Texts.blankToNull(this.phone), Texts.blankToNull(this.contractReference), this.serviceLevels);
		}

	}

}
