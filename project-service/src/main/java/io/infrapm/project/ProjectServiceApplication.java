package io.infrapm.project;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * project-service: projects through their life cycle, their stakeholders and, in later
 * increments, milestones, status reports, change requests and computed health.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProjectServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(ProjectServiceApplication.class, args);
	}

}
