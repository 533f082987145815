package io.infrapm.budget.baseline;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.budget.CostCategory;
import io.infrapm.contracts.budget.CostKind;
import io.infrapm.contracts.budget.ExpenditureType;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One entry of a project's cost ledger: an actual expense or a commitment, or the
 * reversal of an earlier entry. Entries are never edited. An entry is accepted by the
 * project's {@link Budget}, in the write that adds it to the totals, and moved from there
 * into the ledger collection right after (see {@link CostLedger}).
 *
 * @param id the entry's id
 * @param projectId the project
 * @param kind actual or commitment
 * @param amount in the budget's currency, negative for a reversal
 * @param original the amount as invoiced in another currency, or {@code null}
 * @param category the cost category
 * @param expenditureType CapEx or OpEx
 * @param lineId the budget line, or {@code null}
 * @param incurredOn the invoice or order date
 * @param vendor the vendor, or {@code null}
 * @param vendorKey the vendor, lower case, for finding duplicates, or {@code null}
 * @param reference the invoice, order or timesheet reference, or {@code null}
 * @param description what it was for, or {@code null}
 * @param commitmentId the commitment an actual invoices, or {@code null}
 * @param relieved how much of that commitment it relieved
 * @param reversesCostId the entry it reverses, or {@code null}
 * @param recordedAt when it was recorded
 * @param recordedBy who recorded it
 */
@Document("costs")
@CompoundIndexes({ @CompoundIndex(name = "by_project_and_day", def = "{'projectId': 1, 'incurredOn': 1}"),
		@CompoundIndex(name = "by_vendor_reference", def = "{'projectId': 1, 'vendorKey': 1, 'reference': 1}"),
		@CompoundIndex(name = "by_reversed", def = "{'projectId': 1, 'reversesCostId': 1}") })
public record Cost(@Id UUID id, UUID projectId, CostKind kind, BigDecimal amount, Original original,
		CostCategory category, ExpenditureType expenditureType, UUID lineId, LocalDate incurredOn, String vendor,
		String vendorKey, String reference, String description, UUID commitmentId, BigDecimal relieved,
		UUID reversesCostId, Instant recordedAt, Actor recordedBy) {

	static String keyOf(String vendor) {
		return (vendor != null) ? vendor.strip().toLowerCase(Locale.ROOT) : null;
	}

	/**
	 * Whether this entry is an original one with the given vendor and reference.
	 * @param vendorKey the vendor, lower case
	 * @param reference the reference
	 * @return whether it is
	 */
	boolean sameDocument(String vendorKey, String reference) {
		return this.reversesCostId == null && reference != null && reference.equals(this.reference)
				&& java.util.Objects.equals(vendorKey, this.vendorKey);
	}

	/**
	 * An amount invoiced in another currency than the budget's.
	 *
	 * @param amount the amount as invoiced
	 * @param currency its ISO 4217 code
	 * @param exchangeRate budget currency per unit of it
	 */
	public record Original(BigDecimal amount, String currency, BigDecimal exchangeRate) {
	}

}
