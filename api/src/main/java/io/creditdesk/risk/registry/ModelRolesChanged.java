package io.creditdesk.risk.registry;

/**
 * The champion or challenger changed on this instance (the registry's roles reached
 * {@code generation}).
 */
record ModelRolesChanged(long generation) {
}
