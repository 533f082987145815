package io.infrapm.platform.observability;

/**
 * Who is running: the service and this instance of it. Tags every metric, owns outbox
 * leases and names the instance in logs.
 *
 * @param application the service name ({@code spring.application.name})
 * @param instance a name unique among the running instances of the service
 */
public record InstanceIdentity(String application, String instance) {
}
