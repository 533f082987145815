package io.infrapm.risk.register;

import java.util.UUID;

import org.springframework.data.repository.ListCrudRepository;

/**
 * Risk registers by project id.
 */
public interface RiskRegisterRepository extends ListCrudRepository<RiskRegister, UUID> {

}
