package io.creditdesk.customer;

/** The kinds of risk flag; a raised flag makes credit checks refuse the customer. */
public enum RiskFlagType {

	BUREAU, FRAUD

}
