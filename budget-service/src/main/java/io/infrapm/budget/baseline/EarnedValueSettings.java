package io.infrapm.budget.baseline;

import java.math.BigDecimal;

import io.infrapm.contracts.budget.EacMethod;
import io.infrapm.contracts.budget.PerformanceBand;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How budget-service measures performance ({@code infrapm.budget.earned-value.*}): the
 * method its estimates at completion are forecast by unless a request names another, and
 * the bands of CPI and SPI whose crossing publishes {@code CostPerformanceChanged}.
 *
 * @param method the default EAC method
 * @param amberBelow an index below this is amber
 * @param redBelow an index below this is red; at most {@code amberBelow}
 */
@ConfigurationProperties("infrapm.budget.earned-value")
public record EarnedValueSettings(@DefaultValue("CPI") EacMethod method, @DefaultValue("0.95") BigDecimal amberBelow,
		@DefaultValue("0.90") BigDecimal redBelow) {

	public EarnedValueSettings {
		if (redBelow.compareTo(amberBelow) > 0) {
			throw new IllegalArgumentException("infrapm.budget.earned-value.red-below (" + redBelow
					+ ") must not be above amber-below (" + amberBelow + ")");
		}
	}

	/** The defaults, for tests. */
	public static final EarnedValueSettings DEFAULTS = new EarnedValueSettings(EacMethod.CPI, new BigDecimal("0.95"),
			new BigDecimal("0.90"));

	/**
	 * The band an index is in.
	 * @param index CPI or SPI, or {@code null} if undefined
	 * @return its band; an undefined index is green
	 */
	public PerformanceBand band(BigDecimal index) {
		if (index == null || index.compareTo(this.amberBelow) >= 0) {
			return PerformanceBand.GREEN;
		}
		return (index.compareTo(this.redBelow) >= 0) ? PerformanceBand.AMBER : PerformanceBand.RED;
	}

}
