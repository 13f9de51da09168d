package io.creditdesk.common;

/**
 * A sign-in that acts for a machine, not a person (an API key): its requests act with its
 * roles, but it never takes a decision four eyes ask of a person ({@link FourEyes}).
 * Implemented by the authentication such a sign-in puts in the security context, so that
 * {@link Actor#current()} knows it without knowing how machines sign in.
 */
public interface MachineClient {

}
