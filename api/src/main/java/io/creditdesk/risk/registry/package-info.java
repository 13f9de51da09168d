/**
 * The model registry: every model version the service knows (uploaded, trained in the
 * service, or the build's champion registered at first start), its bytes in GridFS with
 * their SHA-256 verified before the version is ready, and which one is champion and
 * challenger. The roles live in one document ({@link RegistryState}), changed by one
 * conditional update each ({@link RegistryTransitions} decides, the store compares and
 * sets with the audit record in the same write), so there is always exactly one champion
 * and at most one challenger. {@link RegistryActiveModels} polls that document's
 * generation on every instance and switches to a new champion within seconds, loading and
 * warming it before the old one is dropped. A name's characters ({@link ModelNames}) and
 * a card's texts ({@link CardMarkup}: markdown without raw HTML) are checked by plain
 * rules before a version is registered.
 */
package io.creditdesk.risk.registry;
