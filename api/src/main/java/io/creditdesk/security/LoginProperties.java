package io.creditdesk.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in with a password (README, "Authentication"): how long a verified credential is
 * remembered, and how failed attempts are throttled.
 *
 * @param credentialCacheTtl how long a verified user name and password skip the password
 * hash check (a changed password, a disabled or locked user take effect at once
 * regardless)
 * @param userFreeAttempts failed attempts for one user name before each further one must
 * wait
 * @param userLockoutAfter failed attempts for one user name after which it is locked
 * @param addressFreeAttempts failed attempts from one client address before each further
 * one must wait (any user name, and API keys)
 * @param addressLockoutAfter failed attempts from one client address after which it is
 * locked
 * @param firstDelay the wait after the first failure past the free ones; it doubles with
 * each further failure
 * @param maxDelay the longest wait between two attempts before the lockout
 * @param lockout how long a lockout lasts; it ends then whatever is tried meanwhile, and
 * failures are forgotten that long after the last one
 * @param knownAddressTtl how long an address a user signed in from stays exempt from that
 * user name's throttle
 */
@ConfigurationProperties("creditdesk.security.login")
public record LoginProperties(@DefaultValue("5m") Duration credentialCacheTtl, @DefaultValue("5") int userFreeAttempts,
		@DefaultValue("20") int userLockoutAfter, @DefaultValue("20") int addressFreeAttempts,
		@DefaultValue("100") int addressLockoutAfter, @DefaultValue("1s") Duration firstDelay,
		@DefaultValue("60s") Duration maxDelay, @DefaultValue("15m") Duration lockout,
		@DefaultValue("30d") Duration knownAddressTtl) {

	LoginThrottle.Rule userRule() {
		return new LoginThrottle.Rule(this.userFreeAttempts, this.userLockoutAfter, this.firstDelay, this.maxDelay,
				this.lockout);
	}

	LoginThrottle.Rule addressRule() {
		return new LoginThrottle.Rule(this.addressFreeAttempts, this.addressLockoutAfter, this.firstDelay,
				this.maxDelay, this.lockout);
	}

}
