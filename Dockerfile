# syntax=docker/dockerfile:1
#
# One recipe for the four InfraPM services; SERVICE picks the module, SERVICE_PORT the port it
# listens on (project-service 8081, risk-service 8082, budget-service 8083, notification-service 8084):
#
#   docker build --build-arg SERVICE=risk-service --build-arg SERVICE_PORT=8082 -t infrapm/risk-service .
#
# The whole reactor is copied because Maven reads every module listed in the root pom, even with -pl.

FROM eclipse-temurin:17-jdk-noble AS build
ARG SERVICE
ARG SERVICE_PORT
# Fail fast, before the long build, when the arguments do not name a service and its port.
RUN case "${SERVICE}" in \
		project-service) expected=8081 ;; \
		risk-service) expected=8082 ;; \
		budget-service) expected=8083 ;; \
		notification-service) expected=8084 ;; \
		*) echo "SERVICE must be project-service, risk-service, budget-service or notification-service; got '${SERVICE}'" >&2; exit 1 ;; \
	esac \
	&& if [ "${SERVICE_PORT}" != "${expected}" ]; then \
		echo "${SERVICE} listens on ${expected}: pass --build-arg SERVICE_PORT=${expected} (got '${SERVICE_PORT}')" >&2; exit 1; \
	fi
WORKDIR /workspace
COPY . .
# The cache mount keeps the local Maven repository (and the wrapper's Maven) between builds.
ENV MAVEN_USER_HOME=/cache/maven
RUN --mount=type=cache,target=/cache/maven \
	chmod +x mvnw \
	&& ./mvnw --batch-mode --no-transfer-progress -Dmaven.repo.local=/cache/maven/repository \
		-pl "${SERVICE}" -am -DskipTests package \
	&& cp "${SERVICE}/target/${SERVICE}.jar" /workspace/app.jar

FROM eclipse-temurin:17-jre-noble
ARG SERVICE
ARG SERVICE_PORT
LABEL org.opencontainers.image.title="infrapm-${SERVICE}" \
	org.opencontainers.image.description="InfraPM ${SERVICE}"
RUN groupadd --system --gid 10001 infrapm \
	&& useradd --system --uid 10001 --gid infrapm --home-dir /app --no-create-home --shell /usr/sbin/nologin infrapm
WORKDIR /app
COPY --from=build --chown=10001:10001 /workspace/app.jar /app/app.jar
USER 10001:10001
# Spring Boot reads SERVER_PORT; the health check reads it at run time, so an override keeps both in step.
ENV SERVER_PORT=${SERVICE_PORT} \
	JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE ${SERVICE_PORT}
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=6 \
	CMD curl -fsS "http://localhost:${SERVER_PORT}/actuator/health/readiness" > /dev/null || exit 1
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
