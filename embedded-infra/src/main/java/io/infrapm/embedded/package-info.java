/**
 * Embedded infrastructure for tests and local runs, never for a service at runtime: a
 * real Kafka broker in KRaft mode ({@link io.infrapm.embedded.LocalKafka}), a
 * MongoDB-wire server ({@link io.infrapm.embedded.LocalMongo}), a development mailbox
 * that keeps every mail ({@link io.infrapm.embedded.DevMailbox}), the shared
 * infrastructure of service tests ({@link io.infrapm.embedded.TestInfrastructure},
 * {@link io.infrapm.embedded.KafkaTestClient}) and the whole platform with each service
 * in its own JVM ({@link io.infrapm.embedded.Platform}, started by {@code ./infrapm up}
 * through {@link io.infrapm.embedded.PlatformLauncher}).
 */
package io.infrapm.embedded;
