package io.infrapm.budget.baseline;

import java.util.UUID;

import org.springframework.data.repository.ListCrudRepository;

/**
 * Budgets by project id.
 */
public interface BudgetRepository extends ListCrudRepository<Budget, UUID> {

}
