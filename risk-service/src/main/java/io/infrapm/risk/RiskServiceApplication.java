package io.infrapm.risk;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * risk-service: the RAID register of every project, assessments, responses and
 * escalations.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RiskServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(RiskServiceApplication.class, args);
	}

}
