package io.infrapm.project.portfolio;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.project.ServiceTarget;

/**
 * The services a project runs or changes, each with the availability it must keep: part
 * of the {@link Project} aggregate, replaced as a whole. Its revision is its ETag.
 */
public class ServiceCatalogue {

	private List<ServiceTarget> services = new ArrayList<>();

	private int revision;

	private Instant updatedAt;

	private Actor updatedBy;

	ServiceCatalogue() {
		// for the mapping layer, and the empty catalogue of a project that has none yet
	}

	ServiceCatalogue(List<ServiceTarget> services, int revision, Instant updatedAt, Actor updatedBy) {
		this.services = new ArrayList<>(services);
		this.revision = revision;
		this.updatedAt = updatedAt;
		this.updatedBy = updatedBy;
	}

	public List<ServiceTarget> services() {
		return List.copyOf(this.services);
	}

	/**
	 * The service of a name, any case.
	 * @param name the name
	 * @return the service, or {@code null}
	 */
	public ServiceTarget service(String name) {
		return this.services.stream().filter((s) -> s.name().equalsIgnoreCase(name.strip())).findFirst().orElse(null);
	}

	public int revision() {
		return this.revision;
	}

	public Instant updatedAt() {
		return this.updatedAt;
	}

	public Actor updatedBy() {
		return this.updatedBy;
	}

}
