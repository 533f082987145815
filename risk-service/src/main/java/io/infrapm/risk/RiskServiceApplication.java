package io.infrapm.risk;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * risk-service: the RAID register of every project, assessments, responses and
 * escalations.
 */
@SpringBootApplication
public class RiskServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(RiskServiceApplication.class, args);
	}

}
