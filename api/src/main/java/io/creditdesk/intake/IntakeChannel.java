package io.creditdesk.intake;

/**
 * The sales channels orders come in from; {@link #code()} prefixes order ids and names
 * topics.
 */
public enum IntakeChannel {

	WEBSHOP("webshop"), EDI("edi"), MARKETPLACE("marketplace"), SALESREP("salesrep");

	private final String code;

	IntakeChannel(String code) {
		this.code = code;
	}

	public String code() {
		return this.code;
	}

	/** The default raw topic, e.g. {@code orders.raw.webshop}. */
	public String defaultTopic() {
		return "orders.raw." + this.code;
	}

}
