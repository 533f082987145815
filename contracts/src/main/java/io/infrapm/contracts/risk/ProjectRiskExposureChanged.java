package io.infrapm.contracts.risk;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.infrapm.contracts.EventType;

/**
 * What a project's open risks add up to changed: published once per change, after the
 * change of a risk that made it, never for a change that leaves it as it was (a replayed
 * event, a new title). Open means identified, assessed, response planned or monitoring;
 * each risk counts with its current assessment (the residual one once made, else the
 * inherent one). project-service reads it for the risk part of the project's health.
 *
 * @param projectId the project's id (also the Kafka key)
 * @param revision the number of this exposure of the project, from 1: one more for each
 * change
 * @param openThreats how many open threats
 * @param low of them, how many in band LOW
 * @param medium how many MEDIUM
 * @param high how many HIGH
 * @param critical how many CRITICAL
 * @param unassessed how many open threats have no assessment yet
 * @param openOpportunities how many open opportunities
 * @param topScore the highest score of an open threat, 0 if there is none
 * @param topRiskId the open threat with that score (the earliest numbered of equals), or
 * {@code null} if there is none
 * @param topRiskNumber its number, or {@code null}
 * @param totalScore the open threats' scores added up
 * @param expectedExposure the open threats' expected monetary value: for each assessed
 * with a cost impact, that impact × its probability (10, 30, 50, 70 or 90 % for 1 to 5),
 * added up, in {@code currency}; 0 if none has a cost impact
 * @param currency the ISO 4217 code of the project's budget, or {@code null} if
 * risk-service does not know it
 * @param changedAt when it changed
 */
@EventType("io.infrapm.risk.ProjectRiskExposureChanged.v1")
public record ProjectRiskExposureChanged(UUID projectId, long revision, int openThreats, int low, int medium, int high,
		int critical, int unassessed, int openOpportunities, int topScore, UUID topRiskId, String topRiskNumber,
		int totalScore, BigDecimal expectedExposure, String currency, Instant changedAt) {
}
