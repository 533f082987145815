package io.infrapm.budget.baseline;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.infrapm.contracts.budget.EacMethod;

/**
 * A project's earned value as of a date, by the formulas of the PMBOK Guide.
 * <p>
 * Money is at the currency's scale and indices have four decimals, both rounded half-even
 * once, at the end: each figure is computed from BAC, PV, EV and AC directly (EAC by CPI
 * is {@code BAC × AC / EV}, not BAC divided by a rounded CPI), so no rounding feeds into
 * another. A figure that is undefined (a division by zero, or no progress reported) is
 * {@code null}, and {@link #undefined()} names the reason.
 *
 * @param asOf the date the figures hold for
 * @param currency the budget's currency
 * @param budgetAtCompletion BAC on that date
 * @param percentComplete the percent complete last reported by that date, or {@code null}
 * @param plannedValue PV, what the plan meant to spend by the end of that date
 * @param earnedValue EV = percent complete × BAC
 * @param actualCost AC, the actual costs incurred by that date
 * @param scheduleVariance SV = EV − PV
 * @param costVariance CV = EV − AC
 * @param schedulePerformanceIndex SPI = EV / PV
 * @param costPerformanceIndex CPI = EV / AC
 * @param method how EAC is forecast
 * @param estimateAtCompletion EAC by the method
 * @param estimateToComplete ETC = EAC − AC
 * @param varianceAtCompletion VAC = BAC − EAC
 * @param toCompletePerformanceIndex TCPI to BAC = (BAC − EV) / (BAC − AC)
 * @param toCompletePerformanceIndexToEac TCPI to EAC = (BAC − EV) / (EAC − AC)
 * @param undefined why each {@code null} figure is undefined, by its name
 */
public record EarnedValue(LocalDate asOf, String currency, BigDecimal budgetAtCompletion, BigDecimal percentComplete,
		BigDecimal plannedValue, BigDecimal earnedValue, BigDecimal actualCost, BigDecimal scheduleVariance,
		BigDecimal costVariance, BigDecimal schedulePerformanceIndex, BigDecimal costPerformanceIndex, EacMethod method,
		BigDecimal estimateAtCompletion, BigDecimal estimateToComplete, BigDecimal varianceAtCompletion,
		BigDecimal toCompletePerformanceIndex, BigDecimal toCompletePerformanceIndexToEac,
		Map<String, String> undefined) {

	/** The decimals of an index. */
	public static final int INDEX_SCALE = 4;

	private static final MathContext EXACT = MathContext.DECIMAL128;

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	/**
	 * Computes the figures.
	 * @param asOf the date
	 * @param currency the budget's currency
	 * @param bac BAC on that date
	 * @param pv PV by that date
	 * @param percentComplete the percent complete reported by that date, or {@code null}
	 * if none was
	 * @param ac AC by that date
	 * @param method how EAC is forecast
	 * @return the earned value
	 */
	public static EarnedValue of(LocalDate asOf, String currency, BigDecimal bac, BigDecimal pv,
			BigDecimal percentComplete, BigDecimal ac, EacMethod method) {
		return of(asOf, currency, bac, pv, percentComplete,
				(percentComplete != null) ? bac.multiply(percentComplete).divide(HUNDRED, EXACT) : null, ac, method);
	}

	/**
	 * Computes the figures from an earned value measured against another BAC than the one
	 * the forecasts are made for: after a rebaseline, the work a report found done is
	 * worth what it was worth then, and the forecasts are of the new BAC.
	 * @param asOf the date
	 * @param currency the budget's currency
	 * @param bac BAC the forecasts are made for
	 * @param pv PV by that date
	 * @param percentComplete the percent complete reported, or {@code null} if none was
	 * @param earned EV, unrounded, or {@code null} if no progress was reported
	 * @param ac AC by that date
	 * @param method how EAC is forecast
	 * @return the earned value
	 */
	public static EarnedValue of(LocalDate asOf, String currency, BigDecimal bac, BigDecimal pv,
			BigDecimal percentComplete, BigDecimal earned, BigDecimal ac, EacMethod method) {
		int scale = Amounts.scaleOf(currency);
		Map<String, String> undefined = new LinkedHashMap<>();
		if (earned == null) {
			String reason = "no progress was reported by " + asOf;
			for (String name : new String[] { "earnedValue", "scheduleVariance", "costVariance",
					"schedulePerformanceIndex", "costPerformanceIndex", "estimateAtCompletion", "estimateToComplete",
					"varianceAtCompletion", "toCompletePerformanceIndex", "toCompletePerformanceIndexToEac" }) {
				undefined.put(name, reason);
			}
			return new EarnedValue(asOf, currency, bac, null, money(pv, scale), null, money(ac, scale), null, null,
					null, null, method, null, null, null, null, null, Collections.unmodifiableMap(undefined));
		}
		BigDecimal ev = earned;
		BigDecimal workLeft = bac.subtract(ev);
		BigDecimal spi = null;
		if (pv.signum() == 0) {
			undefined.put("schedulePerformanceIndex", "PV is zero: no work was planned by " + asOf);
		}
		else {
			spi = ev.divide(pv, EXACT);
		}
		BigDecimal cpi = null;
		if (ac.signum() == 0) {
			undefined.put("costPerformanceIndex", "AC is zero: nothing was spent by " + asOf);
		}
		else {
			cpi = ev.divide(ac, EXACT);
		}
		BigDecimal eac = estimateAtCompletion(method, bac, pv, ev, ac, cpi, spi, undefined);
		BigDecimal tcpi = null;
		BigDecimal fundsLeft = bac.subtract(ac);
		if (fundsLeft.signum() == 0) {
			undefined.put("toCompletePerformanceIndex", "AC has reached BAC: no budget is left for the work remaining");
		}
		else if (fundsLeft.signum() < 0) {
			undefined.put("toCompletePerformanceIndex", "AC exceeds BAC: the work remaining cannot be done within BAC");
		}
		else {
			tcpi = workLeft.divide(fundsLeft, EXACT);
		}
		BigDecimal tcpiToEac = null;
		if (eac == null) {
			undefined.put("estimateToComplete", "EAC is undefined");
			undefined.put("varianceAtCompletion", "EAC is undefined");
			undefined.put("toCompletePerformanceIndexToEac", "EAC is undefined");
		}
		else if (eac.compareTo(ac) <= 0) {
			undefined.put("toCompletePerformanceIndexToEac",
					"EAC does not exceed AC: no cost is forecast for the work remaining");
		}
		else {
			tcpiToEac = workLeft.divide(eac.subtract(ac), EXACT);
		}
		return new EarnedValue(asOf, currency, bac, percentComplete, money(pv, scale), money(ev, scale),
				money(ac, scale), money(ev.subtract(pv), scale), money(ev.subtract(ac), scale), index(spi), index(cpi),
				method, money(eac, scale), (eac != null) ? money(eac.subtract(ac), scale) : null,
				(eac != null) ? money(bac.subtract(eac), scale) : null, index(tcpi), index(tcpiToEac),
				Collections.unmodifiableMap(undefined));
	}

	private static BigDecimal estimateAtCompletion(EacMethod method, BigDecimal bac, BigDecimal pv, BigDecimal ev,
			BigDecimal ac, BigDecimal cpi, BigDecimal spi, Map<String, String> undefined) {
		BigDecimal workLeft = bac.subtract(ev);
		switch (method) {
			case ATYPICAL:
				return ac.add(workLeft);
			case CPI:
				if (cpi == null) {
					undefined.put("estimateAtCompletion", "BAC / CPI needs CPI, and CPI is undefined");
					return null;
				}
				if (ev.signum() == 0) {
					undefined.put("estimateAtCompletion", "no value was earned yet: BAC / CPI is unbounded");
					return null;
				}
				return bac.multiply(ac).divide(ev, EXACT);
			case CPI_SPI:
				if (workLeft.signum() == 0) {
					// Nothing is left to do, at any performance.
					return ac;
				}
				if (cpi == null || spi == null) {
					undefined.put("estimateAtCompletion", "AC + (BAC − EV) / (CPI × SPI) needs CPI and SPI, and "
							+ ((cpi == null) ? "CPI" : "SPI") + " is undefined");
					return null;
				}
				if (ev.signum() == 0) {
					undefined.put("estimateAtCompletion",
							"no value was earned yet: AC + (BAC − EV) / (CPI × SPI) is unbounded");
					return null;
				}
				// (BAC − EV) / (CPI × SPI) = (BAC − EV) × AC × PV / EV²
				return ac.add(workLeft.multiply(ac).multiply(pv).divide(ev.multiply(ev), EXACT));
			default:
				throw new IllegalArgumentException("unknown method " + method);
		}
	}

	private static BigDecimal money(BigDecimal amount, int scale) {
		return (amount != null) ? amount.setScale(scale, RoundingMode.HALF_EVEN) : null;
	}

	private static BigDecimal index(BigDecimal value) {
		return (value != null) ? value.setScale(INDEX_SCALE, RoundingMode.HALF_EVEN) : null;
	}

}
