package io.infrapm.project.portfolio;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.mongodb.repository.MongoRepository;

/**
 * The projects of this service.
 */
public interface ProjectRepository extends MongoRepository<Project, UUID> {

	/**
	 * Finds a project by its code.
	 * @param code the normalized code
	 * @return the project
	 */
	Optional<Project> findByCode(String code);

	/**
	 * Finds the project a creation request with this idempotency key made.
	 * @param key the client's key
	 * @return the project
	 */
	Optional<Project> findByCreationRequestKey(String key);

}
