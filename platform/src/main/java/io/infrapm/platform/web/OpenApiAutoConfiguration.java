package io.infrapm.platform.web;

import io.infrapm.platform.security.Caller;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Every service's OpenAPI 3 document at {@code /v3/api-docs} (springdoc, from the request
 * mappings), open to read like the discovery document of an issuer: it names the service,
 * and says that every operation needs a bearer JWT of the platform's issuer. The
 * {@link Caller} a controller method takes is not a request parameter, so the document
 * leaves it out.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OpenAPI.class)
public class OpenApiAutoConfiguration {

	/** The name of the security scheme every operation requires. */
	public static final String BEARER = "bearer-jwt";

	static {
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
	}

	@Bean
	@ConditionalOnMissingBean
	OpenAPI infrapmOpenApi(Environment environment) {
		String service = environment.getProperty("spring.application.name", "InfraPM service");
		return new OpenAPI()
			.info(new Info().title("InfraPM " + service)
				.version("v1")
				.description("The HTTP API of " + service + ". Every operation needs an access token of the "
						+ "platform's issuer (Authorization: Bearer); errors are RFC 9457 problem details; "
						+ "lists are paged (?page=, from 0, and ?size=, at most " + PageView.MAX_SIZE + ")."))
			.components(new Components().addSecuritySchemes(BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER));
	}

}
