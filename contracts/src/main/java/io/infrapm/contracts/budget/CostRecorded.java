package io.infrapm.contracts.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventType;

/**
 * An actual expense or a commitment was recorded against a project's budget, or an
 * earlier one reversed (a correction is always a reversing entry, never an edit).
 *
 * @param projectId the project's id (also the Kafka key)
 * @param costId the entry's id
 * @param kind an actual expense or a commitment
 * @param amount the amount in the budget's currency; negative for a reversal
 * @param currency the budget's ISO 4217 currency code
 * @param originalAmount the amount as invoiced, or {@code null} if it was in the budget's
 * currency
 * @param originalCurrency the invoice's currency, or {@code null}
 * @param exchangeRate budget currency per unit of the invoice's, or {@code null}
 * @param category the cost category
 * @param expenditureType CapEx or OpEx
 * @param lineId the budget line it is booked on, or {@code null}
 * @param incurredOn the day it was incurred (invoice or order date)
 * @param vendor the vendor, or {@code null}
 * @param reference the invoice, order or timesheet reference, or {@code null}
 * @param commitmentId the commitment an actual expense invoices, or {@code null}
 * @param reversesCostId the entry this one reverses, or {@code null}
 * @param actualTotal the project's actual costs after it
 * @param committedTotal the project's open commitments after it
 * @param recordedAt when it was recorded
 * @param actor who recorded it
 */
@EventType("io.infrapm.budget.CostRecorded.v1")
public record CostRecorded(UUID projectId, UUID costId, CostKind kind, BigDecimal amount, String currency,
		BigDecimal originalAmount, String originalCurrency, BigDecimal exchangeRate, CostCategory category,
		ExpenditureType expenditureType, UUID lineId, LocalDate incurredOn, String vendor, String reference,
		UUID commitmentId, UUID reversesCostId, BigDecimal actualTotal, BigDecimal committedTotal, Instant recordedAt,
		Actor actor) {
}
