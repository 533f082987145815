package io.infrapm.project.portfolio;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.infrapm.platform.security.Caller;
import io.infrapm.platform.web.ETags;

import org.springframework.stereotype.Service;

/**
 * The vendors a project engages and what they owe it. Members read them; the project's
 * manager (or a portfolio manager) engages vendors, changes their terms, plans their
 * deliverables and accepts or rejects what they deliver. A vendor's revision is its ETag,
 * its deliverables included, so changes to other vendors never make it stale.
 */
@Service
public class ProjectVendors {

	private final ProjectWrites writes;

	ProjectVendors(ProjectWrites writes) {
		this.writes = writes;
	}

	/**
	 * Engages a vendor, once per idempotency key and project.
	 * @param projectId the project
	 * @param terms name, contact, contract and service levels
	 * @param idempotencyKey the client's key, or {@code null}
	 * @param caller the manager
	 * @return the vendor and whether an earlier request with the key added it
	 */
	public Added<Vendor> add(UUID projectId, Vendor.Terms terms, String idempotencyKey, Caller caller) {
		ClientRequest request = ClientRequest.of(idempotencyKey, terms, caller);
		return this.writes.change(projectId, caller, true, (project, access, now) -> {
			access.requireManage();
			Optional<Vendor> earlier = ClientRequest.earlier(request, project.vendors(), Vendor::request, "vendor");
			if (earlier.isPresent()) {
				return new Added<>(earlier.get(), earlier.get(), true);
			}
			Vendor vendor = project.addVendor(terms, request, caller.actor(), now);
			return new Added<>(vendor, vendor, false);
		}).result();
	}

	/**
	 * The project's vendors, in the order engaged.
	 * @param projectId the project
	 * @param caller a member
	 * @return the vendors
	 */
	public List<Vendor> vendors(UUID projectId, Caller caller) {
		return this.writes.read(projectId, caller).project().vendors();
	}

	/**
	 * One vendor.
	 * @param projectId the project
	 * @param vendorId the vendor
	 * @param caller a member
	 * @return the vendor
	 */
	public Vendor vendor(UUID projectId, UUID vendorId, Caller caller) {
		return this.writes.read(projectId, caller).project().vendor(vendorId);
	}

	/**
	 * Changes a vendor's terms.
	 * @param projectId the project
	 * @param vendorId the vendor
	 * @param ifMatch the vendor's ETag as the client saw it (required)
	 * @param change what changes
	 * @param caller the manager
	 * @return the vendor after the change
	 */
	public Vendor revise(UUID projectId, UUID vendorId, String ifMatch, Vendor.Terms change, Caller caller) {
		return this.writes.change(projectId, caller, true, (project, access, now) -> {
			access.requireManage();
			ETags.requireCurrent(ifMatch, project.vendor(vendorId).revision());
			return project.reviseVendor(vendorId, change, caller.actor(), now);
		}).result();
	}

	/**
	 * Records that a vendor owes a deliverable, once per idempotency key and vendor.
	 * @param projectId the project
	 * @param vendorId the vendor
	 * @param planned what is owed and by when
	 * @param idempotencyKey the client's key, or {@code null}
	 * @param caller the manager
	 * @return the vendor after the change, the deliverable, and whether an earlier
	 * request with the key planned it
	 */
	public Added<Deliverable> planDeliverable(UUID projectId, UUID vendorId, PlannedDeliverable planned,
			String idempotencyKey, Caller caller) {
		ClientRequest request = ClientRequest.of(idempotencyKey, planned, caller);
		return this.writes.change(projectId, caller, true, (project, access, now) -> {
			access.requireManage();
			Vendor vendor = project.vendor(vendorId);
			Optional<Deliverable> earlier = ClientRequest.earlier(request, vendor.deliverables(), Deliverable::request,
					"deliverable");
			if (earlier.isPresent()) {
				return new Added<>(vendor, earlier.get(), true);
			}
			Deliverable deliverable = project.planDeliverable(vendorId, planned.name(), planned.description(),
					planned.dueDate(), request, caller.actor(), now);
			return new Added<>(project.vendor(vendorId), deliverable, false);
		}).result();
	}

	/**
	 * Changes a deliverable's name, description or due date.
	 * @param projectId the project
	 * @param vendorId the vendor
	 * @param deliverableId the deliverable
	 * @param ifMatch the vendor's ETag as the client saw it (required)
	 * @param change what changes ({@code null} parts stay)
	 * @param caller the manager
	 * @return the vendor after the change
	 */
	public Vendor reviseDeliverable(UUID projectId, UUID vendorId, UUID deliverableId, String ifMatch,
			PlannedDeliverable change, Caller caller) {
		return this.writes.change(projectId, caller, true, (project, access, now) -> {
			access.requireManage();
			ETags.requireCurrent(ifMatch, project.vendor(vendorId).revision());
			project.reviseDeliverable(vendorId, deliverableId, change.name(), change.description(), change.dueDate(),
					caller.actor(), now);
			return project.vendor(vendorId);
		}).result();
	}

	/**
	 * Accepts or rejects a delivery.
	 * @param projectId the project
	 * @param vendorId the vendor
	 * @param deliverableId the deliverable
	 * @param ifMatch the vendor's ETag, or {@code null}
	 * @param deliveredOn the day it was delivered
	 * @param accepted whether it is accepted
	 * @param notes why, or {@code null}
	 * @param caller the manager
	 * @return the vendor after the review
	 */
	public Vendor review(UUID projectId, UUID vendorId, UUID deliverableId, String ifMatch, LocalDate deliveredOn,
			boolean accepted, String notes, Caller caller) {
		return this.writes.change(projectId, caller, true, (project, access, now) -> {
			access.requireManage();
			if (ifMatch != null) {
				ETags.requireCurrent(ifMatch, project.vendor(vendorId).revision());
			}
			project.reviewDeliverable(vendorId, deliverableId, deliveredOn, accepted, notes, caller.actor(), now);
			return project.vendor(vendorId);
		}).result();
	}

	/**
	 * A deliverable as planned or changed.
	 *
	 * @param name what is owed ({@code null} keeps it, for a change)
	 * @param description more about it, or {@code null}
	 * @param dueDate when it is due ({@code null} keeps it, for a change)
	 */
	public record PlannedDeliverable(String name, String description, LocalDate dueDate) {
	}

	/**
	 * The outcome of adding a vendor or a deliverable.
	 *
	 * @param <T> what was added
	 * @param vendor the vendor after the change
	 * @param added what was added
	 * @param replayed whether an earlier request with the same key added it
	 */
	public record Added<T>(Vendor vendor, T added, boolean replayed) {
	}

}
