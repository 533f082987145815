package io.infrapm.risk.register.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.risk.AssessmentKind;
import io.infrapm.contracts.risk.RiskBand;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.web.PageView;
import io.infrapm.risk.register.Assessment;
import io.infrapm.risk.register.Risk;
import io.infrapm.risk.register.Exposure;
import io.infrapm.risk.register.RiskBands;
import io.infrapm.risk.register.RiskRegister;
import io.infrapm.risk.register.RiskBook;
import io.infrapm.risk.register.web.RiskViews.RiskView;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The views over risks: a project's 5 × 5 heat map, and the top risks of the portfolio.
 */
@RestController
class RiskViewsController {

	private final RiskBook book;

	private final RiskBands bands;

	RiskViewsController(RiskBook book, RiskBands bands) {
		this.book = book;
		this.bands = bands;
	}

	/**
	 * {@code GET /api/projects/{projectId}/risk-matrix?assessment=INHERENT|RESIDUAL}: the
	 * open risks in their cells, probability by impact, with the count and the risks of
	 * each; for residual scores, the open risks not assessed so are listed apart.
	 */
	@GetMapping("/api/projects/{projectId}/risk-matrix")
	MatrixView matrix(@PathVariable UUID projectId, @RequestParam(defaultValue = "INHERENT") AssessmentKind assessment,
			Caller caller) {
		List<Risk> risks = this.book.openRisks(projectId, caller);
		List<CellView> cells = new ArrayList<>();
		for (int probability = 5; probability >= 1; probability--) {
			for (int impact = 1; impact <= 5; impact++) {
				int p = probability;
				int i = impact;
				List<RiskRef> in = risks.stream().filter((r) -> {
					Assessment a = (assessment == AssessmentKind.INHERENT) ? r.inherent() : r.residual();
					return a != null && a.probability() == p && a.impact() == i;
				}).sorted(Comparator.comparing(Risk::number)).map(RiskRef::of).toList();
				int score = RiskBands.score(p, i);
				cells.add(new CellView(p, i, score, this.bands.band(score), in.size(), in));
			}
		}
		List<RiskRef> unscored = risks.stream()
			.filter((r) -> ((assessment == AssessmentKind.INHERENT) ? r.inherent() : r.residual()) == null)
			.sorted(Comparator.comparing(Risk::number))
			.map(RiskRef::of)
			.toList();
		return new MatrixView(projectId, assessment, risks.size(), cells, unscored);
	}

	/**
	 * {@code GET /api/portfolio/risks?band=HIGH}: the open risks in that band or above
	 * across the projects the caller may see, the highest score first.
	 */
	@GetMapping("/api/portfolio/risks")
	PageView<RiskView> portfolio(@RequestParam(defaultValue = "HIGH") RiskBand band,
			@RequestParam(defaultValue = "0") @PositiveOrZero int page,
			@RequestParam(defaultValue = PageView.DEFAULT_SIZE) @Min(1) @Max(PageView.MAX_SIZE) int size,
			Caller caller) {
		RiskBook.Page risks = this.book.portfolioRisks(caller, band, page, size);
		return new PageView<>(risks.items().stream().map(RiskView::of).toList(), page, size, risks.total(),
				(int) ((risks.total() + size - 1) / size));
	}

	/**
	 * {@code GET /api/projects/{projectId}/risk-exposure}: what the project's open risks
	 * add up to, as last published in {@code ProjectRiskExposureChanged}: open threats
	 * per band, the top one, the total score and the expected monetary value.
	 */
	@GetMapping("/api/projects/{projectId}/risk-exposure")
	ExposureView exposure(@PathVariable UUID projectId, Caller caller) {
		RiskRegister register = this.book.register(projectId, caller);
		Exposure e = register.exposure();
		return new ExposureView(projectId, register.exposureRevision(), e.openThreats(), e.low(), e.medium(), e.high(),
				e.critical(), e.unassessed(), e.openOpportunities(), e.topScore(), e.topRiskId(), e.topRiskNumber(),
				e.totalScore(), e.expectedExposure(), register.currency(), register.exposureChangedAt());
	}

	/**
	 * A project's exposure.
	 *
	 * @param projectId the project
	 * @param revision how often it changed; 0 before the first risk
	 * @param openThreats open threats (identified, assessed, response planned,
	 * monitoring)
	 * @param low of them in band LOW
	 * @param medium MEDIUM
	 * @param high HIGH
	 * @param critical CRITICAL
	 * @param unassessed open threats not assessed yet
	 * @param openOpportunities open opportunities
	 * @param topScore the highest score of an open threat, 0 if none
	 * @param topRiskId that threat, or {@code null}
	 * @param topRiskNumber its number, or {@code null}
	 * @param totalScore the open threats' scores added up
	 * @param expectedExposure each assessed cost impact × its probability (10 to 90 %),
	 * added up
	 * @param currency the currency of the expected exposure, or {@code null} if unknown
	 * @param changedAt when it last changed, or {@code null}
	 */
	record ExposureView(UUID projectId, long revision, int openThreats, int low, int medium, int high, int critical,
			int unassessed, int openOpportunities, int topScore, UUID topRiskId, String topRiskNumber, int totalScore,
			BigDecimal expectedExposure, String currency, Instant changedAt) {
	}

	record RiskRef(UUID id, String number, String title) {

		static RiskRef of(Risk risk) {
			return new RiskRef(risk.id(), risk.number(), risk.title());
		}

	}

	record CellView(int probability, int impact, int score, RiskBand band, int count, List<RiskRef> risks) {
	}

	record MatrixView(UUID projectId, AssessmentKind assessment, int openRisks, List<CellView> cells,
			List<RiskRef> notAssessed) {
	}

}
