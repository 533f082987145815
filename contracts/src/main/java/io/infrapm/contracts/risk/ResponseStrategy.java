package io.infrapm.contracts.risk;

import java.util.EnumSet;
import java.util.Set;

/**
 * How a risk is responded to, after the PMBOK Guide: threats are escalated, avoided,
 * transferred, mitigated or accepted; opportunities escalated, exploited, shared,
 * enhanced or accepted.
 */
public enum ResponseStrategy {

	/** Beyond the project's authority: handed to the sponsor or steering committee. */
	ESCALATE,

	/** A threat: change the plan so it cannot happen. */
	AVOID,

	/** A threat: shift it to a third party (insurance, contract). */
	TRANSFER,

	/** A threat: lower its probability or impact. */
	MITIGATE,

	/** An opportunity: make sure it happens. */
	EXPLOIT,

	/** An opportunity: share it with a party better placed to seize it. */
	SHARE,

	/** An opportunity: raise its probability or impact. */
	ENHANCE,

	/** Either: take it as it comes. */
	ACCEPT;

	private static final Set<ResponseStrategy> THREATS = EnumSet.of(ESCALATE, AVOID, TRANSFER, MITIGATE, ACCEPT);

	private static final Set<ResponseStrategy> OPPORTUNITIES = EnumSet.of(ESCALATE, EXPLOIT, SHARE, ENHANCE, ACCEPT);

	/**
	 * Whether this strategy answers a risk of a type.
	 * @param type threat or opportunity
	 * @return {@code true} if it does
	 */
	public boolean answers(RiskType type) {
		return ((type == RiskType.THREAT) ? THREATS : OPPORTUNITIES).contains(this);
	}

}
