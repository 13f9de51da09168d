package io.creditdesk.scoring.intake;

/**
 * Stands for a class an attacker names in a model file: loading it runs its static
 * initializer, which trips {@link Tripwire} (kept outside, since reading a field of this
 * class would load it). Its name is as long as
 * {@code org.tribuo.provenance.SimpleDataSourceProvenance}, so it can replace that name
 * in a file byte for byte.
 */
final class GadgetProvenanceAbc {

	static {
		Tripwire.tripped = true;
	}

	private GadgetProvenanceAbc() {
	}

	/** Whether the gadget has been loaded. */
	static final class Tripwire {

		static volatile boolean tripped;

		private Tripwire() {
		}

	}

}
