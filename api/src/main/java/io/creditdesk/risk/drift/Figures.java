package io.creditdesk.risk.drift;

/** GraphQL floats cannot carry NaN or infinities: an undefined figure is null. */
final class Figures {

	private Figures() {
	}

	static Double finite(double value) {
		return Double.isFinite(value) ? value : null;
	}

}
