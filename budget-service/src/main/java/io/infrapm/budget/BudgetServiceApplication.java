package io.infrapm.budget;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * budget-service: budgets, costs, forecasts, thresholds and earned value.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BudgetServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(BudgetServiceApplication.class, args);
	}

}
